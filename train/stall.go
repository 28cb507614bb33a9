package train

import (
	"errors"
	"math"
	"strings"
)

// Training that cannot move: overflow that leaves every update zero, or
// that happens before the learning rate has had any say, is reported with
// its cause rather than as a success or as a learning rate too large.

// firstStepCause is the Cause of a non-finite loss or gradient: while the
// weights are those the run started with, it is the data, the initial
// weights or the activation, never the learning rate.
func (t *Trainer) firstStepCause() string {
	if t.state.GlobalStep > 0 && !t.unmoved() {
		return ""
	}
	return "this is before any weight has moved, so not the learning rate: the features, the initial weights or the activation overflow float64 " +
		"(rescale or standardise the features, or use smaller initial weights or activation parameters)"
}

// checkOptimizerState reports, at the end of an epoch, an optimizer state
// that is no longer finite. With finite gradients this is overflow of the
// squared gradients Adam and RMSprop keep: gradients beyond about 1e154,
// from features of that scale, square to +Inf, every update becomes
// m/sqrt(Inf) = 0, and the weights never change while the run appears to
// succeed. It is checked once per epoch, outside the step, where a copy of
// the state costs little against an epoch's steps.
func (t *Trainer) checkOptimizerState() error {
	sd := t.Optimizer.StateDict()
	for _, name := range sortedKeys(sd) {
		for _, v := range sd[name].Data() {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return &NonFiniteError{
					Epoch: t.state.Epoch + 1, Step: t.state.Step, Where: "optimizer state " + name, Value: v,
					Cause: "the gradients overflow when squared, so the updates are 0 and the weights cannot change; " +
						"the features' scale is too large (gradients beyond 1e154): standardise or rescale them",
				}
			}
		}
	}
	return nil
}

// keepInitial copies the parameters as the run starts.
func (t *Trainer) keepInitial() {
	t.initial = nil
	for _, p := range t.Net.Parameters() {
		t.initial = append(t.initial, append([]float64(nil), p.Value().Data()...))
	}
}

// unmoved reports whether, in a fresh run's first epoch, every parameter
// still has the bits it started with.
func (t *Trainer) unmoved() bool {
	if t.initial == nil {
		return false
	}
	for i, p := range t.Net.Parameters() {
		for j, v := range p.Value().Data() {
			if math.Float64bits(v) != math.Float64bits(t.initial[i][j]) {
				return false
			}
		}
	}
	return true
}

// withFirstStepCause gives a non-finite gradient err, from the gradient
// check or from inside a fused update, the cause firstStepCause finds.
func (t *Trainer) withFirstStepCause(err error) error {
	var nf *NonFiniteError
	if errors.As(err, &nf) && nf.Cause == "" && strings.HasPrefix(nf.Where, "gradient") {
		nf.Cause = t.firstStepCause()
	}
	return err
}
