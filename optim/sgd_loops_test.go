package optim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/nnlab/nnlab/autograd"
)

// sgdElementwise is SGD's update with the configuration tested per
// element, as Step was written before its loops were split by
// configuration: the split loops must give its bits exactly.
func sgdElementwise(c SGDConfig, p, g, buf []float64, first bool) {
	for j, d := range g {
		if c.Maximize {
			d = -d
		}
		if c.WeightDecay != 0 {
			d = math.FMA(c.WeightDecay, p[j], d)
		}
		if c.Momentum != 0 {
			if first {
				buf[j] = d
			} else {
				buf[j] = math.FMA(1-c.Dampening, d, float64(buf[j]*c.Momentum))
			}
			if c.Nesterov {
				d = math.FMA(c.Momentum, buf[j], d)
			} else {
				d = buf[j]
			}
		}
		p[j] = math.FMA(-c.LR, d, p[j])
	}
}

func TestSGDStepBitsMatchElementwise(t *testing.T) {
	cfgs := []SGDConfig{
		{LR: 0.1},
		{LR: 0.1, Maximize: true},
		{LR: 0.1, WeightDecay: 0.01},
		{LR: 0.1, WeightDecay: 0.01, Maximize: true},
		{LR: 0.05, Momentum: 0.9},
		{LR: 0.05, Momentum: 0.9, Dampening: 0.3, WeightDecay: 0.01},
		{LR: 0.05, Momentum: 0.8, Nesterov: true, WeightDecay: 0.01},
		{LR: 0.05, Momentum: 0.8, Nesterov: true, Maximize: true},
	}
	// Signed zeros, infinities and NaN among the gradients: the loops
	// must negate and combine them exactly as the element-wise one does.
	specials := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(), 1e-310}
	for _, cfg := range cfgs {
		t.Run(fmt.Sprintf("%+v", cfg), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(3, 4))
			const n = 37
			p0 := randVals(rng, n)
			p := newParam(append([]float64(nil), p0...), n)
			opt, err := NewSGD([]*autograd.Var{p}, cfg)
			mustNoErr(t, err)
			want, buf := append([]float64(nil), p0...), make([]float64, n)
			for step := 0; step < 4; step++ {
				g := randVals(rng, n)
				if step == 3 {
					copy(g, specials)
				}
				setGrad(p, g)
				opt.Step()
				sgdElementwise(cfg, want, g, buf, step == 0)
				for j, v := range p.Value().Data() {
					if math.Float64bits(v) != math.Float64bits(want[j]) {
						t.Fatalf("step %d, element %d: %v (%#x), want %v (%#x)",
							step+1, j, v, math.Float64bits(v), want[j], math.Float64bits(want[j]))
					}
				}
			}
		})
	}
}
