package autograd

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/nnlab/nnlab/internal/fmath"
)

// TestLogSigmoidTermsAreTheFormulas checks the shortcut of
// BCEWithLogitsLoss against the formulas it replaces, to the bit, at the
// edges (signed zeros, subnormals, overflowing exponentials, infinities,
// NaN) and at random logits of every scale.
func TestLogSigmoidTermsAreTheFormulas(t *testing.T) {
	xs := []float64{0, math.Copysign(0, -1), 1, -1, 36, -36, 40, -40, 700, -700, 800, -800,
		5e-324, -5e-324, 1e-300, -1e-300, math.MaxFloat64, -math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN()}
	rng := rand.New(rand.NewPCG(17, 18))
	for range 20000 {
		xs = append(xs, rng.NormFloat64()*math.Pow(10, float64(rng.IntN(9)-4)))
	}
	same := func(a, b float64) bool {
		return math.Float64bits(a) == math.Float64bits(b) || (math.IsNaN(a) && math.IsNaN(b))
	}
	for _, x := range xs {
		m := math.Max(-x, 0)
		lse := fmath.Log(fmath.Exp(-m) + fmath.Exp(-x-m))
		sig := logistic(x)
		gm, glse, gsig := logSigmoidTerms(x)
		if !same(gm, m) || !same(glse, lse) || !same(gsig, sig) {
			t.Fatalf("logSigmoidTerms(%v) = %v, %v, %v; the formulas give %v, %v, %v", x, gm, glse, gsig, m, lse, sig)
		}
	}
}
