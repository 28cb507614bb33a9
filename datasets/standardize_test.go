package datasets

import (
	"math"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

func TestStandardizer(t *testing.T) {
	d := Gauss(500, 0.3, newRNG(2))
	// Shift and stretch the columns so that the fit has work to do, and
	// add a constant column.
	x := make([]float64, 0, 3*d.Len())
	for i := range d.Len() {
		x = append(x, 1e6+3*d.X.At(i, 0), -0.01*d.X.At(i, 1), 0.1)
	}
	xt := tensor.New(x, d.Len(), 3)
	train := tensor.New(x[:3*400], 400, 3)
	test := tensor.New(x[3*400:], 100, 3)
	testCopy := test.Clone()

	s := FitStandardizer(train)
	if s.Mean[2] != 0.1 || s.Std[2] != 1 {
		t.Errorf("constant column: mean %v std %v, want 0.1 and 1", s.Mean[2], s.Std[2])
	}
	z := s.Transform(train)
	if z == train || train.At(0, 0) != x[0] {
		t.Fatal("Transform modified its input")
	}
	for j := range 3 {
		mean, std := colStats(z, j)
		wantStd := 1.0
		if j == 2 {
			wantStd = 0
		}
		if math.Abs(mean) > 1e-9 || math.Abs(std-wantStd) > 1e-9 {
			t.Errorf("column %d after transform: mean %g std %g", j, mean, std)
		}
	}
	// The test part uses the training statistics, not its own.
	zt := s.Transform(test)
	for i := range 100 {
		for j := range 3 {
			want := (testCopy.At(i, j) - s.Mean[j]) / s.Std[j]
			if zt.At(i, j) != want {
				t.Fatalf("test[%d, %d] = %v, want %v", i, j, zt.At(i, j), want)
			}
		}
	}
	if m, _ := colStats(zt, 0); m == 0 {
		t.Error("test column mean is exactly 0: fitted on the test rows?")
	}
	s.TransformInPlace(xt)
	if xt.At(450, 1) != zt.At(50, 1) {
		t.Error("TransformInPlace and Transform disagree")
	}
}

// TestStandardizerPopulationStd pins the divisor: n, not n-1.
func TestStandardizerPopulationStd(t *testing.T) {
	s := FitStandardizer(tensor.New([]float64{1, 3, 5, 7}, 4, 1))
	if s.Mean[0] != 4 || s.Std[0] != math.Sqrt(5) {
		t.Errorf("mean %v std %v, want 4 and √5", s.Mean[0], s.Std[0])
	}
}

func TestStandardizerPanics(t *testing.T) {
	s := FitStandardizer(tensor.New([]float64{1, 2, 3, 4}, 2, 2))
	for name, f := range map[string]func(){
		"wrong columns": func() { s.Transform(tensor.Zeros(2, 3)) },
		"vector":        func() { s.TransformInPlace(tensor.Zeros(4)) },
		"no rows":       func() { FitStandardizer(tensor.Zeros(0, 2)) },
	} {
		func() {
			defer func() {
				if r, _ := recover().(string); !containsAll(r, "datasets:", "shape") {
					t.Errorf("%s: panic %q", name, r)
				}
			}()
			f()
		}()
	}
}

func colStats(x *tensor.Tensor, j int) (mean, std float64) {
	n := x.Rows()
	for i := range n {
		mean += x.At(i, j)
	}
	mean /= float64(n)
	for i := range n {
		d := x.At(i, j) - mean
		std += d * d
	}
	return mean, math.Sqrt(std / float64(n))
}
