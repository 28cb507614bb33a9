package autograd

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

// agSoftplus is softplus with a slice fast path, rounding-sensitive enough
// that a change of operands or order would show in the bits.
type agSoftplus struct{}

func (agSoftplus) Apply(x float64) float64         { return math.Log1p(math.Exp(x)) }
func (agSoftplus) Derivative(x, _ float64) float64 { return 1 / (1 + math.Exp(-x)) }
func (f agSoftplus) ApplySlice(y, x []float64) {
	for i, v := range x {
		y[i] = f.Apply(v)
	}
}
func (f agSoftplus) AccumulateGrad(gx, gy, x, _ []float64) {
	for i, v := range x {
		gx[i] += gy[i] * f.Derivative(v, 0)
	}
}

func TestElementwiseSplitSameBitsAnyThreads(t *testing.T) {
	// A SliceFunc's pass cut into chunks of 8 elements and more, on 1 to 8
	// goroutines: value and gradient have the bits of one whole call, and
	// a steady-state step allocates nothing.
	old, oldThreads := sliceSplitMin, tensor.Threads()
	sliceSplitMin = 8
	defer func() { sliceSplitMin = old; tensor.SetThreads(oldThreads) }()
	rng := rand.New(rand.NewPCG(61, 62))
	x := tensor.RandN(rng, 37, 29)
	var tape Tape
	w := Param(tensor.RandN(rng, 37, 29))
	run := func() (*tensor.Tensor, *tensor.Tensor) {
		tape.Reset()
		w.ZeroGrad()
		y := Elementwise(Mul(tape.Const(x), w), agSoftplus{})
		Sum(y).Backward()
		return y.Value(), w.Grad()
	}
	var wantY, wantG []float64
	for _, th := range []int{1, 2, 3, 4, 8} {
		tensor.SetThreads(th)
		sliceJobs = tensor.FreeList[sliceJob]{}
		y, g := run()
		if split := sliceJobs.Len() > 0; split != (th > 1) {
			t.Fatalf("threads=%d: passes split: %v", th, split)
		}
		if wantY == nil {
			wantY, wantG = append([]float64(nil), y.Data()...), append([]float64(nil), g.Data()...)
			continue
		}
		for _, c := range []struct {
			name      string
			got, want []float64
		}{{"value", y.Data(), wantY}, {"gradient", g.Data(), wantG}} {
			for i := range c.want {
				if math.Float64bits(c.got[i]) != math.Float64bits(c.want[i]) {
					t.Fatalf("threads=%d: %s[%d] = %v, want %v", th, c.name, i, c.got[i], c.want[i])
				}
			}
		}
		if n := testing.AllocsPerRun(10, func() { run() }); n != 0 {
			t.Errorf("threads=%d: %v allocations per step, want 0", th, n)
		}
	}
}
