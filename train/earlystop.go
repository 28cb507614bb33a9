package train

import (
	"fmt"
	"math"

	"github.com/nnlab/nnlab/tensor"
)

// EarlyStopping stops training when a validation metric has not improved
// by more than MinDelta for Patience epochs in a row, as Keras' and
// Lightning's EarlyStopping callbacks do. State.BestEpoch records the
// epoch of the best value.
type EarlyStopping struct {
	// Metric is a History column measured on validation data, such as
	// ColValLoss (lower is better) or ColValAccuracy and ColValAUC (higher
	// is better).
	Metric string
	// Patience is how many epochs without improvement to allow; 0 means 1.
	Patience int
	// MinDelta is the least change that counts as an improvement.
	MinDelta float64
	// RestoreBest keeps a copy of the weights of the best epoch so far
	// (State.BestWeights) and loads it into the network when training
	// ends, stopped early or not, as Keras' restore_best_weights does. Off,
	// the network keeps the last epoch's weights. A resumed run keeps the
	// copy: it is saved in checkpoints with the rest of the State.
	RestoreBest bool
}

// higherIsBetter reports whether the metric improves upward.
func (e *EarlyStopping) higherIsBetter() bool {
	return e.Metric == ColValAccuracy || e.Metric == ColValAUC
}

// update reads the last epoch's metric into the state and reports whether
// it improved on the best so far and whether training should stop.
func (e *EarlyStopping) update(s *State) (improved, stop bool) {
	v := s.History.Last(e.Metric)
	if math.IsNaN(v) {
		return false, false
	}
	improved = s.Best == nil
	if !improved {
		if e.higherIsBetter() {
			improved = v > *s.Best+e.MinDelta
		} else {
			improved = v < *s.Best-e.MinDelta
		}
	}
	if improved {
		s.Best = &v
		s.BadEpochs = 0
		return true, false
	}
	s.BadEpochs++
	return false, s.BadEpochs >= max(e.Patience, 1)
}

// earlyStop updates the early-stopping state after an epoch: the best
// epoch, a copy of its weights if they are to be restored, and whether
// training stops.
func (t *Trainer) earlyStop() {
	e := t.EarlyStopping
	if e == nil {
		return
	}
	improved, stop := e.update(&t.state)
	if improved {
		t.state.BestEpoch = t.state.Epoch
		if e.RestoreBest {
			t.state.BestWeights = cloneTensors(t.Net.StateDict())
		}
	}
	t.state.Stopped = stop
}

// restoreBest loads the best epoch's weights into the network at the end
// of training, if the early stopping asks for it.
func (t *Trainer) restoreBest() error {
	if e := t.EarlyStopping; e == nil || !e.RestoreBest || t.state.BestWeights == nil {
		return nil
	}
	if err := t.Net.LoadStateDict(t.state.BestWeights); err != nil {
		return fmt.Errorf("train: restoring the best epoch's weights: %v", err)
	}
	return nil
}

// cloneTensors deep-copies a map of tensors.
func cloneTensors(m map[string]*tensor.Tensor) map[string]*tensor.Tensor {
	if m == nil {
		return nil
	}
	out := make(map[string]*tensor.Tensor, len(m))
	for k, v := range m {
		out[k] = v.Clone()
	}
	return out
}
