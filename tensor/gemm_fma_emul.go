package tensor

import "unsafe"

// The tiles of fma-go for builds where math.FMA is software
// (WebAssembly): each p step goes to fmaStep, which checks and splits the
// step's factors once and emulates the tile's FMAs in float64 arithmetic
// (fma_emul.go). The bits are the fused tiles'.

// fmaTileEmul is fmaTileFused with emulated FMAs.
func fmaTileEmul(kc int, a **float64, b, c *float64, ldc int, alpha, beta float64, astep int) {
	rows := (*[4]*float64)(unsafe.Slice(a, 4))
	bp := unsafe.Slice(b, kc*4)
	var s [16]float64
	for p := 0; p < kc && len(bp) >= 4; p++ {
		o := uintptr(p * astep * 8)
		ap := [4]float64{*(*float64)(unsafe.Add(unsafe.Pointer(rows[0]), o)), *(*float64)(unsafe.Add(unsafe.Pointer(rows[1]), o)),
			*(*float64)(unsafe.Add(unsafe.Pointer(rows[2]), o)), *(*float64)(unsafe.Add(unsafe.Pointer(rows[3]), o))}
		fmaStep(ap[:], (*[4]float64)(bp), s[:])
		bp = bp[4:]
	}
	cp := unsafe.Slice(c, 3*ldc+4)
	for i := range 4 {
		fmaStore4(cp[i*ldc:i*ldc+4:i*ldc+4], s[4*i], s[4*i+1], s[4*i+2], s[4*i+3], alpha, beta)
	}
}

// fmaSmallTile4x4Emul is fmaSmallTile4x4Fused with emulated FMAs.
func fmaSmallTile4x4Emul(k int, a *float64, ars, aps int, b *float64, bps, bjs int,
	c *float64, ldc int, alpha, beta float64, nn int) {
	fmaSmallEmul(4, k, a, ars, aps, b, bps, bjs, c, ldc, alpha, beta, nn)
}

// fmaSmallTile1x4Emul is fmaSmallTile1x4Fused with emulated FMAs.
func fmaSmallTile1x4Emul(k int, a *float64, ars, aps int, b *float64, bps, bjs int,
	c *float64, ldc int, alpha, beta float64, nn int) {
	fmaSmallEmul(1, k, a, ars, aps, b, bps, bjs, c, ldc, alpha, beta, nn)
}

// fmaSmallEmul is a smallTileFunc for mr <= 4 rows and up to 4 columns.
func fmaSmallEmul(mr, k int, a *float64, ars, aps int, b *float64, bps, bjs int,
	c *float64, ldc int, alpha, beta float64, nn int) {
	if nn != 4 {
		fmaSmallEdge(mr, k, a, ars, aps, b, bps, bjs, c, ldc, alpha, beta, nn)
		return
	}
	var x, y [4]float64
	var s [16]float64
	oa, ob := 0, 0
	for range k {
		for j := range y {
			y[j] = at(b, ob+j*bjs)
		}
		for i := range x[:mr] {
			x[i] = at(a, oa+i*ars)
		}
		fmaStep(x[:mr], &y, s[:])
		oa += aps
		ob += bps
	}
	cp := unsafe.Slice(c, (mr-1)*ldc+4)
	for i := range mr {
		fmaStore4(cp[i*ldc:i*ldc+4:i*ldc+4], s[4*i], s[4*i+1], s[4*i+2], s[4*i+3], alpha, beta)
	}
}
