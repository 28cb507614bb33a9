package metrics

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

func TestPrecisionRecallCurve(t *testing.T) {
	cases := []struct {
		name                          string
		labels                        []int
		scores                        []float64
		thresholds, precision, recall []float64
		ap                            float64
	}{
		{
			// sklearn's docstring example, read backwards: it returns
			// precision [0.5 0.667 0.5 1 1], recall [1 1 0.5 0.5 0],
			// thresholds [0.1 0.35 0.4 0.8].
			name:   "distinct scores",
			labels: []int{0, 0, 1, 1}, scores: []float64{0.1, 0.4, 0.35, 0.8},
			thresholds: []float64{0.8, 0.4, 0.35, 0.1},
			precision:  []float64{1, 1, 0.5, 2.0 / 3, 0.5},
			recall:     []float64{0, 0.5, 0.5, 1, 1},
			ap:         0.5*1 + 0.5*2.0/3,
		},
		{
			// Sorted: 0.9 (+), 0.5 (− +), 0.2 (− +), 0.1 (−).
			name:   "ties",
			labels: []int{0, 1, 0, 1, 1, 0}, scores: []float64{0.5, 0.5, 0.2, 0.9, 0.2, 0.1},
			thresholds: []float64{0.9, 0.5, 0.2, 0.1},
			precision:  []float64{1, 1, 2.0 / 3, 3.0 / 5, 3.0 / 6},
			recall:     []float64{0, 1.0 / 3, 2.0 / 3, 1, 1},
			ap:         (1 + 2.0/3 + 3.0/5) / 3,
		},
		{
			name:   "all positive",
			labels: []int{1, 1}, scores: []float64{0.3, 0.7},
			thresholds: []float64{0.7, 0.3},
			precision:  []float64{1, 1, 1},
			recall:     []float64{0, 0.5, 1},
			ap:         1,
		},
	}
	for _, c := range cases {
		curve, err := PrecisionRecallCurve(c.labels, c.scores)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		closeSlice(t, c.name+" thresholds", curve.Thresholds, c.thresholds, 0)
		closeSlice(t, c.name+" precision", curve.Precision, c.precision, 1e-15)
		closeSlice(t, c.name+" recall", curve.Recall, c.recall, 1e-15)
		ap, err := AveragePrecision(c.labels, c.scores)
		if err != nil || math.Abs(ap-c.ap) > 1e-15 {
			t.Errorf("%s: AveragePrecision = %.17g, %v; want %.17g", c.name, ap, err, c.ap)
		}
	}
}

func TestPrecisionRecallErrors(t *testing.T) {
	cases := []struct {
		name     string
		labels   []int
		scores   []float64
		oneClass bool
	}{
		{"no positives", []int{0, 0}, []float64{0.1, 0.2}, true},
		{"empty", nil, nil, true},
		{"NaN", []int{0, 1}, []float64{math.NaN(), 0.2}, false},
		{"length", []int{0, 1}, []float64{0.2}, false},
		{"label", []int{0, 3}, []float64{0.1, 0.2}, false},
	}
	for _, c := range cases {
		_, err1 := PrecisionRecallCurve(c.labels, c.scores)
		_, err2 := AveragePrecision(c.labels, c.scores)
		for _, err := range []error{err1, err2} {
			if err == nil || errors.Is(err, ErrOneClass) != c.oneClass {
				t.Errorf("%s: error %v, want one that is ErrOneClass: %v", c.name, err, c.oneClass)
			}
		}
	}
}

// TestAveragePrecisionBruteForce checks AP against its definition as the
// mean, over positives, of the precision at that positive's score (counting
// every sample scoring at least as high), which is the step sum grouped by
// sample instead of by threshold.
func TestAveragePrecisionBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 200 {
		labels, scores := randomBinary(rng, 2+rng.IntN(50), 1+rng.IntN(10))
		want, pos := 0.0, 0
		for i, yi := range labels {
			if yi != 1 {
				continue
			}
			pos++
			tp, called := 0, 0
			for j, yj := range labels {
				if scores[j] >= scores[i] {
					called++
					tp += yj
				}
			}
			want += float64(tp) / float64(called)
		}
		want /= float64(pos)
		got, err := AveragePrecision(labels, scores)
		if err != nil || math.Abs(got-want) > 1e-12 {
			t.Fatalf("trial %d: AveragePrecision = %.17g, %v; brute force %.17g", trial, got, err, want)
		}
	}
}
