package tensor

import (
	"math"
	"math/rand/v2"
	"testing"
)

// hardFloat draws a float64 of exponent e whose significand has a random
// number of leading bits (so that products and sums are often exact or
// land exactly halfway between two floats), with a random sign.
func hardFloat(r *rand.Rand, e int) float64 {
	bits := 1 + r.IntN(53)
	m := (r.Uint64() | 1<<63) >> (64 - bits) << (53 - bits) // bits significant bits, top one set
	x := math.Ldexp(float64(m), e-52)
	if r.IntN(2) == 0 {
		x = -x
	}
	return x
}

func TestFMAEmulMatchesHardware(t *testing.T) {
	// Against math.FMA, which is the FMA instruction on amd64 and arm64
	// (and exact software elsewhere): operands with short significands
	// make exact products and halfway sums common, z near -x·y makes the
	// sum cancel, and exponents past the fast path's range take the
	// fallback.
	r := rand.New(rand.NewPCG(21, 22))
	n := 4_000_000
	if testing.Short() {
		n = 200_000
	}
	for i := range n {
		ex, ey := r.IntN(921)-460, r.IntN(921)-460
		x, y := hardFloat(r, ex), hardFloat(r, ey)
		var z float64
		switch i % 5 {
		case 0: // the product's neighbourhood: cancellation
			z = -x * y
			if r.IntN(2) == 0 {
				z = math.Nextafter(z, math.Inf(r.IntN(2)*2-1))
			}
		case 1: // a few ulps of the product off a halfway point
			z = hardFloat(r, ex+ey+r.IntN(3)-1) + math.Ldexp(float64(r.IntN(5)-2), ex+ey-53)
		case 2:
			z = hardFloat(r, ex+ey+r.IntN(240)-120)
		case 3:
			z = 0
		default:
			z = (r.Float64()*2 - 1) * math.Ldexp(1, r.IntN(1900)-950)
		}
		got, want := fmaEmul(x, y, z), math.FMA(x, y, z)
		if math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("fmaEmul(%v, %v, %v) = %v (%#x), FMA %v (%#x)", x, y, z, got, math.Float64bits(got), want, math.Float64bits(want))
		}
	}
}

func TestFMAEmulSpecialValues(t *testing.T) {
	vals := []float64{0, math.Copysign(0, -1), 1, -1, math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat64,
		math.SmallestNonzeroFloat64, 0x1p-1022, 0x1p-500, 0x1p500, 1 + 0x1p-52, 0x1p450, 0x1p-450}
	for _, x := range vals {
		for _, y := range vals {
			for _, z := range vals {
				got, want := fmaEmul(x, y, z), math.FMA(x, y, z)
				if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
					t.Errorf("fmaEmul(%v, %v, %v) = %v, FMA %v", x, y, z, got, want)
				}
			}
		}
	}
}

func TestFMAStepMatchesHardware(t *testing.T) {
	// fmaStep over tiles of 1 to 4 rows, factors drawn as in
	// TestFMAEmulMatchesHardware (now and then a zero, a ReLU's output,
	// or a value past the fast range), chained over p as a tile does.
	r := rand.New(rand.NewPCG(23, 24))
	draw := func() float64 {
		switch r.IntN(10) {
		case 0:
			return 0
		case 1:
			return hardFloat(r, r.IntN(1200)-600)
		}
		return hardFloat(r, r.IntN(40)-20)
	}
	for range 20_000 {
		mr := 1 + r.IntN(4)
		x := make([]float64, mr)
		s, want := make([]float64, 4*mr), make([]float64, 4*mr)
		for range 8 {
			var y [4]float64
			for j := range y {
				y[j] = draw()
			}
			for i := range x {
				x[i] = draw()
			}
			fmaStep(x, &y, s)
			for i := range x {
				for j := range y {
					want[4*i+j] = math.FMA(x[i], y[j], want[4*i+j])
				}
			}
			for k := range s {
				if math.Float64bits(s[k]) != math.Float64bits(want[k]) {
					t.Fatalf("fmaStep: s[%d] = %v, FMA chain %v", k, s[k], want[k])
				}
			}
		}
	}
}
