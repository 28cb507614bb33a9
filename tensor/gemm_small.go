package tensor

import (
	"fmt"
	"math"
	"unsafe"
)

// A GEMM for small products that neither packs nor pads. The packed
// kernels (gemm_packed.go) pay a fixed price per call that a small
// product cannot earn back: they copy both operands into panels, take the
// panels' buffers from a locked free list, and finish every tile that
// overhangs the output in Go, and with n = 16 < 24, as in the tiny MLP,
// every tile overhangs. The kernels here read the operands where they are:
// row i of op(a) through strides, so a and aᵀ cost the same; row p of
// op(b) with one vector load per register when b is stored as is, or with
// a gather when it is stored transposed (x·Wᵀ, the forward pass). The
// columns of a tile past the output's edge are masked off, so an edge tile
// is just a tile.
//
// The sums are the packed kernels' to the bit: the same k blocks, and
// within a block s = fma(a, b, s) for p = 0, 1, ... from s = 0, then
// alpha·s and fma(beta, c, alpha·s). Which path MatMul picks for a shape
// therefore never changes its result (TestSmallGemmBitsMatchPacked).

// smallTileFunc sets the mr×nn tile at c (row stride ldc) to
// alpha·op(a)·op(b) + beta·c over k steps, where op(a)[i, p] is
// a[i·ars + p·aps] and op(b)[p, j] is b[p·bps + j·bjs], with beta = 0
// (or -0) storing without reading c. nn is at most the kernel's nr; the
// kernel reads and writes nothing in the columns past it.
type smallTileFunc func(k int, a *float64, ars, aps int, b *float64, bps, bjs int,
	c *float64, ldc int, alpha, beta float64, nn int)

// smallTile is a kernel for tiles of mr rows.
type smallTile struct {
	mr int
	fn smallTileFunc
}

// smallGemm is a GEMM built from unpacked tile kernels of nr columns.
type smallGemm struct {
	nr    int
	kc    int         // the k block of the packed kernels whose bits it matches
	tiles []smallTile // by decreasing mr, the last with mr = 1

	// narrow holds taller kernels for strips of at most nr/2 columns,
	// which they run first; the rows left over go to tiles. Empty when
	// nr < 2.
	narrow []smallTile
}

// gemm is a gemmFunc. It runs tiles of nr columns from left to right and,
// within a column strip, the tallest tiles first, so the strip of op(b)
// stays in L1 while every row of op(a) passes it.
func (s *smallGemm) gemm(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int,
	b []float64, ldb int, beta float64, c []float64, ldc int) {
	if len(s.narrow) > 0 && s.nr < 2 {
		panic("tensor: smallGemm: narrow tiles need nr >= 2")
	}
	if len(c) < (m-1)*ldc+n || len(a) < gemmExtent(transA, m, k, lda) || len(b) < gemmExtent(transB, k, n, ldb) {
		panic(fmt.Sprintf("tensor: gemm: slices of %d, %d, %d values are too short for %d×%d×%d",
			len(a), len(b), len(c), m, k, n))
	}
	ars, aps := lda, 1
	if transA {
		ars, aps = 1, lda
	}
	bps, bjs := ldb, 1
	if transB {
		bps, bjs = 1, ldb
	}
	// A gather of bᵀ costs several loads; the narrow tiles spread each
	// over twice the rows.
	nr := s.nr
	if transB && len(s.narrow) > 0 {
		nr = s.nr / 2
	}
	kcb := balanced(k, s.kc, 1)
	for pc := 0; pc < k; pc += kcb {
		kb := min(kcb, k-pc)
		bet := beta
		if pc > 0 {
			bet = 1 // later k blocks add to the first block's result
		}
		for j0 := 0; j0 < n; j0 += nr {
			nn := min(nr, n-j0)
			bp := &b[pc*bps+j0*bjs]
			sj := bjs
			if nn == 1 {
				sj = 1 // one column of bᵀ is contiguous: a load, not a gather
			}
			i0 := 0
			if nn <= s.nr/2 {
				for _, t := range s.narrow {
					for ; i0+t.mr <= m; i0 += t.mr {
						t.fn(kb, &a[i0*ars+pc*aps], ars, aps, bp, bps, sj, &c[i0*ldc+j0], ldc, alpha, bet, nn)
					}
				}
			}
			for _, t := range s.tiles {
				for ; i0+t.mr <= m; i0 += t.mr {
					t.fn(kb, &a[i0*ars+pc*aps], ars, aps, bp, bps, sj, &c[i0*ldc+j0], ldc, alpha, bet, nn)
				}
			}
		}
	}
}

// smallTileGo is the tile contract written out in Go for tiles of mr rows
// and up to nr columns, with the kernels' rounding. It is far slower than
// the assembly; tests run the driver through it on every architecture.
func smallTileGo(mr, nr int) smallTileFunc {
	return func(k int, a *float64, ars, aps int, b *float64, bps, bjs int,
		c *float64, ldc int, alpha, beta float64, nn int) {
		if nn > nr {
			panic(fmt.Sprintf("tensor: smallTileGo: %d columns in a tile of %d", nn, nr))
		}
		ap := unsafe.Slice(a, (mr-1)*ars+(k-1)*aps+1)
		bp := unsafe.Slice(b, (k-1)*bps+(nn-1)*bjs+1)
		cp := unsafe.Slice(c, (mr-1)*ldc+nn)
		for i := 0; i < mr; i++ {
			for j := 0; j < nn; j++ {
				s := 0.0
				for p := 0; p < k; p++ {
					s = math.FMA(ap[i*ars+p*aps], bp[p*bps+j*bjs], s)
				}
				s *= alpha
				if beta == 0 {
					cp[i*ldc+j] = s
				} else {
					cp[i*ldc+j] = math.FMA(beta, cp[i*ldc+j], s)
				}
			}
		}
	}
}
