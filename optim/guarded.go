package optim

import "fmt"

// GuardedStepper is implemented by optimizers that check a step while
// they apply it: the pass that updates a parameter also checks that its
// gradient and its new value are finite and keeps what is needed to undo
// it, so that a trainer needs no passes of its own to snapshot, check or
// restore. Every optimizer in this package implements it.
type GuardedStepper interface {
	// GuardedStep applies one update, as Step, if every gradient and every
	// updated parameter is finite, and returns nil. Otherwise it leaves
	// the parameters and the state bit for bit as they were and returns a
	// *NonFiniteError: a non-finite gradient is reported before an update
	// that overflowed, and among them the first in parameter order. It
	// allocates once, on its first call, room for a copy of the parameters
	// and of the state, and nothing afterwards.
	GuardedStep() error
}

var (
	_ GuardedStepper = (*SGD)(nil)
	_ GuardedStepper = (*Adam)(nil)
	_ GuardedStepper = (*AdamW)(nil)
	_ GuardedStepper = (*RMSprop)(nil)
)

// NonFiniteError reports the step that GuardedStep refused and undid.
type NonFiniteError struct {
	Optimizer string  // e.g. "Adam"
	Param     int     // index into Params
	Gradient  bool    // whether the gradient was bad, rather than the update
	Value     float64 // the first NaN or infinite value
}

// Error names the optimizer, the parameter, and what became non-finite.
func (e *NonFiniteError) Error() string {
	what := "update"
	if e.Gradient {
		what = "gradient"
	}
	return fmt.Sprintf("optim: %s: the %s of parameter %d is %v; the step was undone", e.Optimizer, what, e.Param, e.Value)
}

// updater is an optimizer's update of one parameter: it advances s.step,
// reads the state in s.bufs and writes the new state into out, keeps the
// value before the update in pold and writes the new value into p, and
// reports whether every gradient and new value is finite. out may be
// s.bufs and pold may be p, for an update in place.
type updater interface {
	update(p, g, pold []float64, s *slot, out [][]float64, first bool) bool
}

// step applies u in place to every parameter with a gradient.
func (b *base) step(u updater) {
	for i := range b.params {
		p, g, s, first, ok := b.prepare(i)
		if ok {
			u.update(p, g, p, s, s.bufs, first)
		}
	}
}

// guard is what guardedStep keeps to undo a step: each parameter's value
// and step counter before it, and whether it took its first step.
type guard struct {
	old   [][]float64
	steps []float64
	first []bool
}

// guardedStep applies u to every parameter with a gradient, writing the
// new state into the slot's spare buffers, which are swapped in once the
// parameter's pass found everything finite; the first failing pass undoes
// every parameter updated before it, and its own.
func (b *base) guardedStep(u updater) error {
	gd := &b.guard
	if gd.old == nil {
		gd.old = make([][]float64, len(b.params))
		gd.steps = make([]float64, len(b.params))
		gd.first = make([]bool, len(b.params))
	}
	for i := range b.params {
		p, g, s, first, ok := b.prepare(i)
		if !ok {
			continue
		}
		if len(gd.old[i]) != len(p) {
			gd.old[i] = make([]float64, len(p))
		}
		if len(s.spare) != len(s.bufs) {
			s.spare = make([][]float64, len(s.bufs))
		}
		for k := range s.spare {
			if len(s.spare[k]) != len(s.bufs[k]) {
				s.spare[k] = make([]float64, len(s.bufs[k]))
			}
		}
		gd.steps[i], gd.first[i] = s.step, first
		if !u.update(p, g, gd.old[i], s, s.spare, first) {
			return b.undo(i)
		}
		s.bufs, s.spare = s.spare, s.bufs
	}
	return nil
}

// undo reverts the parameters up to k, of which k failed, and names the
// first bad gradient from k on, or else k's first bad new value.
func (b *base) undo(k int) error {
	gd := &b.guard
	bad := firstNonFinite(b.params[k].Value().Data())
	for i := 0; i <= k; i++ {
		s := &b.slots[i]
		if b.params[i].Grad() == nil {
			continue
		}
		if i < k {
			s.bufs, s.spare = s.spare, s.bufs
		}
		copy(b.params[i].Value().Data(), gd.old[i])
		s.step = gd.steps[i]
		if gd.first[i] {
			s.started = false
		}
	}
	for i := k; i < len(b.params); i++ {
		if g := b.params[i].Grad(); g != nil {
			if x := firstNonFinite(g.Data()); x != 0 {
				return &NonFiniteError{Optimizer: b.name, Param: i, Gradient: true, Value: x}
			}
		}
	}
	return &NonFiniteError{Optimizer: b.name, Param: k, Value: bad}
}

// firstNonFinite returns the first NaN or infinite value of x, or 0.
func firstNonFinite(x []float64) float64 {
	for _, v := range x {
		if !finite(v) {
			return v
		}
	}
	return 0
}
