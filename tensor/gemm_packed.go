package tensor

import (
	"fmt"
	"math"
	"unsafe"
)

// A packed GEMM in the manner of GotoBLAS and BLIS. The product is cut into
// blocks that fit the caches: a kc×nc block of op(b) and an mc×kc block of
// op(a) are copied ("packed") into contiguous buffers laid out in the order
// a micro-kernel reads them, mr rows of a and nr columns of b at a time.
// Packing is where the transposes go, so one kernel serves all four cases;
// but a kernel reads op(a) through a table of its rows' addresses, so a
// that packing would gain little from is read where it lies
// (gemm_arows.go).
// The micro-kernel keeps an mr×nr tile of c in registers for a whole kc
// panel, which is what lifts it from memory speed to the FMA units' speed.
//
// The k order of every sum is fixed (k blocks in order, and within a block
// p = 0, 1, ...), so the bits of a result depend only on the inputs and the
// kernel, never on how the output was split up.

// gemmKernel is a register-blocked micro-kernel with the cache blocking it
// is tuned for.
type gemmKernel struct {
	mr, nr int // the tile of c one call computes
	kc     int // depth of a packed panel (L1: a kc×nr panel of b)
	mc     int // rows of a per packed block (L2), a multiple of mr
	nc     int // columns of b per packed block (L3), a multiple of nr

	// tile sets the mr×nr tile at c (row stride ldc) to
	// alpha·Σ_p a[i][p·astep]·b[p·nr+j] + beta·c, where a is a table of
	// mr row addresses (gemm_arows.go), with beta = 0 storing
	// without reading c. Its rounding is fixed: s = fma(a, b, s) from
	// s = 0 for p = 0 ... kc-1 in order, then c = fma(beta, c, alpha·s),
	// which edge tiles finished in Go (and tileGo) reproduce exactly.
	tile tileFunc

	// edges are narrower kernels for the last columns of a product, in
	// increasing width: mr×cols tiles with tile's panels and rounding.
	// An edge runs the narrowest that covers it, or tile if none does.
	edges []edgeTile
}

// A tileFunc computes one tile of c from a table of op(a)'s rows and a
// packed panel of b (gemmKernel.tile).
type tileFunc func(kc int, a **float64, b, c *float64, ldc int, alpha, beta float64, astep int)

// An edgeTile is a kernel for tiles of mr rows and cols < nr columns.
type edgeTile struct {
	cols int
	tile tileFunc
}

