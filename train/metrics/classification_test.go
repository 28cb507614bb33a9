package metrics

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func TestAccuracy(t *testing.T) {
	cases := []struct {
		name         string
		pred, labels []int
		want         float64
	}{
		{"three of four", []int{0, 1, 2, 1}, []int{0, 2, 2, 1}, 0.75},
		{"all right", []int{3, 3}, []int{3, 3}, 1},
		{"all wrong", []int{0, 1}, []int{1, 0}, 0},
		{"one sample", []int{2}, []int{2}, 1},
	}
	for _, c := range cases {
		if got := Accuracy(c.pred, c.labels); got != c.want {
			t.Errorf("%s: Accuracy = %v, want %v", c.name, got, c.want)
		}
	}
	if got := Accuracy(nil, nil); !math.IsNaN(got) {
		t.Errorf("Accuracy of nothing = %v, want NaN", got)
	}
	mustPanic(t, "Accuracy", func() { Accuracy([]int{1}, []int{1, 2}) })
}

func TestConfusionMatrix(t *testing.T) {
	labels := []int{0, 0, 1, 1, 2, 2}
	pred := []int{0, 1, 1, 1, 0, 2}
	want := [][]int{{1, 1, 0}, {0, 2, 0}, {1, 0, 1}}
	got := ConfusionMatrix(pred, labels, 3)
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("ConfusionMatrix = %v, want %v (rows true, columns predicted)", got, want)
	}
	// A row must not be able to grow into the next one.
	got[0] = append(got[0], 9)
	if got[1][0] != 0 {
		t.Fatalf("appending to row 0 overwrote row 1: %v", got)
	}
	for name, f := range map[string]func(){
		"length":     func() { ConfusionMatrix([]int{0}, nil, 2) },
		"label >= k": func() { ConfusionMatrix([]int{0}, []int{2}, 2) },
		"pred < 0":   func() { ConfusionMatrix([]int{-1}, []int{0}, 2) },
		"k = 0":      func() { ConfusionMatrix(nil, nil, 0) },
	} {
		mustPanic(t, "ConfusionMatrix "+name, f)
	}
}

func TestPrecisionRecallF1(t *testing.T) {
	cases := []struct {
		name              string
		pred, labels      []int
		k                 int
		p, r, f1          []float64
		support           []int
		macroP, macroR, f float64
	}{
		{
			// Column sums 2,3,1 and row sums 2,2,2 of the matrix above.
			name: "three classes", pred: []int{0, 1, 1, 1, 0, 2}, labels: []int{0, 0, 1, 1, 2, 2}, k: 3,
			p: []float64{0.5, 2.0 / 3, 1}, r: []float64{0.5, 1, 0.5}, f1: []float64{0.5, 0.8, 2.0 / 3},
			support: []int{2, 2, 2},
			macroP:  (0.5 + 2.0/3 + 1) / 3, macroR: 2.0 / 3, f: (0.5 + 0.8 + 2.0/3) / 3,
		},
		{
			// Class 1 is predicted but never true (recall 0/0), class 2
			// appears nowhere (everything 0/0): zero_division=0 makes them 0,
			// and the macro averages still divide by k = 3.
			name: "zero division", pred: []int{0, 1, 0}, labels: []int{0, 0, 0}, k: 3,
			p: []float64{1, 0, 0}, r: []float64{2.0 / 3, 0, 0}, f1: []float64{0.8, 0, 0},
			support: []int{3, 0, 0},
			macroP:  1.0 / 3, macroR: 2.0 / 9, f: 0.8 / 3,
		},
	}
	for _, c := range cases {
		s := PrecisionRecallF1(c.pred, c.labels, c.k)
		closeSlice(t, c.name+" precision", s.Precision, c.p, 1e-15)
		closeSlice(t, c.name+" recall", s.Recall, c.r, 1e-15)
		closeSlice(t, c.name+" F1", s.F1, c.f1, 1e-15)
		if !slices.Equal(s.Support, c.support) {
			t.Errorf("%s: support %v, want %v", c.name, s.Support, c.support)
		}
		closeSlice(t, c.name+" macro", []float64{s.MacroPrecision, s.MacroRecall, s.MacroF1}, []float64{c.macroP, c.macroR, c.f}, 1e-15)
	}
	mustPanic(t, "ScoresFromConfusion ragged", func() { ScoresFromConfusion([][]int{{1, 0}, {1}}) })
}

func mustPanic(t *testing.T, what string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		if r == nil {
			t.Errorf("%s: no panic", what)
			return
		}
		if msg, ok := r.(string); !ok || !strings.HasPrefix(msg, "metrics: ") {
			t.Errorf("%s: panic %v does not name the package and function", what, r)
		}
	}()
	f()
}

func closeSlice(t *testing.T, what string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values %v, want %d %v", what, len(got), got, len(want), want)
	}
	for i := range want {
		if math.Abs(got[i]-want[i]) > tol*math.Max(1, math.Abs(want[i])) {
			t.Fatalf("%s[%d] = %.17g, want %.17g\n got %v\nwant %v", what, i, got[i], want[i], got, want)
		}
	}
}
