package tensor

import (
	"math"
	"unsafe"
)

// The Go tiles of fma-go (gemm_fma.go). A tile keeps one accumulator per
// element of c and, for each p, loads a column of op(a) and a row of op(b)
// once for all of them; each accumulator still sees s = fma(a, b, s) for
// p = 0, 1, ... in order, so a tile has the bits of one element at a time.

// fmaTileFused is the gemmKernel tile contract (gemm_packed.go) for a 4×4
// tile of c from rows a[i][p·astep] and a panel b[p·4 + j]: 16 accumulators, which
// arm64 (32 floating-point registers) keeps in registers with the row of
// b. On amd64 without GOAMD64=v3 every math.FMA carries a branch to a
// software fallback, whose call makes the compiler spill the
// accumulators: about 5 GFLOP/s whatever the tile's shape.
func fmaTileFused(kc int, a **float64, b, c *float64, ldc int, alpha, beta float64, astep int) {
	rows := (*[4]*float64)(unsafe.Slice(a, 4))
	bp := unsafe.Slice(b, kc*4)
	var s00, s01, s02, s03, s10, s11, s12, s13 float64
	var s20, s21, s22, s23, s30, s31, s32, s33 float64
	for p := 0; p < kc && len(bp) >= 4; p++ {
		o := uintptr(p * astep * 8)
		ap := [4]float64{*(*float64)(unsafe.Add(unsafe.Pointer(rows[0]), o)), *(*float64)(unsafe.Add(unsafe.Pointer(rows[1]), o)),
			*(*float64)(unsafe.Add(unsafe.Pointer(rows[2]), o)), *(*float64)(unsafe.Add(unsafe.Pointer(rows[3]), o))}
		b0, b1, b2, b3 := bp[0], bp[1], bp[2], bp[3]
		x := ap[0]
		s00, s01, s02, s03 = math.FMA(x, b0, s00), math.FMA(x, b1, s01), math.FMA(x, b2, s02), math.FMA(x, b3, s03)
		x = ap[1]
		s10, s11, s12, s13 = math.FMA(x, b0, s10), math.FMA(x, b1, s11), math.FMA(x, b2, s12), math.FMA(x, b3, s13)
		x = ap[2]
		s20, s21, s22, s23 = math.FMA(x, b0, s20), math.FMA(x, b1, s21), math.FMA(x, b2, s22), math.FMA(x, b3, s23)
		x = ap[3]
		s30, s31, s32, s33 = math.FMA(x, b0, s30), math.FMA(x, b1, s31), math.FMA(x, b2, s32), math.FMA(x, b3, s33)
		bp = bp[4:]
	}
	cp := unsafe.Slice(c, 3*ldc+4)
	fmaStore4(cp[0:4:4], s00, s01, s02, s03, alpha, beta)
	fmaStore4(cp[ldc:ldc+4:ldc+4], s10, s11, s12, s13, alpha, beta)
	fmaStore4(cp[2*ldc:2*ldc+4:2*ldc+4], s20, s21, s22, s23, alpha, beta)
	fmaStore4(cp[3*ldc:3*ldc+4:3*ldc+4], s30, s31, s32, s33, alpha, beta)
}

// fmaStore4 finishes four sums into c[0:4].
func fmaStore4(c []float64, s0, s1, s2, s3, alpha, beta float64) {
	c = c[:4:4]
	if beta == 0 {
		c[0], c[1], c[2], c[3] = alpha*s0, alpha*s1, alpha*s2, alpha*s3
		return
	}
	c[0] = fma(beta, c[0], alpha*s0)
	c[1] = fma(beta, c[1], alpha*s1)
	c[2] = fma(beta, c[2], alpha*s2)
	c[3] = fma(beta, c[3], alpha*s3)
}

// fmaFinish is a kernel's last step for one element: alpha·s, added to
// beta·c unless beta is zero (then c is not read, as in BLAS).
func fmaFinish(s, alpha, beta, c float64) float64 {
	s *= alpha
	if beta == 0 {
		return s
	}
	return fma(beta, c, s)
}

// at is x[off] for a pointer x into an operand the driver has checked the
// extent of: the strided tiles index it without bounds checks.
func at(x *float64, off int) float64 {
	return *(*float64)(unsafe.Add(unsafe.Pointer(x), uintptr(off)*8))
}

