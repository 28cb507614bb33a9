package plots

import (
	"math"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

func TestPredictedVsTrue(t *testing.T) {
	dir, path := outPath(t, "p.png")
	truth, pred := []float64{-1, 0, 0.5, 2}, []float64{-0.8, 0.1, 0.4, 1.7}
	if err := PredictedVsTrue(path, truth, pred, "test"); err != nil {
		t.Fatal(err)
	}
	decodePNG(t, path, 600, 550)
	for _, bad := range [][2][]float64{{nil, nil}, {truth, pred[:2]}, {truth, {0, math.NaN(), 0, 0}}} {
		_, p := outPath(t, "bad.png")
		if err := PredictedVsTrue(p, bad[0], bad[1], ""); err == nil {
			t.Errorf("PredictedVsTrue(%v, %v) did not fail", bad[0], bad[1])
		}
	}
	assertNothingWritten(t, dir, "p.png")
}

// The heatmap paints the output's sign: blue (negative) where x1 < 0 and
// red where x1 > 0 for f = x1.
func TestOutputHeatmap(t *testing.T) {
	dir, path := outPath(t, "h.png")
	x := tensor.New([]float64{-1, -1, 1, 1, -1, 1, 1, -1}, 4, 2)
	f := func(g *tensor.Tensor) *tensor.Tensor {
		out := tensor.Zeros(g.Rows(), 1)
		for i := range g.Rows() {
			out.Data()[i] = g.At(i, 0)
		}
		return out
	}
	if err := OutputHeatmap(path, f, x, []float64{-1, 1, -1, 1}, "x1", "x1", "x2"); err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, path, 700, 550)
	b := img.Bounds()
	left := img.At(b.Min.X+120, b.Min.Y+275)
	right := img.At(b.Min.X+500, b.Min.Y+275)
	lr, _, lb, _ := left.RGBA()
	rr, _, rb, _ := right.RGBA()
	if !(lb > lr && rr > rb) {
		t.Errorf("left of the plane %v, right %v: want blue left, red right", left, right)
	}
	if err := OutputHeatmap(path, f, x, []float64{1}, ""); err == nil {
		t.Error("values not matching the points did not fail")
	}
	nan := func(g *tensor.Tensor) *tensor.Tensor { return tensor.Full(math.NaN(), g.Rows(), 1) }
	if err := OutputHeatmap(dir+"/n.png", nan, x, []float64{0, 0, 0, 0}, ""); err == nil {
		t.Error("a NaN output did not fail")
	}
	assertNothingWritten(t, dir, "h.png")
}
