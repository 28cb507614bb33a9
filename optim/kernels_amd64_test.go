//go:build amd64 && !purego

package optim

import (
	"math"
	"math/rand/v2"
	"testing"
	"unsafe"
)

// TestKernelArgOffsets checks the offsets kernels_amd64.s reads the
// argument structs at.
func TestKernelArgOffsets(t *testing.T) {
	var a adamArgs
	var r rmspropArgs
	var s sgdArgs
	for _, c := range []struct {
		name      string
		got, want uintptr
	}{
		{"adam.vmax2", unsafe.Offsetof(a.vmax2), 192}, {"adam.beta1", unsafe.Offsetof(a.beta1), 216},
		{"adam.wd", unsafe.Offsetof(a.wd), 272}, {"adam.flip", unsafe.Offsetof(a.flip), 280},
		{"adam.decoupled", unsafe.Offsetof(a.decoupled), 288}, {"adam.amsgrad", unsafe.Offsetof(a.amsgrad), 290},
		{"rmsprop.gavg2", unsafe.Offsetof(r.gavg2), 192}, {"rmsprop.alpha", unsafe.Offsetof(r.alpha), 216},
		{"rmsprop.flip", unsafe.Offsetof(r.flip), 264}, {"rmsprop.l2", unsafe.Offsetof(r.l2), 272},
		{"rmsprop.centered", unsafe.Offsetof(r.centered), 274},
		{"sgd.buf2", unsafe.Offsetof(s.buf2), 96}, {"sgd.negLR", unsafe.Offsetof(s.negLR), 120},
		{"sgd.flip", unsafe.Offsetof(s.flip), 152}, {"sgd.l2", unsafe.Offsetof(s.l2), 160},
		{"sgd.nesterov", unsafe.Offsetof(s.nesterov), 163},
	} {
		if c.got != c.want {
			t.Errorf("offset of %s is %d, kernels_amd64.s reads %d", c.name, c.got, c.want)
		}
	}
}

// specialVals are the values the kernels' inputs are drawn from, beside
// ordinary ones: zeros of both signs, infinities, NaN, tiny and huge.
var specialVals = []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(),
	5e-324, -5e-324, math.MaxFloat64, -math.MaxFloat64, 1e-300, 1e300, 1, -1}

// kernelVals returns n values: mostly ordinary, with special ones when
// special is set.
func kernelVals(rng *rand.Rand, n int, special bool) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = 4*rng.Float64() - 2
		if special && rng.IntN(4) == 0 {
			v[i] = specialVals[rng.IntN(len(specialVals))]
		}
	}
	return v
}

// sameBitsNaN reports whether a and b hold the same bits, any NaN matching
// any NaN: the payload of a NaN made from two NaNs depends on operand
// order, which IEEE leaves open and PyTorch does not fix either.
func sameBitsNaN(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return false
		}
	}
	return true
}

// compareKernel runs run on two copies of the inputs, with the assembly
// and with the reference, and compares every output and the verdict.
// bufs are the inputs, then every output the kernel writes (p, pold, the
// state written).
func compareKernel(t *testing.T, name string, bufs [][]float64, run func(b [][]float64) bool) {
	t.Helper()
	if !useAVX2 {
		t.Skip("the CPU lacks AVX2 and FMA")
	}
	cp := func() [][]float64 {
		c := make([][]float64, len(bufs))
		for i, b := range bufs {
			c[i] = append([]float64(nil), b...)
		}
		return c
	}
	asm, ref := cp(), cp()
	okAsm := run(asm)
	useAVX2 = false
	okRef := run(ref)
	useAVX2 = true
	if okAsm != okRef {
		t.Errorf("%s: assembly says finite=%v, reference %v", name, okAsm, okRef)
	}
	for i := range asm {
		if !sameBitsNaN(asm[i], ref[i]) {
			for j := range asm[i] {
				if !sameBitsNaN(asm[i][j:j+1], ref[i][j:j+1]) {
					t.Errorf("%s: buffer %d element %d: assembly %v (%#x), reference %v (%#x)", name, i, j,
						asm[i][j], math.Float64bits(asm[i][j]), ref[i][j], math.Float64bits(ref[i][j]))
					break
				}
			}
		}
	}
}

