package optim

import (
	"testing"

	"github.com/nnlab/nnlab/autograd"
)

func TestClipGradNorm(t *testing.T) {
	// Gradients (3, 4) and (12) have total norm 13.
	tests := []struct {
		name    string
		maxNorm float64
		scale   float64 // expected factor on every gradient
	}{
		{"clipped", 6.5, 6.5 / (13 + 1e-6)},
		{"just above", 13, 13 / (13 + 1e-6)},
		{"not clipped", 20, 1},
		{"zero", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b, none := newParam([]float64{1, 1}), newParam([]float64{1}), newParam([]float64{1})
			setGrad(a, []float64{3, 4})
			setGrad(b, []float64{12})
			total := ClipGradNorm([]*autograd.Var{a, none, b}, tt.maxNorm)
			if !closeTo(total, 13, 1e-15) {
				t.Fatalf("total norm %v, want 13", total)
			}
			assertValues(t, "grad a", a.Grad().Data(), []float64{3 * tt.scale, 4 * tt.scale}, 1e-15)
			assertValues(t, "grad b", b.Grad().Data(), []float64{12 * tt.scale}, 1e-15)
			if none.Grad() != nil {
				t.Fatal("a nil gradient was created")
			}
		})
	}
}

func TestClipGradNormEdges(t *testing.T) {
	if got := ClipGradNorm([]*autograd.Var{newParam([]float64{1})}, 1); got != 0 {
		t.Errorf("norm without gradients = %v, want 0", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("negative maxNorm did not panic")
		}
	}()
	ClipGradNorm(nil, -1)
}
