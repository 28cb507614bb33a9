package metrics

import (
	"math"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

// The expected values are the examples of scikit-learn's documentation of
// r2_score, mean_absolute_error and mean_squared_error.
func TestRegressionMetricsSklearnExamples(t *testing.T) {
	y, p := []float64{3, -0.5, 2, 7}, []float64{2.5, 0.0, 2, 8}
	ym := tensor.New([]float64{0.5, 1, -1, 1, 7, -6}, 3, 2)
	pm := tensor.New([]float64{0, 2, -1, 2, 8, -5}, 3, 2)
	cases := []struct {
		name      string
		got, want float64
	}{
		{"MAE", MAE(y, p), 0.5},
		{"RMSE", RMSE(y, p), 0.6123724356957945},
		{"R2", R2(y, p), 0.9486081370449679},
		{"MAETensor", MAETensor(ym, pm), 0.75},
		{"RMSETensor", RMSETensor(ym, pm), 0.8227486121839513},
		{"R2Tensor", R2Tensor(ym, pm), 0.9368005266622779},
		{"R2 perfect constant", R2([]float64{-2, -2, -2}, []float64{-2, -2, -2}), 1},
		{"R2 imperfect constant", R2([]float64{-2, -2, -2}, []float64{-2, -2, -2 + 1e-8}), 0},
		{"R2 perfect", R2([]float64{1, 2, 3}, []float64{1, 2, 3}), 1},
		{"R2 of the mean", R2([]float64{1, 2, 3}, []float64{2, 2, 2}), 0},
		{"R2 worse than the mean", R2([]float64{1, 2, 3}, []float64{3, 2, 1}), -3},
		{"R2Tensor one constant column", R2Tensor(tensor.New([]float64{1, 5, 2, 5, 3, 5}, 3, 2), tensor.New([]float64{1, 4, 2, 5, 3, 5}, 3, 2)), 0.5},
	}
	for _, c := range cases {
		if math.Abs(c.got-c.want) > 1e-15 {
			t.Errorf("%s = %.17g, want %.17g", c.name, c.got, c.want)
		}
	}
}

func TestRegressionMetricsUndefined(t *testing.T) {
	for name, v := range map[string]float64{
		"MAE of nothing":  MAE(nil, nil),
		"RMSE of nothing": RMSE(nil, nil),
		"R2 of nothing":   R2(nil, nil),
		"R2 of one":       R2([]float64{1}, []float64{1}),
	} {
		if !math.IsNaN(v) {
			t.Errorf("%s = %v, want NaN", name, v)
		}
	}
}

func TestRegressionMetricsPanic(t *testing.T) {
	cases := map[string]func(){
		"metrics: R2: 2 true values and 1 predictions": func() { R2([]float64{1, 2}, []float64{1}) },
		"metrics: MAETensor: true values [2 2] and predictions [4]": func() {
			MAETensor(tensor.Zeros(2, 2), tensor.Zeros(4))
		},
		"metrics: RMSETensor: true values [4] and predictions [4]": func() {
			RMSETensor(tensor.Zeros(4), tensor.Zeros(4))
		},
	}
	for want, f := range cases {
		func() {
			defer func() {
				r := recover()
				if s, _ := r.(string); !strings.HasPrefix(s, want) {
					t.Errorf("panic %v, want %q", r, want)
				}
			}()
			f()
		}()
	}
}