// The buffers each test passes: inputs g, m, v, ... then p, pold and the
// outputs.
func TestAdamKernelMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for trial := 0; trial < 400; trial++ {
		n := 1 + rng.IntN(40)
		special := trial%2 == 1
		decoupled, l2, ams, maximize := rng.IntN(2) == 0, rng.IntN(2) == 0, rng.IntN(2) == 0, rng.IntN(2) == 0
		if decoupled {
			l2 = false
		}
		beta1, beta2 := rng.Float64(), rng.Float64()
		bufs := [][]float64{
			kernelVals(rng, n, special), kernelVals(rng, n, special), kernelVals(rng, n, special), kernelVals(rng, n, special),
			kernelVals(rng, n, special), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n),
		}
		run := func(b [][]float64) bool {
			a := adamArgs{g: b[0], m: b[1], v: b[2], vmax: b[3], p: b[4], pold: b[5], m2: b[6], v2: b[7], vmax2: b[8],
				beta1: beta1, c1: 1 - beta1, beta2: beta2, c2: 1 - beta2, bc2Sqrt: math.Sqrt(1 - beta2*beta2),
				eps: 1e-8 * rng.Float64(), negStep: -rng.Float64(), wd: rng.Float64(),
				decoupled: decoupled, l2: l2, amsgrad: ams}
			if maximize {
				a.flip = 1 << 63
			}
			return adamKernel(&a)
		}
		seed := rng.Uint64()
		// run draws its scalars from rng: both runs must see the same.
		compareKernel(t, "adam", bufs, func(b [][]float64) bool {
			rng = rand.New(rand.NewPCG(seed, 1))
			return run(b)
		})
	}
}

func TestRMSpropKernelMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for trial := 0; trial < 400; trial++ {
		n := 1 + rng.IntN(40)
		special := trial%2 == 1
		l2, mom, centered, maximize := rng.IntN(2) == 0, rng.IntN(2) == 0, rng.IntN(2) == 0, rng.IntN(2) == 0
		alpha := rng.Float64()
		sc := [4]float64{1e-8 * rng.Float64(), -rng.Float64(), rng.Float64(), rng.Float64()}
		bufs := [][]float64{
			kernelVals(rng, n, special), kernelVals(rng, n, special), kernelVals(rng, n, special), kernelVals(rng, n, special),
			kernelVals(rng, n, special), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n),
		}
		compareKernel(t, "rmsprop", bufs, func(b [][]float64) bool {
			a := rmspropArgs{g: b[0], sq: b[1], buf: b[2], gavg: b[3], p: b[4], pold: b[5], sq2: b[6], buf2: b[7], gavg2: b[8],
				alpha: alpha, c1: 1 - alpha, eps: sc[0], negLR: sc[1], wd: sc[2], mom: sc[3],
				l2: l2, momentum: mom, centered: centered}
			if maximize {
				a.flip = 1 << 63
			}
			return rmspropKernel(&a)
		})
	}
}

func TestSGDKernelMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for trial := 0; trial < 400; trial++ {
		n := 1 + rng.IntN(40)
		special := trial%2 == 1
		l2, mom, first, nesterov, maximize := rng.IntN(2) == 0, rng.IntN(2) == 0, rng.IntN(2) == 0, rng.IntN(2) == 0, rng.IntN(2) == 0
		sc := [4]float64{-rng.Float64(), rng.Float64(), rng.Float64(), 1 - rng.Float64()}
		bufs := [][]float64{
			kernelVals(rng, n, special), kernelVals(rng, n, special),
			kernelVals(rng, n, special), make([]float64, n), make([]float64, n),
		}
		compareKernel(t, "sgd", bufs, func(b [][]float64) bool {
			a := sgdArgs{g: b[0], buf: b[1], p: b[2], pold: b[3], buf2: b[4],
				negLR: sc[0], wd: sc[1], mom: sc[2], damp: sc[3],
				l2: l2, momentum: mom, first: first, nesterov: nesterov}
			if maximize {
				a.flip = 1 << 63
			}
			return sgdKernel(&a)
		})
	}
}
