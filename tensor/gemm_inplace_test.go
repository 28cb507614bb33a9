package tensor

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
)

func TestOpAIsReadInPlaceWherePaying(t *testing.T) {
	// The kernel reads op(a) where a holds it (step lda for aᵀ, 1 for a's
	// rows, picked or not) unless a's rows lie 4 KiB or more apart or a
	// panel serves more than inPlaceMaxTiles tiles, and packed panels
	// (step mr) then; the bits are the packed ones'.
	rng := rand.New(rand.NewPCG(41, 42))
	for _, shape := range [][2]int{{3, 5}, {4, 4}, {8, 24}} {
		mr, nr := shape[0], shape[1]
		var mu sync.Mutex
		steps := map[int]int{}
		k := tileGoKernel(mr, nr)
		inner := k.tile
		k.tile = func(kc int, a **float64, b, c *float64, ldc int, alpha, beta float64, astep int) {
			mu.Lock()
			steps[astep]++
			mu.Unlock()
			inner(kc, a, b, c, ldc, alpha, beta, astep)
		}
		const kk = 9
		wide := inPlaceMaxStride / 8 // a stride of 4 KiB
		many := (inPlaceMaxTiles+1)*nr - 1
		for _, tc := range []struct {
			m, lda int
			transA bool
			picked bool
			step   string
			n      int // 0: 11
		}{
			{4 * mr, 4 * mr, true, false, "lda", 0},
			{4*mr + 1, 4*mr + 1, true, false, "lda", 0},
			{4 * mr, wide, true, false, "mr", 0},
			{4*mr + 1, kk, false, false, "1", 0},
			{4 * mr, wide, false, false, "mr", 0},
			{4*mr + 1, wide, false, true, "1", 0},
			{4*mr + 1, wide, false, true, "mr", many},
			{4 * mr, 4 * mr, true, false, "mr", many},
		} {
			clear(steps)
			n := cmp.Or(tc.n, 11)
			k.nc = roundUp(max(3*nr, n), nr) // the whole width in one block
			a := RandN(rng, (max(tc.m, kk)+3)*tc.lda).Data()
			var idx []int
			if tc.picked {
				idx = rng.Perm(tc.m + 3)[:tc.m]
			}
			b := RandN(rng, kk*n).Data()
			c := make([]float64, tc.m*n)
			k.run(tc.transA, false, tc.m, n, kk, 1, a, tc.lda, idx, b, n, nil, 0, nil, c, n)
			want := map[string]int{"lda": tc.lda, "1": 1, "mr": mr}[tc.step]
			what := fmt.Sprintf("%d×%d tiles, m %d, lda %d, transA %v, picked %v", mr, nr, tc.m, tc.lda, tc.transA, tc.picked)
			if len(steps) != 1 || steps[want] == 0 {
				t.Errorf("%s: the kernel was called with a's steps %v, want all %d (%s)", what, steps, want, tc.step)
			}
			// The same product from op(a) copied out untransposed, its
			// rows 4 KiB apart so that the kernel packs them.
			at := make([]float64, tc.m*wide)
			for i := range tc.m {
				for p := range kk {
					switch {
					case tc.transA:
						at[i*wide+p] = a[p*tc.lda+i]
					case idx != nil:
						at[i*wide+p] = a[idx[i]*tc.lda+p]
					default:
						at[i*wide+p] = a[i*tc.lda+p]
					}
				}
			}
			ref := make([]float64, tc.m*n)
			packedOnly := tileGoKernel(mr, nr)
			packedOnly.run(false, false, tc.m, n, kk, 1, at, wide, nil, b, n, nil, 0, nil, ref, n)
			assertBits(t, what, c, ref)
		}
	}
}

// tileGoKernel is the packed driver over Go tiles of mr×nr with blocks
// small enough that a test's products span several of each.
func tileGoKernel(mr, nr int) *gemmKernel {
	return &gemmKernel{mr: mr, nr: nr, kc: 7, mc: 2 * mr, nc: 3 * nr, tile: tileGo(mr, nr)}
}

func TestOpAReadInPlaceNeverPastItsSlice(t *testing.T) {
	// A row picked by index whose start a holds but not its k values
	// panics, as packing it did, rather than being read past a's end by
	// the kernel. a's backing array runs on, so that a missed check
	// reads its tail, not unmapped memory.
	for _, g := range splittableGemms() {
		if g.rowsFn == nil {
			continue
		}
		const k = 8
		a := make([]float64, 2*k)[: 2*k-3 : 2*k-3]
		b, c := make([]float64, k*3), make([]float64, 3)
		if _, ok := panicMessage(func() {
			g.rowsFn(false, false, 1, 3, k, 1, a, k, []int{1}, b, 3, nil, 0, nil, c, 3)
		}); !ok {
			t.Errorf("%s: row 1 of %d values of a %d long was read whole", g.name, k, len(a))
		}
	}
}
