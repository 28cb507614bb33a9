//go:build amd64 && !purego

package layer

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// reluInputs returns n values mixing the cases a mask must get right:
// ±0, ±Inf, NaNs of both signs and payloads, subnormals and ordinary
// numbers of either sign.
func reluInputs(rng *rand.Rand, n int) []float64 {
	special := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(),
		math.Float64frombits(0xfff8000000000123), math.Float64frombits(0x7ff0000000000001),
		5e-324, -5e-324, math.MaxFloat64, -math.MaxFloat64, 1, -1}
	x := make([]float64, n)
	for i := range x {
		if rng.IntN(3) == 0 {
			x[i] = special[rng.IntN(len(special))]
		} else {
			x[i] = rng.NormFloat64()
		}
	}
	return x
}

func TestReLUKernelsMatchGo(t *testing.T) {
	// Every length 0–40 at every offset 0–3, so that the eight-wide loop,
	// the four-wide loop and the Go tail all run: the assembly gives the
	// Go loops' bits, NaN payloads and signs of zero included.
	if !useAVX2 {
		t.Skip("no AVX2")
	}
	rng := rand.New(rand.NewPCG(81, 82))
	for n := 0; n <= 40; n++ {
		for off := 0; off < 4; off++ {
			x := reluInputs(rng, n+off)[off:]
			gy, gx0 := reluInputs(rng, n+off)[off:], reluInputs(rng, n+off)[off:]
			y, want := make([]float64, n), make([]float64, n)
			reluSlice(y, x)
			reluGo(want, x)
			gx, wantG := append([]float64(nil), gx0...), append([]float64(nil), gx0...)
			reluGrad(gx, gy, x)
			reluGradGo(wantG, gy, x)
			for i := range n {
				if math.Float64bits(y[i]) != math.Float64bits(want[i]) {
					t.Fatalf("n=%d off=%d: relu(%v) = %v (%#x), Go gives %v (%#x)", n, off, x[i], y[i], math.Float64bits(y[i]), want[i], math.Float64bits(want[i]))
				}
				if math.Float64bits(gx[i]) != math.Float64bits(wantG[i]) {
					t.Fatalf("n=%d off=%d: grad at x=%v, gy=%v, gx=%v: %v (%#x), Go gives %v (%#x)", n, off, x[i], gy[i], gx0[i], gx[i], math.Float64bits(gx[i]), wantG[i], math.Float64bits(wantG[i]))
				}
			}
		}
	}
}

func BenchmarkReLUSlice(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{512, 32768} {
		x, gy := reluInputs(rng, n), reluInputs(rng, n)
		y, gx := make([]float64, n), make([]float64, n)
		for _, asm := range []bool{false, true} {
			name := map[bool]string{false: "go", true: "avx2"}[asm]
			b.Run(name+"/forward/"+strconv.Itoa(n), func(b *testing.B) {
				old := useAVX2
				useAVX2 = asm && old
				defer func() { useAVX2 = old }()
				for range b.N {
					reluSlice(y, x)
				}
			})
			b.Run(name+"/backward/"+strconv.Itoa(n), func(b *testing.B) {
				old := useAVX2
				useAVX2 = asm && old
				defer func() { useAVX2 = old }()
				for range b.N {
					reluGrad(gx, gy, x)
				}
			})
		}
	}
}
