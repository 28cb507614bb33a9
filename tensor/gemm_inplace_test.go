package tensor

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
)

func TestTransposedAIsReadInPlace(t *testing.T) {
	// A product with op(a) = aᵀ in whole panels hands the kernel a's own
	// rows (astep lda) rather than packed panels (astep mr); other
	// shapes pack. The bits are the packed path's, which every test
	// against the naive product and TestGemmBitsPinned check.
	rng := rand.New(rand.NewPCG(41, 42))
	for _, shape := range [][2]int{{3, 5}, {4, 4}, {8, 24}} {
		mr, nr := shape[0], shape[1]
		var mu sync.Mutex
		steps := map[int]int{}
		inner := tileGo(mr, nr)
		k := tileGoKernel(mr, nr)
		k.tile = func(kc int, a, b, c *float64, ldc int, alpha, beta float64, astep int) {
			mu.Lock()
			steps[astep]++
			mu.Unlock()
			inner(kc, a, b, c, ldc, alpha, beta, astep)
		}
		for _, tc := range []struct {
			m      int
			transA bool
			want   string
		}{{4 * mr, true, "lda"}, {4*mr + 1, true, "mr"}, {4 * mr, false, "mr"}} {
			clear(steps)
			const n, kk = 11, 9
			lda := kk
			if tc.transA {
				lda = tc.m
			}
			a := RandN(rng, tc.m*kk).Data()
			b := RandN(rng, kk*n).Data()
			c := make([]float64, tc.m*n)
			k.gemm(tc.transA, false, tc.m, n, kk, 1, a, lda, b, n, 0, c, n)
			wantStep := mr
			if tc.want == "lda" {
				wantStep = lda
			}
			what := fmt.Sprintf("%d×%d tiles, m %d, transA %v", mr, nr, tc.m, tc.transA)
			if len(steps) != 1 || steps[wantStep] == 0 {
				t.Errorf("%s: the kernel was called with a's steps %v, want all %d (%s)", what, steps, wantStep, tc.want)
			}
			if !tc.transA {
				continue
			}
			// The same product from a stored untransposed, which packs.
			at := make([]float64, len(a))
			for i := range tc.m {
				for p := range kk {
					at[i*kk+p] = a[p*lda+i]
				}
			}
			want := make([]float64, tc.m*n)
			tileGoKernel(mr, nr).gemm(false, false, tc.m, n, kk, 1, at, kk, b, n, 0, want, n)
			assertBits(t, what, c, want)
		}
	}
}

// tileGoKernel is the packed driver over Go tiles of mr×nr with blocks
// small enough that a test's products span several of each.
func tileGoKernel(mr, nr int) *gemmKernel {
	return &gemmKernel{mr: mr, nr: nr, kc: 7, mc: 2 * mr, nc: 3 * nr, tile: tileGo(mr, nr)}
}