// edgeFor returns the narrowest kernel for a tile of nn columns and its
// width.
func (g *gemmKernel) edgeFor(nn int) (tileFunc, int) {
	for _, e := range g.edges {
		if e.cols >= nn {
			return e.tile, e.cols
		}
	}
	return g.tile, g.nr
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

func roundUp(a, b int) int { return ceilDiv(a, b) * b }

// balanced splits n into ceil(n/max) near-equal blocks, each a multiple of
// step and at most max (a multiple of step), and returns the block size: 784
// with max 256 gives 4 blocks of 196 rather than 3 of 256 and one of 16.
func balanced(n, max, step int) int {
	return roundUp(ceilDiv(n, ceilDiv(n, max)), step)
}

// gemm is a gemmFunc running the kernel g.
func (g *gemmKernel) gemm(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int,
	b []float64, ldb int, beta float64, c []float64, ldc int) {
	g.run(transA, transB, m, n, k, alpha, a, lda, nil, b, ldb, nil, beta, nil, c, ldc)
}

// gemmBias is a gemmBiasFunc running the kernel g.
func (g *gemmKernel) gemmBias(transA, transB bool, m, n, k int, a []float64, lda int,
	b []float64, ldb int, bias, c []float64, ldc int) {
	if len(bias) < n {
		panic(fmt.Sprintf("tensor: gemm: a bias of %d values for %d columns", len(bias), n))
	}
	g.run(transA, transB, m, n, k, 1, a, lda, nil, b, ldb, nil, 1, bias, c, ldc)
}

// run is gemm, with c's rows first set to bias (when not nil) tile by tile,
// and a's and b's stored rows picked by ia and ib when not nil (row i of
// a is a[ia[i]·lda:]): a gemmRowsFunc.
func (g *gemmKernel) run(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, ia []int,
	b []float64, ldb int, ib []int, beta float64, bias, c []float64, ldc int) {
	if len(c) < (m-1)*ldc+n || ia == nil && len(a) < gemmExtent(transA, m, k, lda) || ib == nil && len(b) < gemmExtent(transB, k, n, ldb) {
		panic(fmt.Sprintf("tensor: gemm: slices of %d, %d, %d values are too short for %d×%d×%d",
			len(a), len(b), len(c), m, k, n))
	}
	mr, nr := g.mr, g.nr
	kcb := balanced(k, g.kc, 1)
	mcb := balanced(m, g.mc, mr)
	ncb := balanced(n, g.nc, nr)

	// Where the kernel reads op(a) (gemm_arows.go): in place where that
	// pays, else packed into w.a.
	src := aRows{kind: aPacked, step: mr}
	switch {
	case ceilDiv(min(ncb, n), nr) > inPlaceMaxTiles:
	case transA && ia == nil && lda*8 < inPlaceMaxStride:
		src = aRows{a: a, kind: aTransposed, step: lda}
	case !transA && (ia != nil || lda*8 < inPlaceMaxStride):
		src = aRows{a: a, kind: aInPlace, step: 1, ld: lda}
	}
	w := getGemmWork()
	defer putGemmWork(w)
	w.a = grow(w.a, mcb*kcb)
	w.b = grow(w.b, ncb*kcb)
	w.tile = grow(w.tile, mr*nr)

	for jc := 0; jc < n; jc += ncb {
		nb := min(ncb, n-jc)
		for pc := 0; pc < k; pc += kcb {
			kb := min(kcb, k-pc)
			bet, bi := beta, bias
			if bi != nil {
				bi = bias[jc:]
			}
			if pc > 0 {
				bet, bi = 1, nil // later k blocks add to the first block's result
			}
			if transB {
				packGather(w.b, b, ldb, ib, jc, nb, pc, kb, nr)
			} else {
				packCopy(w.b, b, ldb, ib, pc, kb, jc, nb, nr)
			}
			for ic := 0; ic < m; ic += mcb {
				mb := min(mcb, m-ic)
				switch src.kind {
				case aPacked:
					packA(w.a, a, lda, ia, transA, pc, kb, ic, mb, mr)
					src.a, src.kb = w.a, kb
				case aTransposed:
					src.off = pc*lda + ic
				case aInPlace:
					src.off = pc
					if ia != nil {
						src.idx = ia[ic:]
					} else {
						src.off += ic * lda
					}
				}
				g.macro(w, &src, mb, nb, kb, alpha, bet, bi, c[ic*ldc+jc:], ldc)
			}
		}
	}
}

// gemmExtent is the length a row-major operand needs to hold op(x) of shape
// rows×cols with row stride ld.
func gemmExtent(trans bool, rows, cols, ld int) int {
	if trans {
		rows, cols = cols, rows
	}
	return (rows-1)*ld + cols
}

// macro multiplies the mb×kb block of op(a) that src locates by the
// packed kb×nb block of b into c, tile by tile. Edge columns run the narrowest kernel that
// covers them. Edge tiles that would run past c go through w.tile and are
// finished in Go with the kernel's own rounding. A bias (nb values, beta
// then 1) is copied into each tile's rows of c just before its product.
func (g *gemmKernel) macro(w *gemmWork, src *aRows, mb, nb, kb int, alpha, beta float64, bias, c []float64, ldc int) {
	mr, nr, astep := g.mr, g.nr, src.step
	// Every tile of a panel's rows takes the same table of addresses:
	// made once per panel, not per tile, whose product may take as
	// little as half a microsecond.
	panels := ceilDiv(mb, mr)
	if len(w.rows) < panels*mr {
		// At once as long as any kernel's block of rows (mc, 128 at
		// most), so that which scratch a block falls to cannot make a
		// training loop allocate late.
		w.rows = make([]*float64, max(panels*mr, 256))
	}
	for q := range panels {
		src.table(w.rows[q*mr:(q+1)*mr], q*mr, min(mr, mb-q*mr), kb)
	}
	for jr := 0; jr < nb; jr += nr {
		bp := &w.b[jr*kb]
		nn := min(nr, nb-jr)
		for ir := 0; ir < mb; ir += mr {
			mm := min(mr, mb-ir)
			ap := &w.rows[ir]
			if bias != nil {
				for i := range mm {
					copy(c[(ir+i)*ldc+jr:][:nn], bias[jr:jr+nn])
				}
			}
			if mm == mr && nn == nr {
				g.tile(kb, ap, bp, &c[ir*ldc+jr], ldc, alpha, beta, astep)
				continue
			}
			tile, cols := g.edgeFor(nn)
			if mm == mr && nn == cols {
				tile(kb, ap, bp, &c[ir*ldc+jr], ldc, alpha, beta, astep)
				continue
			}
			tile(kb, ap, bp, &w.tile[0], nr, alpha, 0, astep)
			for i := 0; i < mm; i++ {
				row := c[(ir+i)*ldc+jr:][:nn]
				t := w.tile[i*nr:][:len(row)]
				if beta == 0 {
					copy(row, t)
					continue
				}
				for j, v := range t {
					row[j] = math.FMA(beta, row[j], v)
				}
			}
		}
	}
}

// packA packs rows [i0, i0+mi) and k values [p0, p0+kb) of op(a) into
// panels of w rows at dst.
func packA(dst, a []float64, lda int, ia []int, transA bool, p0, kb, i0, mi, w int) {
	if transA {
		packCopy(dst, a, lda, ia, p0, kb, i0, mi, w)
	} else {
		packGather(dst, a, lda, ia, i0, mi, p0, kb, w)
	}
}

// packCopy packs columns [j0, j0+nj) of rows [p0, p0+kb) of the row-major
// src into strips of w columns: strip s holds, row by row, the w values of
// columns j0+s·w ... of each row, zero-padded past nj. It packs b, and a
// transposed (whose rows are then a's columns). Row p is src[idx[p]·ld:]
// when idx is not nil.
func packCopy(dst, src []float64, ld int, idx []int, p0, kb, j0, nj, w int) {
	if idx != nil {
		packCopyRows(dst, src, ld, idx[p0:p0+kb], j0, nj, w)
		return
	}
	for s := 0; s*w < nj; s++ {
		d := dst[s*w*kb : (s+1)*w*kb]
		off := p0*ld + j0 + s*w
		cols := nj - s*w
		if cols >= w {
			copyPanel(d, src[off:], ld, kb, w)
			continue
		}
		for p := 0; p < kb; p++ {
			row := d[p*w : p*w+w]
			copy(row, src[off:off+cols])
			clear(row[cols:])
			off += ld
		}
	}
}

// copyPanelGo sets dst[p·w + j] = src[p·ld + j] for p < kb, j < w.
func copyPanelGo(dst, src []float64, ld, kb, w int) {
	for p := 0; p < kb; p++ {
		copy(dst[p*w:p*w+w], src[p*ld:p*ld+w])
	}
}

// packGather packs rows [i0, i0+ni) of the row-major src, restricted to
// columns [p0, p0+kb), into strips of w rows: strip s holds, column by
// column, the w values of rows i0+s·w ... in each column, zero-padded past
// ni. It packs a, and b transposed (whose rows are then b's columns): a
// transpose, done four rows at a time. Row i is src[idx[i]·ld:] when idx
// is not nil.
func packGather(dst, src []float64, ld int, idx []int, i0, ni, p0, kb, w int) {
	if idx != nil {
		packGatherRows(dst, src, ld, idx[i0:i0+ni], p0, kb, w)
		return
	}
	for s := 0; s*w < ni; s++ {
		d := dst[s*w*kb : (s+1)*w*kb]
		rows := min(w, ni-s*w)
		base := (i0+s*w)*ld + p0
		r := 0
		for ; r+4 <= rows; r += 4 {
			x := src[base+r*ld:]
			gatherRows4(d[r:], x[:kb], x[ld:][:kb], x[2*ld:][:kb], x[3*ld:][:kb], w)
		}
		for ; r < rows; r++ {
			x := src[base+r*ld:][:kb]
			for p, v := range x {
				d[p*w+r] = v
			}
		}
		for ; r < w; r++ {
			for p := 0; p < kb; p++ {
				d[p*w+r] = 0
			}
		}
	}
}

// tileGo is the micro-kernel contract written out in Go, for any mr×nr.
// It is far slower than the assembly kernels; tests run the packing and
// blocking logic through it with odd tile shapes on every architecture.
func tileGo(mr, nr int) tileFunc {
	return func(kc int, a **float64, b, c *float64, ldc int, alpha, beta float64, astep int) {
		rows := unsafe.Slice(a, mr)
		bp := unsafe.Slice(b, kc*nr)
		cp := unsafe.Slice(c, (mr-1)*ldc+nr)
		for i := 0; i < mr; i++ {
			for j := 0; j < nr; j++ {
				s := 0.0
				for p := 0; p < kc; p++ {
					s = math.FMA(unsafe.Slice(rows[i], (kc-1)*astep+1)[p*astep], bp[p*nr+j], s)
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
