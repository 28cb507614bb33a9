package metrics

import (
	"math"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

func TestLogLoss(t *testing.T) {
	cases := []struct {
		name   string
		probs  [][]float64
		labels []int
		want   float64
	}{
		{"binary", [][]float64{{0.9, 0.1}, {0.2, 0.8}, {0.5, 0.5}}, []int{0, 1, 1},
			-(math.Log(0.9) + math.Log(0.8) + math.Log(0.5)) / 3},
		{"three classes", [][]float64{{0.7, 0.2, 0.1}, {0.1, 0.1, 0.8}}, []int{1, 2},
			-(math.Log(0.2/(0.7+0.2+0.1)) + math.Log(0.8/(0.1+0.1+0.8))) / 2},
		// 0 is clipped up to 1e-15 (and 1 down to 1-1e-15, which keeps the
		// row's sum at 1): a finite cost instead of +Inf.
		{"clipped zero", [][]float64{{1, 0}}, []int{1}, -math.Log(1e-15)},
		{"clipped one", [][]float64{{1, 0}}, []int{0}, -math.Log(1 - 1e-15)},
		// Rows are renormalised after clipping, so unnormalised scores
		// count by their shares.
		{"renormalised", [][]float64{{2, 2}, {0.2, 0.2}}, []int{0, 1}, math.Log(2)},
	}
	for _, c := range cases {
		got := LogLoss(c.probs, c.labels)
		if math.Abs(got-c.want) > 1e-14*math.Max(1, c.want) {
			t.Errorf("%s: LogLoss = %.17g, want %.17g", c.name, got, c.want)
		}
		flat := []float64{}
		for _, r := range c.probs {
			flat = append(flat, r...)
		}
		tt := LogLossTensor(tensor.New(flat, len(c.probs), len(c.probs[0])), c.labels)
		if tt != got {
			t.Errorf("%s: LogLossTensor = %.17g, LogLoss = %.17g", c.name, tt, got)
		}
	}
	if got := LogLoss([][]float64{{math.NaN(), 1}}, []int{0}); !math.IsNaN(got) {
		t.Errorf("LogLoss with a NaN probability = %v, want NaN", got)
	}
	if got := LogLoss(nil, nil); !math.IsNaN(got) {
		t.Errorf("LogLoss of nothing = %v, want NaN", got)
	}
	for name, f := range map[string]func(){
		"length":      func() { LogLoss([][]float64{{0.5, 0.5}}, nil) },
		"ragged":      func() { LogLoss([][]float64{{0.5, 0.5}, {1}}, []int{0, 0}) },
		"one class":   func() { LogLoss([][]float64{{1}}, []int{0}) },
		"label >= K":  func() { LogLoss([][]float64{{0.5, 0.5}}, []int{2}) },
		"tensor rank": func() { LogLossTensor(tensor.Zeros(4), []int{0, 0, 0, 0}) },
	} {
		mustPanic(t, "LogLoss "+name, f)
	}
}
