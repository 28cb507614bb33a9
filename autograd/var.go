package autograd

import (
	"fmt"

	"github.com/nnlab/nnlab/tensor"
)

// Var is a node of the computation graph: a tensor value, its gradient, and,
// for a computed value, the operands it came from and how to pass a gradient
// back to them.
type Var struct {
	value        *tensor.Tensor
	grad         *tensor.Tensor
	gradZeroed   bool // grad's contents are stale and stand for zero (see ZeroGrad)
	requiresGrad bool
	inference    bool
	tape         *Tape // where v, its value and its gradient come from; nil for the heap
	parents      [3]*Var
	// backward adds out.grad's contribution into the parents' grads. It is
	// a plain function rather than a closure, so that recording an op
	// allocates nothing; what it needs beyond the parents lives in the
	// fields below.
	backward func(out *Var)
	saved    *tensor.Tensor // a loss's local gradient
	fn       UnaryFunc      // Elementwise's function
	rows     []int          // Rows's and LinearRows's picked rows of their input
	factor   float64        // Scale's factor; the count Mean divides by
	walk     uint64         // the last Backward walk that reached v (see topoSort)
}

// Param returns a leaf that requires a gradient: a trainable parameter. The
// Var keeps t (no copy); optimizers update t in place.
func Param(t *tensor.Tensor) *Var { return &Var{value: t, requiresGrad: true} }

// Const returns a leaf that needs no gradient, such as a batch of inputs.
func Const(t *tensor.Tensor) *Var { return &Var{value: t} }

// Inference returns a leaf in inference mode: no operation that has it as
// an operand records a graph, and their results are in inference mode too,
// so a whole forward pass from it builds nothing to differentiate, as under
// PyTorch's torch.no_grad().
func Inference(t *tensor.Tensor) *Var { return &Var{value: t, inference: true} }

// Value returns the Var's tensor.
func (v *Var) Value() *tensor.Tensor { return v.value }

// Grad returns the accumulated gradient, or nil if none has reached v.
// It clears a gradient that ZeroGrad has set to zero, so it writes: like
// the rest of a Var, it is not for two goroutines at once.
func (v *Var) Grad() *tensor.Tensor {
	v.clearZeroed()
	return v.grad
}

// RequiresGrad reports whether gradients flow to v.
func (v *Var) RequiresGrad() bool { return v.requiresGrad }

// IsLeaf reports whether v was made directly rather than computed.
func (v *Var) IsLeaf() bool { return v.backward == nil }

// Shape is short for v.Value().Shape().
func (v *Var) Shape() []int { return v.value.Shape() }

// Item returns the value of a one-element Var. It panics, naming v's
// shape, if v has another number of elements.
func (v *Var) Item() float64 {
	if v.value.Len() != 1 {
		panic(fmt.Sprintf("autograd: Item: shape %v has %d elements, not 1", v.Shape(), v.value.Len()))
	}
	return v.value.Data()[0]
}

// ZeroGrad sets v's gradient to zero, keeping its buffer for reuse. The
// buffer is cleared when the gradient is next read ([Var.Grad]) or added
// to, and not at all when the next backward pass writes it whole (as
// [Linear] does for its weight and input): a training step then spends no
// pass over its gradients clearing them. A tensor taken from Grad before
// ZeroGrad may therefore keep its old values, as in PyTorch 2, whose
// zero_grad lets go of the gradient tensors.
func (v *Var) ZeroGrad() {
	if v.grad != nil {
		v.gradZeroed = true
	}
}

// clearZeroed clears a gradient that ZeroGrad has set to zero.
func (v *Var) clearZeroed() {
	if v.gradZeroed {
		v.grad.Zero()
		v.gradZeroed = false
	}
}

// Detach returns a leaf sharing v's value that needs no gradient.
func (v *Var) Detach() *Var {
	d := v.tape.newVar(v.value)
	d.inference = v.inference
	return d
}

// String describes the Var for debugging.
func (v *Var) String() string {
	return fmt.Sprintf("Var(%v, requiresGrad=%v)", v.value, v.requiresGrad)
}

// gradBuf returns v's gradient buffer, allocating a zero one on first use.
func (v *Var) gradBuf() *tensor.Tensor {
	if v.grad == nil {
		v.grad = v.tape.zeros(v.value.Shape()...)
	}
	v.clearZeroed()
	return v.grad
}

// gradOut returns v's gradient buffer for an op that writes a whole
// gradient, and the beta to write it with (tensor.MatMul's): 0, storing
// without reading the buffer, when v has no gradient yet (a new buffer is
// then not cleared) or ZeroGrad has set it to zero; 1, adding, otherwise.
// Storing s gives the bits of adding s to +0, but for the sign of a zero:
// an FMA sum whose products underflow from below (fma(a, b, +0) with a·b
// negative and too small for a subnormal) is -0, which adding to +0 made
// +0 and storing keeps, as PyTorch 2 does, whose gradients start as None
// and take the computed value. Adam and AdamW update the same either way;
// SGD and RMSprop too but for a weight that is exactly -0.
func (v *Var) gradOut() (*tensor.Tensor, float64) {
	switch {
	case v.grad == nil:
		v.grad = v.tape.uncleared(v.value.Shape()...)
		return v.grad, 0
	case v.gradZeroed:
		v.gradZeroed = false
		return v.grad, 0
	}
	return v.grad, 1
}

// tapeOf returns the tape of the first operand that has one: results live
// where their inputs do, so a step started from [Tape.Const] keeps all of
// its storage on that tape.
func tapeOf(operands ...*Var) *Tape {
	for _, p := range operands {
		if p != nil && p.tape != nil {
			return p.tape
		}
	}
	return nil
}

// result wraps the value of an operation on at most three operands, on
// tape tp. It records the graph only when some operand requires a gradient
// and none is in inference mode.
func result(tp *Tape, value *tensor.Tensor, backward func(out *Var), operands ...*Var) *Var {
	out := tp.newVar(value)
	for _, p := range operands {
		if p == nil {
			continue
		}
		if p.inference {
			out.requiresGrad, out.inference = false, true
			return out
		}
		if p.requiresGrad {
			out.requiresGrad = true
		}
	}
	if out.requiresGrad {
		copy(out.parents[:], operands)
		out.backward = backward
	}
	return out
}

// mustSameShape panics, naming op and both shapes, unless a and b have one
// shape: the check at the door of the elementwise ops on two operands.
func mustSameShape(op string, a, b *Var) {
	if !tensor.SameShape(a.value, b.value) {
		panic(fmt.Sprintf("autograd: %s: shapes %v and %v differ", op, a.Shape(), b.Shape()))
	}
}

// needs reports whether a gradient should be passed to operand p.
func needs(p *Var) bool { return p != nil && p.requiresGrad }
