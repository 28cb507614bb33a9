package tensor

import "math"

// fmaEmul returns math.FMA(x, y, z), x·y + z rounded once, from float64
// multiplies and adds, several times faster than math.FMA where that is
// software (WebAssembly has no fused multiply-add; math.FMA's integer
// emulation takes about 50 ns there). It is Boldo and Melquiond's
// emulation (IEEE Trans. Computers 57(4), 2008, "Emulation of a FMA and
// correctly rounded sums: proved algorithms using rounding to odd"):
// x·y = uh + ul exactly (Dekker's product), z + uh = th + tl exactly
// (Knuth's sum), v = tl + ul rounded to odd, and th + v rounded to nearest
// is the fused result. The proof needs every step exact or free of
// underflow and overflow: operands with exponents in [-450, 450] (and z
// zero or in [-900, 900]) keep every term a normal multiple of 2^-1004 and
// far below overflow; other operands (zeros, tiny or huge values, Inf,
// NaN) go to math.FMA. TestFMAEmulMatchesHardware holds it to amd64's
// and arm64's FMA instruction on tens of millions of hard cases.
//
// Every product is rounded by an explicit float64 conversion, which the
// Go specification says prevents fusion: a compiler that fused Dekker's
// products into multiply-adds (arm64 does, when allowed) would lose the
// exactness the algorithm rests on.
func fmaEmul(x, y, z float64) float64 {
	if !fmaOperandOK(x) || !fmaOperandOK(y) || !fmaAddendOK(z) {
		return math.FMA(x, y, z)
	}
	xh, xl := fmaSplit(x)
	yh, yl := fmaSplit(y)
	return fmaParts(x, y, xh, xl, yh, yl, z)
}

// fmaOperandOK reports whether x is a factor fmaParts takes: normal, with
// an exponent in [-450, 450].
func fmaOperandOK(x float64) bool {
	const lo, hi = 1023 - 450, 1023 + 450
	return math.Float64bits(x)>>52&0x7ff-lo <= hi-lo // unsigned: below lo wraps high
}

// fmaAddendOK reports whether z is an addend fmaParts takes: zero, or
// normal with an exponent in [-900, 900].
func fmaAddendOK(z float64) bool {
	const lo, hi = 1023 - 900, 1023 + 900
	b := math.Float64bits(z)
	return b<<1 == 0 || b>>52&0x7ff-lo <= hi-lo
}

// fmaSplit is Dekker's split of x into xh + xl, each of at most 26
// significant bits, so that the partial products of two splits are exact.
func fmaSplit(x float64) (xh, xl float64) {
	const split = 1<<27 + 1
	t := float64(split * x)
	xh = t - (t - x)
	return xh, x - xh
}

// fmaParts is fma(x, y, z) for factors and an addend that pass
// fmaOperandOK and fmaAddendOK, given the factors' splits.
func fmaParts(x, y, xh, xl, yh, yl, z float64) float64 {
	// Dekker: x·y = uh + ul.
	uh := float64(x * y)
	ul := float64(float64(float64(float64(xh*yh)-uh)+float64(xh*yl))+float64(xl*yh)) + float64(xl*yl)
	// Knuth's TwoSum: z + uh = th + tl.
	th := z + uh
	bv := th - z
	tl := (z - (th - bv)) + (uh - bv)
	// v = tl + ul rounded to odd: rounded to nearest, then, if that was
	// inexact and landed on an even significand, moved one step towards
	// the exact sum, to the odd neighbour.
	v := tl + ul
	bv = v - tl
	if e := (tl - (v - bv)) + (ul - bv); e != 0 {
		v = roundOdd(v, e)
	}
	return th + v
}

// roundOdd moves v, the sum rounded to nearest of two floats whose
// rounding error was e != 0, to the odd one of the two floats around the
// exact sum.
func roundOdd(v, e float64) float64 {
	bits := math.Float64bits(v)
	if bits&1 == 0 {
		if (e > 0) == (v > 0) {
			bits++ // away from zero
		} else {
			bits--
		}
	}
	return math.Float64frombits(bits)
}

// fmaStep is one p step of a tile of len(x) rows and 4 columns in
// emulated FMAs: s[4i+j] = fma(x[i], y[j], s[4i+j]). Each factor is
// checked and split once for the whole step, not once per product.
func fmaStep(x []float64, y *[4]float64, s []float64) {
	var yh, yl [4]float64
	yok := true
	for j, v := range y {
		yok = yok && fmaOperandOK(v)
		yh[j], yl[j] = fmaSplit(v)
	}
	s = s[:4*len(x)]
	for i, xi := range x {
		si := (*[4]float64)(s[4*i:])
		if !yok || !fmaOperandOK(xi) {
			for j, v := range y {
				si[j] = fmaEmul(xi, v, si[j])
			}
			continue
		}
		xh, xl := fmaSplit(xi)
		for j, z := range si {
			if !fmaAddendOK(z) {
				si[j] = math.FMA(xi, y[j], z)
				continue
			}
			// fmaParts written out: a call per product would cost
			// about as much as the arithmetic.
			yj, yhj, ylj := y[j], yh[j], yl[j]
			uh := float64(xi * yj)
			ul := float64(float64(float64(float64(xh*yhj)-uh)+float64(xh*ylj))+float64(xl*yhj)) + float64(xl*ylj)
			th := z + uh
			bv := th - z
			tl := (z - (th - bv)) + (uh - bv)
			v := tl + ul
			bv = v - tl
			if e := (tl - (v - bv)) + (ul - bv); e != 0 {
				v = roundOdd(v, e)
			}
			si[j] = th + v
		}
	}
}