// fmaSmallTile4x4Fused is the smallTileFunc contract (gemm_small.go) for 4
// rows and up to 4 columns.
func fmaSmallTile4x4Fused(k int, a *float64, ars, aps int, b *float64, bps, bjs int,
	c *float64, ldc int, alpha, beta float64, nn int) {
	if nn != 4 {
		fmaSmallEdge(4, k, a, ars, aps, b, bps, bjs, c, ldc, alpha, beta, nn)
		return
	}
	var s00, s01, s02, s03, s10, s11, s12, s13 float64
	var s20, s21, s22, s23, s30, s31, s32, s33 float64
	a1, a2, a3 := ars, 2*ars, 3*ars
	b1, b2, b3 := bjs, 2*bjs, 3*bjs
	oa, ob := 0, 0
	for range k {
		y0, y1, y2, y3 := at(b, ob), at(b, ob+b1), at(b, ob+b2), at(b, ob+b3)
		x := at(a, oa)
		s00, s01, s02, s03 = math.FMA(x, y0, s00), math.FMA(x, y1, s01), math.FMA(x, y2, s02), math.FMA(x, y3, s03)
		x = at(a, oa+a1)
		s10, s11, s12, s13 = math.FMA(x, y0, s10), math.FMA(x, y1, s11), math.FMA(x, y2, s12), math.FMA(x, y3, s13)
		x = at(a, oa+a2)
		s20, s21, s22, s23 = math.FMA(x, y0, s20), math.FMA(x, y1, s21), math.FMA(x, y2, s22), math.FMA(x, y3, s23)
		x = at(a, oa+a3)
		s30, s31, s32, s33 = math.FMA(x, y0, s30), math.FMA(x, y1, s31), math.FMA(x, y2, s32), math.FMA(x, y3, s33)
		oa += aps
		ob += bps
	}
	cp := unsafe.Slice(c, 3*ldc+4)
	fmaStore4(cp[0:4:4], s00, s01, s02, s03, alpha, beta)
	fmaStore4(cp[ldc:ldc+4:ldc+4], s10, s11, s12, s13, alpha, beta)
	fmaStore4(cp[2*ldc:2*ldc+4:2*ldc+4], s20, s21, s22, s23, alpha, beta)
	fmaStore4(cp[3*ldc:3*ldc+4:3*ldc+4], s30, s31, s32, s33, alpha, beta)
}

// fmaSmallTile1x4Fused is the smallTileFunc contract for 1 row and up to 4
// columns.
func fmaSmallTile1x4Fused(k int, a *float64, ars, aps int, b *float64, bps, bjs int,
	c *float64, ldc int, alpha, beta float64, nn int) {
	if nn != 4 {
		fmaSmallEdge(1, k, a, ars, aps, b, bps, bjs, c, ldc, alpha, beta, nn)
		return
	}
	var s0, s1, s2, s3 float64
	b1, b2, b3 := bjs, 2*bjs, 3*bjs
	oa, ob := 0, 0
	for range k {
		x := at(a, oa)
		s0 = math.FMA(x, at(b, ob), s0)
		s1 = math.FMA(x, at(b, ob+b1), s1)
		s2 = math.FMA(x, at(b, ob+b2), s2)
		s3 = math.FMA(x, at(b, ob+b3), s3)
		oa += aps
		ob += bps
	}
	fmaStore4(unsafe.Slice(c, 4), s0, s1, s2, s3, alpha, beta)
}

// fmaSmallEdge is a tile of mr rows and nn < 4 columns, one column at a
// time with the rows side by side.
func fmaSmallEdge(mr, k int, a *float64, ars, aps int, b *float64, bps, bjs int,
	c *float64, ldc int, alpha, beta float64, nn int) {
	cp := unsafe.Slice(c, (mr-1)*ldc+nn)
	for j := range nn {
		var s [4]float64
		ob := j * bjs
		for p := range k {
			y := at(b, ob)
			for i := range s[:mr] {
				s[i] = fma(at(a, i*ars+p*aps), y, s[i])
			}
			ob += bps
		}
		for i, v := range s[:mr] {
			cp[i*ldc+j] = fmaFinish(v, alpha, beta, cp[i*ldc+j])
		}
	}
}
