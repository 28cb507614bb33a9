package train

import (
	"errors"
	"fmt"
	"math"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/layer"

	"github.com/nnlab/nnlab/optim"
	"github.com/nnlab/nnlab/tensor"
)

// The step guard: a step whose loss, gradients or update is not finite is
// refused or undone whole, parameters and optimizer state together.

// NonFiniteError reports a loss, gradient or updated parameter that became
// NaN or infinite. Training stops before an update that would use a bad
// loss or gradient, and undoes an update that overflowed a parameter, so
// the model and the optimizer keep their last good state.
type NonFiniteError struct {
	Epoch, Step int    // 1-based
	Where       string // "loss", "gradient of 0.weight", "update of 0.weight" or "optimizer state 0.exp_avg_sq"
	Value       float64
	// Cause, when not empty, says what overflowed where the learning rate
	// cannot be to blame (before the first update, or in the optimizer's
	// squared gradients); Error then says it instead of suggesting a
	// smaller learning rate.
	Cause string
}

// Error names the epoch, the step, what became non-finite and its cause.
func (e *NonFiniteError) Error() string {
	if e.Cause != "" {
		return fmt.Sprintf("training cannot go on at epoch %d, step %d: %s is %v: %s", e.Epoch, e.Step, e.Where, e.Value, e.Cause)
	}
	return fmt.Sprintf("training diverged at epoch %d, step %d: %s is %v (try a smaller learning rate)", e.Epoch, e.Step, e.Where, e.Value)
}

// stepGuard is what the guard keeps between steps.
type stepGuard struct {
	// saved holds the parameters before the last update when the
	// optimizer is no optim.GuardedStepper (see snapshot).
	saved [][]float64
	// For an optim.GuardedStepper: names[i] is the name of the
	// optimizer's parameter i, and outside lists the indexes (into
	// stepLoop.params) of the network's parameters the optimizer does not
	// update, which the trainer checks itself.
	names   []string
	outside []int
	ready   bool
	// gs is the optimizer as an optim.GuardedStepper, or nil, found once:
	// the runtime allocates the first time it caches a type assertion, so
	// asserting at every step would allocate in the middle of a long run.
	gs optim.GuardedStepper
}

// fused returns the optimizer as an optim.GuardedStepper, which checks
// the gradients and the update and undoes a bad step in the pass that
// applies it, or nil.
func (l *stepLoop) fused() optim.GuardedStepper {
	g := &l.guard
	if g.ready {
		return g.gs
	}
	g.ready = true
	gs, ok := l.t.Optimizer.(optim.GuardedStepper)
	if ok {
		g.gs = gs
		index := map[*autograd.Var]int{}
		for i, v := range l.t.Optimizer.Params() {
			index[v] = i
			g.names = append(g.names, fmt.Sprintf("parameter %d of the optimizer", i))
		}
		for k, p := range l.params {
			if i, ok := index[p.Var]; ok {
				g.names[i] = p.Name
			} else {
				g.outside = append(g.outside, k)
			}
		}
	}
	return g.gs
}

// checkGradients reports the first non-finite gradient. With an
// optim.GuardedStepper the update checks its parameters' gradients in its
// own pass, unless gradient diagnostics or clipping read them first.
func (l *stepLoop) checkGradients(epoch, step int) error {
	check := func(p layer.Param) error {
		if g := p.Var.Grad(); g != nil && !g.IsFinite() {
			return &NonFiniteError{Epoch: epoch, Step: step, Where: "gradient of " + p.Name, Value: firstNonFinite(g)}
		}
		return nil
	}
	if l.fused() != nil && !l.t.Diagnostics && l.t.GradClip == nil {
		for _, k := range l.guard.outside {
			if err := check(l.params[k]); err != nil {
				return err
			}
		}
		return nil
	}
	for _, p := range l.params {
		if err := check(p); err != nil {
			return err
		}
	}
	return nil
}

// update applies the optimizer's step, which must leave every parameter
// finite: a step that does not is undone whole and reported.
func (l *stepLoop) update(epoch, step int) error {
	gs := l.fused()
	if gs == nil {
		l.snapshot()
		l.t.Optimizer.Step()
		return l.checkUpdate(epoch, step)
	}
	// The parameters the step leaves alone are checked before it: a
	// non-finite one rejects the step as checkUpdate would after it.
	for _, k := range l.guard.outside {
		if err := l.checkValue(l.params[k], epoch, step); err != nil {
			return err
		}
	}
	for _, p := range l.params {
		if p.Var.Grad() == nil {
			if err := l.checkValue(p, epoch, step); err != nil {
				return err
			}
		}
	}
	if err := gs.GuardedStep(); err != nil {
		var bad *optim.NonFiniteError
		if !errors.As(err, &bad) {
			return err
		}
		if bad.Gradient {
			// Named as checkGradients would, first in the network's order.
			for _, p := range l.params {
				if g := p.Var.Grad(); g != nil && !g.IsFinite() {
					return &NonFiniteError{Epoch: epoch, Step: step, Where: "gradient of " + p.Name, Value: firstNonFinite(g)}
				}
			}
		}
		where := "update of "
		if bad.Gradient {
			where = "gradient of " // of a parameter outside the network
		}
		return &NonFiniteError{Epoch: epoch, Step: step, Where: where + l.guard.names[bad.Param], Value: bad.Value}
	}
	return nil
}

// checkValue reports a parameter the update leaves non-finite.
func (l *stepLoop) checkValue(p layer.Param, epoch, step int) error {
	if v := p.Var.Value(); !v.IsFinite() {
		return &NonFiniteError{Epoch: epoch, Step: step, Where: "update of " + p.Name, Value: firstNonFinite(v)}
	}
	return nil
}

// snapshot copies every parameter, and the optimizer's state when it is an
// optim.Snapshotter, before the update of an optimizer that is no
// optim.GuardedStepper, so that an update that overflows can be undone
// whole and training keeps its last good state.
func (l *stepLoop) snapshot() {
	if s, ok := l.t.Optimizer.(optim.Snapshotter); ok {
		s.Snapshot()
	}
	if l.guard.saved == nil {
		l.guard.saved = make([][]float64, len(l.params))
		for i, p := range l.params {
			l.guard.saved[i] = make([]float64, p.Var.Value().Len())
		}
	}
	for i, p := range l.params {
		copy(l.guard.saved[i], p.Var.Value().Data())
	}
}

// checkUpdate reports a parameter that the update made NaN or infinite
// (finite gradients times a large learning rate can overflow), restoring
// every parameter and the optimizer's state to those before the update. An
// optimizer that cannot restore its state leaves the trainer unable to
// continue (see halfState), rather than continue from half a state.
func (l *stepLoop) checkUpdate(epoch, step int) error {
	for _, p := range l.params {
		if v := p.Var.Value(); !v.IsFinite() {
			bad := firstNonFinite(v)
			for i, q := range l.params {
				copy(q.Var.Value().Data(), l.guard.saved[i])
			}
			if s, ok := l.t.Optimizer.(optim.Snapshotter); ok {
				s.RestoreSnapshot()
			} else {
				l.t.halfState = fmt.Errorf("train: cannot continue: the optimizer (%T) kept its state of the step undone at epoch %d, step %d, since it is no optim.Snapshotter; Restore a checkpoint to go on", l.t.Optimizer, epoch, step)
			}
			return &NonFiniteError{Epoch: epoch, Step: step, Where: "update of " + p.Name, Value: bad}
		}
	}
	return nil
}

func firstNonFinite(t *tensor.Tensor) float64 {
	for _, v := range t.Data() {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return v
		}
	}
	return 0
}
