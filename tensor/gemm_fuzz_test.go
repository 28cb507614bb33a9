package tensor

import (
	"math"
	"math/rand/v2"
	"testing"
)

// FuzzMatMul checks MatMul and every matrix multiply under test against
// the naive loop on fuzzed shapes, transposes and coefficients.
func FuzzMatMul(f *testing.F) {
	f.Add(uint8(5), uint8(7), uint8(9), uint8(0), 1.0, 0.0, uint64(1))
	f.Add(uint8(8), uint8(24), uint8(255), uint8(3), -0.5, 2.0, uint64(2))
	f.Add(uint8(1), uint8(1), uint8(1), uint8(1), 0.0, 1.0, uint64(3))
	f.Add(uint8(17), uint8(25), uint8(4), uint8(2), 3.0, -1.0, uint64(4))
	gs := gemmsUnderTest()
	f.Fuzz(func(t *testing.T, m, n, k, flags uint8, alpha, beta float64, seed uint64) {
		if !(math.Abs(alpha) <= 1e3 && math.Abs(beta) <= 1e3) {
			t.Skip("coefficients out of range")
		}
		tc := gemmCase{
			m: 1 + int(m)%64, n: 1 + int(n)%64, k: int(k),
			transA: flags&1 != 0, transB: flags&2 != 0, alpha: alpha, beta: beta,
		}
		rng := rand.New(rand.NewPCG(seed, 1))
		matMul := gemmUnderTest{name: "MatMul", fn: matMulAsGemm}
		checkGemm(t, matMul, tc, rng)
		if tc.k == 0 || tc.alpha == 0 {
			return // MatMul's own cases: implementations never see them
		}
		for _, g := range gs {
			checkGemm(t, g, tc, rng)
		}
	})
}
