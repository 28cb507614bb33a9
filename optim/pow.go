package optim

import "math"

// powInt returns x raised to the whole power n >= 0, correctly rounded
// but in the rarest cases, as C's pow gives it to Python and so to
// PyTorch's bias corrections and decay schedules. math.Pow multiplies
// rounded partial powers and drifts a few ulps from it as n grows; here
// the partial powers are kept in double-double precision (about 106 bits)
// and rounded once at the end.
func powInt(x float64, n int64) float64 {
	hi, lo := 1.0, 0.0 // the result so far
	bh, bl := x, 0.0   // x^(2^k)
	for n > 0 {
		if n&1 == 1 {
			hi, lo = mulDD(hi, lo, bh, bl)
		}
		if n >>= 1; n > 0 {
			bh, bl = mulDD(bh, bl, bh, bl)
		}
	}
	return hi + lo
}

// mulDD multiplies two double-double numbers (hi + lo, |lo| <= ulp(hi)/2)
// and returns the normalised product. A product that is zero, infinite or
// NaN in plain precision is returned as is, since the error term would
// turn an infinity into NaN. The conversions forbid fusing the cross terms,
// so that the bits do not depend on the architecture.
func mulDD(ah, al, bh, bl float64) (float64, float64) {
	p := float64(ah * bh)
	if p == 0 || math.IsInf(p, 0) || math.IsNaN(p) {
		return p, 0
	}
	e := math.FMA(ah, bh, -p) + (float64(ah*bl) + float64(al*bh))
	h := p + e
	return h, e - (h - p)
}
