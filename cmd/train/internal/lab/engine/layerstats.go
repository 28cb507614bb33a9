package engine

import (
	"fmt"

	"github.com/nnlab/nnlab/train"
)

// LayerStats are a run's per-layer diagnostics, one value per epoch trained,
// as the page charts them. They are the columns the Trainer's Diagnostics
// add to the History (train fit writes the same ones to history.csv), so
// they cost nothing beyond what an epoch already measures:
//
//   - DeadFraction[k][e]: the fraction of hidden layer k+1's units whose
//     pre-activation (the Dense layer's output, before the activation) is
//     positive for no training row, measured after epoch e+1 in evaluation
//     mode (dead_fraction_K).
//   - ActivationRate[k][e]: the fraction of (training row, unit) pairs of
//     hidden layer k+1 whose pre-activation is positive, measured likewise
//     (activation_rate_K). For relu that is the fraction of the layer's
//     outputs that are not zero; for every activation it is the same test,
//     z > 0, so that layers of different activations compare.
//   - GradNorm[k][e]: the mean, over the steps of epoch e+1, of the L2
//     (Frobenius) norm of the gradient of the training loss (penalties
//     included) with respect to Dense layer k+1's weight matrix, the bias
//     left out (grad_norm_K). Its last row is the output layer.
type LayerStats struct {
	DeadFraction   [][]float64 `json:"deadFraction"`
	ActivationRate [][]float64 `json:"activationRate"`
	GradNorm       [][]float64 `json:"gradNorm"`
}

// LayerStats returns the run's per-layer diagnostics so far; each series
// is empty before the first Step.
func (s *Session) LayerStats() LayerStats {
	dense := len(s.model.Sizes) - 1
	st := LayerStats{
		DeadFraction:   make([][]float64, dense-1),
		ActivationRate: make([][]float64, dense-1),
		GradNorm:       make([][]float64, dense),
	}
	h := s.hist
	if h == nil {
		h = &train.History{}
	}
	for k := range dense {
		if k < dense-1 {
			st.DeadFraction[k] = series(h, fmt.Sprintf("dead_fraction_%d", k+1))
			st.ActivationRate[k] = series(h, fmt.Sprintf("activation_rate_%d", k+1))
		}
		st.GradNorm[k] = series(h, fmt.Sprintf("grad_norm_%d", k+1))
	}
	return st
}

// series is h's column name, empty (not nil) when h has no such column.
func series(h *train.History, name string) []float64 {
	if v := h.Series(name); v != nil {
		return v
	}
	return []float64{}
}
