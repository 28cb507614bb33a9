package train

import "math"

// EarlyStopping stops training when a validation metric has not improved
// by more than MinDelta for Patience epochs in a row, as Keras' and
// Lightning's EarlyStopping callbacks do.
type EarlyStopping struct {
	// Metric is a History column measured on validation data, such as
	// ColValLoss (lower is better) or ColValAccuracy and ColValAUC (higher
	// is better).
	Metric string
	// Patience is how many epochs without improvement to allow; 0 means 1.
	Patience int
	// MinDelta is the least change that counts as an improvement.
	MinDelta float64
}

// higherIsBetter reports whether the metric improves upward.
func (e *EarlyStopping) higherIsBetter() bool {
	return e.Metric == ColValAccuracy || e.Metric == ColValAUC
}

// update reads the last epoch's metric into the state and reports whether
// training should stop.
func (e *EarlyStopping) update(s *State) bool {
	v := s.History.Last(e.Metric)
	if math.IsNaN(v) {
		return false
	}
	improved := s.Best == nil
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
		return false
	}
	s.BadEpochs++
	return s.BadEpochs >= max(e.Patience, 1)
}
