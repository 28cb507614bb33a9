package train

import (
	"fmt"
	"math"

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

// snapshot copies every parameter, and the optimizer's state when it is an
// optim.Snapshotter, before the update, so that an update that overflows
// can be undone whole and training keeps its last good state. The copies
// cost a memmove of the parameters and the optimizer's buffers per step, a
// few percent of a step at most, into buffers allocated once.
func (l *stepLoop) snapshot() {
	if s, ok := l.t.Optimizer.(optim.Snapshotter); ok {
		s.Snapshot()
	}
	if l.saved == nil {
		l.saved = make([][]float64, len(l.params))
		for i, p := range l.params {
			l.saved[i] = make([]float64, p.Var.Value().Len())
		}
	}
	for i, p := range l.params {
		copy(l.saved[i], p.Var.Value().Data())
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
				copy(q.Var.Value().Data(), l.saved[i])
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
