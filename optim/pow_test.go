package optim

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// exactPow is x^n computed with enough bits to be exact for the tested
// range, rounded once to float64.
func exactPow(x float64, n int64) float64 {
	r := new(big.Float).SetPrec(0).SetFloat64(1)
	b := new(big.Float).SetFloat64(x)
	for i := int64(0); i < n; i++ {
		r.SetPrec(uint(r.MinPrec())+53).Mul(r, b)
	}
	f, _ := r.Float64()
	return f
}

func TestPowIntCorrectlyRounded(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	xs := []float64{0.9, 0.999, 0.99, 0.8, 0.5, 0.1, 1.5}
	for range 40 {
		xs = append(xs, rng.Float64())
	}
	mathPowOff := 0
	for _, x := range xs {
		for _, n := range []int64{0, 1, 2, 3, 4, 5, 6, 7, 10, 17, 100, 257, 1000} {
			want := exactPow(x, n)
			if got := powInt(x, n); got != want {
				t.Errorf("powInt(%v, %d) = %.17g, want %.17g", x, n, got, want)
			}
			if math.Pow(x, float64(n)) != want {
				mathPowOff++
			}
		}
	}
	t.Logf("math.Pow was off in %d cases", mathPowOff)
}

func TestPowIntEdges(t *testing.T) {
	tests := []struct {
		x    float64
		n    int64
		want float64
	}{
		{0, 0, 1},
		{0, 3, 0},
		{0.5, 1100, 0},         // underflows
		{10, 400, math.Inf(1)}, // overflows, not NaN
		{-2, 3, -8},
		{0.99999, 1_000_000, math.Exp(1e6 * math.Log1p(-1e-5))}, // long runs stay accurate
	}
	for _, tt := range tests {
		if got := powInt(tt.x, tt.n); !closeTo(got, tt.want, 1e-12) && got != tt.want {
			t.Errorf("powInt(%v, %d) = %v, want %v", tt.x, tt.n, got, tt.want)
		}
	}
}
