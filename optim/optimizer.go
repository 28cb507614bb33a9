package optim

import (
	"fmt"
	"math"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/tensor"
)

// Optimizer updates a fixed list of parameters from their gradients.
//
// Step applies one update to every parameter whose Grad is not nil, in
// place on its value; parameters without a gradient are skipped and their
// state does not advance, as PyTorch skips a p.grad of None. StateDict and
// LoadStateDict carry everything a resumed run needs to continue with
// bit-identical updates.
type Optimizer interface {
	// Step applies one update.
	Step()
	// ZeroGrad zeroes every parameter's gradient, keeping the buffers.
	ZeroGrad()
	// LR returns the current learning rate.
	LR() float64
	// SetLR sets the learning rate of the following steps, typically from
	// a Schedule at the start of each epoch.
	SetLR(lr float64)
	// Params returns the parameters, shared: the caller must not modify
	// the slice.
	Params() []*autograd.Var
	// StateDict returns a copy of the optimizer's state.
	StateDict() map[string]*tensor.Tensor
	// LoadStateDict replaces the state with a copy of sd, or returns an
	// error and changes nothing.
	LoadStateDict(sd map[string]*tensor.Tensor) error
}

var (
	_ Optimizer = (*SGD)(nil)
	_ Optimizer = (*Adam)(nil)
	_ Optimizer = (*AdamW)(nil)
	_ Optimizer = (*RMSprop)(nil)
)

// base holds what every optimizer shares: the parameters, the learning
// rate and the per-parameter state. Its exported methods are promoted to
// the optimizer types.
type base struct {
	name     string // for messages, e.g. "Adam"
	params   []*autograd.Var
	lr       float64
	hasStep  bool     // whether the state includes a step counter
	bufNames []string // names of the per-parameter buffers, in slot.bufs order
	slots    []slot
	saved    *snapshot // see Snapshot; nil until the first
	guard    guard     // see GuardedStep
	split    splitJobs // see split.go
}

// slot is one parameter's state. It is created on the parameter's first
// step, as PyTorch creates state lazily, so that a parameter that never
// receives a gradient costs nothing and appears nowhere in the state dict.
type slot struct {
	started bool
	step    float64 // a float, as PyTorch keeps it, since only powers use it
	bufs    [][]float64
	spare   [][]float64 // GuardedStep writes the new state here, then swaps
}

func newBase(name string, params []*autograd.Var, lr float64, hasStep bool, bufNames ...string) (base, error) {
	if len(params) == 0 {
		return base{}, fmt.Errorf("optim: %s: empty parameter list", name)
	}
	seen := make(map[*autograd.Var]int, len(params))
	for i, p := range params {
		if p == nil {
			return base{}, fmt.Errorf("optim: %s: parameter %d is nil", name, i)
		}
		if j, dup := seen[p]; dup {
			return base{}, fmt.Errorf("optim: %s: parameters %d and %d are the same Var", name, j, i)
		}
		if !p.IsLeaf() {
			return base{}, fmt.Errorf("optim: %s: parameter %d is computed, not a leaf", name, i)
		}
		seen[p] = i
	}
	return base{
		name:     name,
		params:   append([]*autograd.Var(nil), params...),
		lr:       lr,
		hasStep:  hasStep,
		bufNames: bufNames,
		slots:    make([]slot, len(params)),
	}, nil
}

// LR returns the current learning rate.
func (b *base) LR() float64 { return b.lr }

// SetLR sets the learning rate of the following steps. It panics if lr is
// negative or not finite: schedules produce valid rates from valid
// configurations, so a bad one is a programming error.
func (b *base) SetLR(lr float64) {
	if !(lr >= 0) || math.IsInf(lr, 1) {
		panic(fmt.Sprintf("optim: %s: SetLR(%v): learning rate must be finite and >= 0", b.name, lr))
	}
	b.lr = lr
}

// Params returns the parameters, shared: the caller must not modify the
// slice.
func (b *base) Params() []*autograd.Var { return b.params }

// ZeroGrad zeroes every parameter's gradient, keeping the buffers for the
// next backward pass.
func (b *base) ZeroGrad() {
	for _, p := range b.params {
		p.ZeroGrad()
	}
}

// prepare returns parameter i's value and gradient data and its state, or
// ok false when the parameter has no gradient and must be skipped. first
// reports whether this is the parameter's first step, whose buffers it has
// just allocated (zeroed).
func (b *base) prepare(i int) (p, g []float64, s *slot, first, ok bool) {
	v := b.params[i]
	gt := v.Grad()
	if gt == nil {
		return nil, nil, nil, false, false
	}
	p, g = v.Value().Data(), gt.Data()
	if len(p) != len(g) {
		panic(fmt.Sprintf("optim: %s: Step: parameter %d has shape %v but gradient shape %v",
			b.name, i, v.Value().Shape(), gt.Shape()))
	}
	s = &b.slots[i]
	if !s.started {
		s.started, first = true, true
		s.bufs = make([][]float64, len(b.bufNames))
		for k := range s.bufs {
			s.bufs[k] = make([]float64, len(p))
		}
	}
	return p, g, s, first, true
}

// errConfig formats a configuration error naming the field and its value.
func errConfig(typ, field string, v any, want string) error {
	return fmt.Errorf("optim: %s.%s = %v: %s", typ, field, v, want)
}

// checkRate validates a learning rate: 0 is allowed, and leaves the
// parameters where they are.
func checkRate(typ string, lr float64) error { return checkNonNeg(typ, "LR", lr) }

// checkPositive validates a coefficient that must not be zero.
func checkPositive(typ, field string, v float64) error {
	if !(v > 0) || math.IsInf(v, 1) {
		return errConfig(typ, field, v, "must be finite and > 0")
	}
	return nil
}

// checkNonNeg validates a coefficient that may be zero.
func checkNonNeg(typ, field string, v float64) error {
	if !(v >= 0) || math.IsInf(v, 1) {
		return errConfig(typ, field, v, "must be finite and >= 0")
	}
	return nil
}

// checkFinite validates a coefficient PyTorch puts no bound on.
func checkFinite(typ, field string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return errConfig(typ, field, v, "must be finite")
	}
	return nil
}

// checkUnit validates a decay rate in [0, 1).
func checkUnit(typ, field string, v float64) error {
	if !(v >= 0 && v < 1) {
		return errConfig(typ, field, v, "must be in [0, 1)")
	}
	return nil
}

// firstErr returns the first non-nil error.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
