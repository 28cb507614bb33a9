package engine

import (
	"math"

	"github.com/nnlab/nnlab/train"
	"github.com/nnlab/nnlab/train/metrics"
)

// MaxROCPoints bounds the ROC curve sent to the page: a longer curve is
// thinned to this many points, its ends kept.
const MaxROCPoints = 400

// TestMetrics are the measures of the test part the page shows besides
// the history's: the ROC curve of a two-class model, RMSE and R² of a
// regression model. Fields that do not apply are empty or NaN.
type TestMetrics struct {
	// FPR and TPR are the ROC curve (metrics.ROC), thinned to at most
	// MaxROCPoints points; ROCPoints is the full curve's length.
	FPR       []Num `json:"fpr,omitempty"`
	TPR       []Num `json:"tpr,omitempty"`
	ROCPoints int   `json:"rocPoints,omitempty"`
	// AUC is the area under the full curve (metrics.AUC).
	AUC  Num `json:"auc"`
	RMSE Num `json:"rmse"`
	R2   Num `json:"r2"`
}

// TestMetrics measures the network on the test part now.
func (s *Session) TestMetrics() TestMetrics {
	m := TestMetrics{AUC: Num(math.NaN()), RMSE: Num(math.NaN()), R2: Num(math.NaN())}
	out := s.model.Net.Predict(s.test.X)
	if s.model.Regression {
		want := s.test.Target.Data()
		m.RMSE, m.R2 = Num(metrics.RMSE(want, out.Data())), Num(metrics.R2(want, out.Data()))
		return m
	}
	p := train.Probabilities(out, s.model.Loss)
	if p.Cols() != 2 {
		return m
	}
	scores := make([]float64, p.Rows())
	for i := range scores {
		scores[i] = p.At(i, 1)
	}
	roc, err := metrics.ROC(s.test.Labels, scores)
	if err != nil { // a diverged network's NaN scores, or one class only
		return m
	}
	m.AUC = Num(metrics.AUC(roc))
	m.ROCPoints = len(roc.FPR)
	step := max(1, (len(roc.FPR)+MaxROCPoints-2)/(MaxROCPoints-1))
	for i := 0; i < len(roc.FPR); i += step {
		m.FPR, m.TPR = append(m.FPR, Num(roc.FPR[i])), append(m.TPR, Num(roc.TPR[i]))
	}
	if last := len(roc.FPR) - 1; last%step != 0 {
		m.FPR, m.TPR = append(m.FPR, Num(roc.FPR[last])), append(m.TPR, Num(roc.TPR[last]))
	}
	return m
}
