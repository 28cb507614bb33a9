package optim

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/nnlab/nnlab/autograd"
)

// The expectations below are worked out by hand from torch.optim.SGD's
// documented algorithm, for one scalar parameter starting at 1 and the
// gradients 1 then 2.
func TestSGDHandWorked(t *testing.T) {
	tests := []struct {
		name string
		cfg  SGDConfig
		want [2]float64
	}{
		// p = 1 - 0.1·1 = 0.9; p = 0.9 - 0.1·2 = 0.7
		{"plain", SGDConfig{LR: 0.1}, [2]float64{0.9, 0.7}},
		// d = 1 + 0.1·1 = 1.1, p = 0.89; d = 2 + 0.089 = 2.089, p = 0.6811
		{"weight decay", SGDConfig{LR: 0.1, WeightDecay: 0.1}, [2]float64{0.89, 0.6811}},
		// buf = 1, p = 0.9; buf = 0.9 + 2 = 2.9, p = 0.61
		{"momentum", SGDConfig{LR: 0.1, Momentum: 0.9}, [2]float64{0.9, 0.61}},
		// the first buffer is the bare gradient, undamped: buf = 1, p = 0.9;
		// buf = 0.9·1 + 0.5·2 = 1.9, p = 0.71
		{"dampening", SGDConfig{LR: 0.1, Momentum: 0.9, Dampening: 0.5}, [2]float64{0.9, 0.71}},
		// buf = 1, d = 1 + 0.9 = 1.9, p = 0.81; buf = 2.9, d = 2 + 2.61 = 4.61,
		// p = 0.349
		{"nesterov", SGDConfig{LR: 0.1, Momentum: 0.9, Nesterov: true}, [2]float64{0.81, 0.349}},
		// the gradient is negated before the decay: d = -1 + 0.1 = -0.9,
		// p = 1.09; d = -2 + 0.109 = -1.891, p = 1.2791
		{"maximize", SGDConfig{LR: 0.1, WeightDecay: 0.1, Maximize: true}, [2]float64{1.09, 1.2791}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newParam([]float64{1})
			opt, err := NewSGD([]*autograd.Var{p}, tt.cfg)
			mustNoErr(t, err)
			for k, g := range []float64{1, 2} {
				setGrad(p, []float64{g})
				opt.Step()
				assertValues(t, "param", p.Value().Data(), tt.want[k:k+1], 1e-14)
			}
		})
	}
}

// sgdReference is SGD as the PyTorch documentation writes it, one element
// at a time.
type sgdReference struct {
	cfg SGDConfig
	buf []float64
	t   int
}

func (r *sgdReference) step(p, g []float64) {
	c := r.cfg
	if r.buf == nil {
		r.buf = make([]float64, len(p))
	}
	r.t++
	for i := range p {
		gt := g[i]
		if c.Maximize {
			gt = -gt
		}
		gt += c.WeightDecay * p[i]
		if c.Momentum != 0 {
			if r.t == 1 {
				r.buf[i] = gt
			} else {
				r.buf[i] = c.Momentum*r.buf[i] + (1-c.Dampening)*gt
			}
			if c.Nesterov {
				gt += c.Momentum * r.buf[i]
			} else {
				gt = r.buf[i]
			}
		}
		p[i] -= c.LR * gt
	}
}

func TestSGDAgainstReference(t *testing.T) {
	cfgs := []SGDConfig{
		{LR: 0.05},
		{LR: 0.05, Momentum: 0.9},
		{LR: 0.05, Momentum: 0.9, Dampening: 0.3, WeightDecay: 0.01},
		{LR: 0.05, Momentum: 0.8, Nesterov: true, WeightDecay: 0.01},
		{LR: 0.05, Momentum: 0.8, Nesterov: true, Maximize: true},
	}
	for _, cfg := range cfgs {
		ref := &sgdReference{cfg: cfg}
		checkAgainstReference(t, "SGD", func(p []*autograd.Var) Optimizer {
			o, err := NewSGD(p, cfg)
			mustNoErr(t, err)
			return o
		}, ref.step)
	}
}

// checkAgainstReference runs an optimizer and a reference update side by
// side on one parameter over eight steps of random gradients.
func checkAgainstReference(t *testing.T, name string, build func([]*autograd.Var) Optimizer, ref func(p, g []float64)) {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	p0 := randVals(rng, 6)
	p := newParam(p0, 2, 3)
	opt := build([]*autograd.Var{p})
	want := append([]float64(nil), p0...)
	for k := 0; k < 8; k++ {
		g := randVals(rng, 6)
		setGrad(p, g)
		opt.Step()
		ref(want, g)
		assertValues(t, fmt.Sprintf("%s step %d", name, k+1), p.Value().Data(), want, 1e-12)
	}
}
