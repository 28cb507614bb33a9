package train

import (
	"math"

	"github.com/nnlab/nnlab/tensor"
)

// A step that overflows a parameter is undone, so that the model keeps its
// last good values.

// snapshot copies every parameter before the update, so that an update
// that overflows can be undone and the model keeps its last good values.
// The copy costs a memmove of the parameters per step, a few percent of
// a step at most, into buffers allocated once.
func (l *stepLoop) snapshot() {
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
// every parameter to its value before the update.
func (l *stepLoop) checkUpdate(epoch, step int) error {
	for _, p := range l.params {
		if v := p.Var.Value(); !v.IsFinite() {
			bad := firstNonFinite(v)
			for i, q := range l.params {
				copy(q.Var.Value().Data(), l.saved[i])
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
