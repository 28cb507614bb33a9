package optim

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/tensor"
)

// newParam returns a parameter holding a copy of vals in the given shape
// (a vector when shape is empty).
func newParam(vals []float64, shape ...int) *autograd.Var {
	if len(shape) == 0 {
		shape = []int{len(vals)}
	}
	return autograd.Param(tensor.New(append([]float64(nil), vals...), shape...))
}

// setGrad makes g the gradient of p the way a training step would: through
// a backward pass, here of sum(p ⊙ g), whose gradient is exactly g.
func setGrad(p *autograd.Var, g []float64) {
	p.ZeroGrad()
	c := autograd.Const(tensor.New(append([]float64(nil), g...), p.Shape()...))
	autograd.Sum(autograd.Mul(p, c)).Backward()
}

// randVals returns n values in [-2, 2).
func randVals(rng *rand.Rand, n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = 4*rng.Float64() - 2
	}
	return v
}

// closeTo reports whether got is within tol of want, relative to the larger
// of 1 and |want|.
func closeTo(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

func assertValues(t *testing.T, what string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
	}
	for i := range want {
		if !closeTo(got[i], want[i], tol) {
			t.Fatalf("%s[%d] = %.17g, want %.17g", what, i, got[i], want[i])
		}
	}
}

func mustNoErr(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func nan() float64 { return math.NaN() }
func inf() float64 { return math.Inf(1) }
