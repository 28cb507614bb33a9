package metrics

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

func TestMacroAUC(t *testing.T) {
	labels := []int{0, 1, 2, 0, 1, 2}
	probs := [][]float64{
		{0.7, 0.2, 0.1},
		{0.2, 0.5, 0.3},
		{0.1, 0.3, 0.6},
		{0.3, 0.4, 0.3},
		{0.5, 0.3, 0.2},
		{0.3, 0.3, 0.4},
	}
	// Column 0: positive 0.7 beats all four negatives, positive 0.3 beats
	// 0.2 and 0.1, ties 0.3 and loses to 0.5: 6.5/8. Column 1: 0.5 beats
	// all, 0.3 beats 0.2 and ties twice: 6/8. Column 2 separates: 1.
	want := (6.5/8 + 6.0/8 + 1) / 3
	got, err := MacroAUC(labels, probs)
	if err != nil || math.Abs(got-want) > 1e-15 {
		t.Fatalf("MacroAUC = %.17g, %v; want %.17g", got, err, want)
	}
	gt, err := MacroAUCTensor(labels, toTensor(probs))
	if err != nil || gt != got {
		t.Fatalf("MacroAUCTensor = %.17g, %v; MacroAUC %.17g", gt, err, got)
	}
}

func TestMacroAUCErrors(t *testing.T) {
	ok := [][]float64{{0.6, 0.4}, {0.3, 0.7}}
	cases := []struct {
		name     string
		labels   []int
		probs    [][]float64
		oneClass bool
	}{
		{"class absent", []int{0, 1, 1}, [][]float64{{0.2, 0.3, 0.5}, {0.2, 0.3, 0.5}, {0.2, 0.3, 0.5}}, true},
		{"one class", []int{1, 1}, ok, true},
		{"not probabilities", []int{0, 1}, [][]float64{{0.6, 0.5}, {0.3, 0.7}}, false},
		{"NaN", []int{0, 1}, [][]float64{{math.NaN(), 1}, {0.3, 0.7}}, false},
		{"label", []int{0, 2}, ok, false},
		{"length", []int{0, 1, 0}, ok, false},
		{"ragged", []int{0, 1}, [][]float64{{0.6, 0.4}, {1}}, false},
		{"one column", []int{0, 0}, [][]float64{{1}, {1}}, false},
	}
	for _, c := range cases {
		_, err := MacroAUC(c.labels, c.probs)
		if err == nil || errors.Is(err, ErrOneClass) != c.oneClass {
			t.Errorf("%s: error %v, want one that is ErrOneClass: %v", c.name, err, c.oneClass)
		}
		if len(c.probs) == len(c.labels) && c.name != "ragged" {
			_, err := MacroAUCTensor(c.labels, toTensor(c.probs))
			if err == nil || errors.Is(err, ErrOneClass) != c.oneClass {
				t.Errorf("%s: MacroAUCTensor error %v, want one that is ErrOneClass: %v", c.name, err, c.oneClass)
			}
		}
	}
	mustPanic(t, "MacroAUCTensor of a vector", func() { MacroAUCTensor([]int{0}, tensor.Zeros(2)) })
}

// TestMacroAUCRandom checks MacroAUC against the mean of brute-force
// Mann-Whitney statistics per class, and that two classes give the binary
// AUC of the second column.
func TestMacroAUCRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := range 100 {
		k := 2 + rng.IntN(4)
		n := k + rng.IntN(40)
		labels := make([]int, n)
		probs := make([][]float64, n)
		for i := range n {
			labels[i] = i % k // every class present
			if i >= k {
				labels[i] = rng.IntN(k)
			}
			row := make([]float64, k)
			sum := 0.0
			for c := range row {
				row[c] = float64(1 + rng.IntN(4)) // small integers tie often
				if c == labels[i] {
					row[c] += 2
				}
				sum += row[c]
			}
			for c := range row {
				row[c] /= sum
			}
			probs[i] = row
		}
		want := 0.0
		for c := range k {
			bin := make([]int, n)
			col := make([]float64, n)
			for i := range n {
				if labels[i] == c {
					bin[i] = 1
				}
				col[i] = probs[i][c]
			}
			want += mannWhitney(bin, col)
		}
		want /= float64(k)
		got, err := MacroAUC(labels, probs)
		if err != nil || math.Abs(got-want) > 1e-12 {
			t.Fatalf("trial %d (k %d, n %d): MacroAUC = %.17g, %v; brute force %.17g", trial, k, n, got, err, want)
		}
		if k == 2 {
			col := make([]float64, n)
			for i := range n {
				col[i] = probs[i][1]
			}
			b, err := ROCAUC(labels, col)
			if err != nil || math.Abs(b-got) > 1e-12 {
				t.Fatalf("trial %d: two-class MacroAUC %.17g, ROCAUC of column 1 %.17g (%v)", trial, got, b, err)
			}
		}
	}
}

func toTensor(rows [][]float64) *tensor.Tensor {
	flat := []float64{}
	for _, r := range rows {
		flat = append(flat, r...)
	}
	return tensor.New(flat, len(rows), len(rows[0]))
}
