//go:build amd64 && !purego

package tensor

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestGemmEdgeKernelsMatchFullTiles holds the narrow edge kernels to the
// bits of the full kernel they stand in for, which computes a whole tile
// into scratch and copies the edge out: for every edge width below nr, in
// full rows (stored in place) and short ones (through scratch), every
// transpose and coefficient pair, and k odd and even (the kernels' loops
// are unrolled by two).
func TestGemmEdgeKernelsMatchFullTiles(t *testing.T) {
	ks := asmKernels()
	if len(ks) == 0 {
		t.Skip("no assembly kernels on this CPU")
	}
	rng := rand.New(rand.NewPCG(23, 24))
	for name, k := range ks {
		if len(k.edges) == 0 {
			t.Fatalf("%s: no edge kernels", name)
		}
		full := *k
		full.edges = nil
		for n := k.nr + 1; n < 2*k.nr; n++ {
			for _, m := range []int{k.mr, 2*k.mr + 3} {
				for _, kk := range []int{1, 6, 7} {
					for _, co := range gemmCoeffs {
						tc := gemmCase{m: m, n: n, k: kk, transA: n%2 == 0, transB: n%3 == 0, alpha: co[0], beta: co[1]}
						a, b, c0 := tc.operands(rng)
						lda, ldb := tc.lds()
						want := append([]float64(nil), c0...)
						full.gemm(tc.transA, tc.transB, m, n, kk, tc.alpha, a, lda, b, ldb, tc.beta, want, n)
						got := append([]float64(nil), c0...)
						k.gemm(tc.transA, tc.transB, m, n, kk, tc.alpha, a, lda, b, ldb, tc.beta, got, n)
						assertBits(t, fmt.Sprintf("%s %v", name, tc), got, want)
					}
				}
			}
		}
	}
}
