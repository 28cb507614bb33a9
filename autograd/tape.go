package autograd

import "github.com/nnlab/nnlab/tensor"

// Tape is the storage of a computation that is repeated, such as a training
// step: the Vars it creates, their values and gradients, the buffers its
// ops keep for their backward passes, and Backward's scratch space. A step
// starts from a leaf made on the tape ([Tape.Const] or [Tape.Inference]);
// every op then takes its result from the tape of its operands, as the
// inference mode travels, so the define-by-run code of a model does not
// change. [Tape.Reset] takes everything back at once, and the next step,
// which builds the same graph again, finds its buffers where the previous
// one left them (matched by position, see [tensor.Arena]) and allocates
// nothing.
//
// Parameters are not on the tape: their values and gradients persist
// across steps. The zero Tape is ready to use. A Tape is not safe for
// concurrent use: give each goroutine its own.
type Tape struct {
	arena tensor.Arena
	vars  []*Var
	next  int
	order []*Var  // Backward's topological order
	stack []frame // and its depth-first stack
}

// Const returns a leaf on the tape that needs no gradient, as [Const].
func (t *Tape) Const(x *tensor.Tensor) *Var { return t.newVar(x) }

// Inference returns a leaf on the tape in inference mode, as [Inference].
func (t *Tape) Inference(x *tensor.Tensor) *Var {
	v := t.newVar(x)
	v.inference = true
	return v
}

// Reset recycles every Var and tensor that the tape has handed out since
// the last Reset. They must not be used afterwards: the next step
// overwrites them. Gradients of parameters are not touched.
func (t *Tape) Reset() {
	t.arena.Reset()
	t.next = 0
}

// newVar returns a Var holding value, from the tape if t is not nil.
func (t *Tape) newVar(value *tensor.Tensor) *Var {
	if t == nil {
		return &Var{value: value}
	}
	if t.next == len(t.vars) {
		t.vars = append(t.vars, new(Var))
	}
	v := t.vars[t.next]
	t.next++
	*v = Var{value: value, tape: t}
	return v
}

// zeros returns a zero tensor from the tape's arena, or from the heap if t
// is nil.
func (t *Tape) zeros(shape ...int) *tensor.Tensor {
	if t == nil {
		return tensor.Zeros(shape...)
	}
	return t.arena.Zeros(shape...)
}

// uncleared is zeros for a result that the op overwrites in full: a
// recycled tensor is not cleared first (see [tensor.Arena.Uncleared]).
func (t *Tape) uncleared(shape ...int) *tensor.Tensor {
	if t == nil {
		return tensor.Zeros(shape...)
	}
	return t.arena.Uncleared(shape...)
}
