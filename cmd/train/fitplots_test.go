package main

import (
	"testing"

	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/tensor"
)

// part returns a data set of n two-feature rows, row i at (i, -i) and of
// class i%2.
func part(n int) *datasets.Dataset {
	X := tensor.Zeros(n, 2)
	y := make([]int, n)
	for i := range n {
		X.Set(float64(i), i, 0)
		X.Set(-float64(i), i, 1)
		y[i] = i % 2
	}
	return &datasets.Dataset{X: X, Y: y, Classes: []string{"a", "b"}}
}

// fit's boundary plot gets the training and the test rows as two named
// splits, in the data's own units, and keeps to maxPlotPoints in all with
// each split sampled in proportion.
func TestBoundarySplitsNamesBothParts(t *testing.T) {
	std := &datasets.Standardizer{Mean: []float64{10, 0}, Std: []float64{2, 1}}
	splits := boundarySplits(std, []namedPart{{"training", part(8)}, {"test", part(2)}, {"validation", nil}})
	if len(splits) != 2 || splits[0].Name != "training" || splits[1].Name != "test" {
		t.Fatalf("splits %+v, want training then test", splits)
	}
	if splits[0].X.Rows() != 8 || splits[1].X.Rows() != 2 || len(splits[1].Labels) != 2 {
		t.Errorf("split rows %d and %d, want 8 and 2", splits[0].X.Rows(), splits[1].X.Rows())
	}
	// Row 3 of the training part, (3, -3) standardised, is (16, -3) raw.
	if x, y := splits[0].X.At(3, 0), splits[0].X.At(3, 1); x != 16 || y != -3 {
		t.Errorf("training row 3 at (%v, %v), want (16, -3)", x, y)
	}

	big := boundarySplits(nil, []namedPart{{"training", part(4 * maxPlotPoints)}, {"test", part(maxPlotPoints)}})
	n0, n1 := big[0].X.Rows(), big[1].X.Rows()
	if n0+n1 > maxPlotPoints || n0 < 3*n1 || n1 == 0 {
		t.Errorf("sampled %d training and %d test rows; want at most %d in all, in proportion 4:1", n0, n1, maxPlotPoints)
	}
}
