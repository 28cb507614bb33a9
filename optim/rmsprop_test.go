package optim

import (
	"math"
	"testing"

	"github.com/nnlab/nnlab/autograd"
)

// rmspropReference is RMSprop as the PyTorch documentation writes it.
type rmspropReference struct {
	cfg          RMSpropConfig
	v, gavg, buf []float64
}

func (r *rmspropReference) step(p, g []float64) {
	c := r.cfg
	if r.v == nil {
		r.v, r.gavg, r.buf = make([]float64, len(p)), make([]float64, len(p)), make([]float64, len(p))
	}
	for i := range p {
		gt := g[i]
		if c.Maximize {
			gt = -gt
		}
		gt += c.WeightDecay * p[i]
		r.v[i] = c.Alpha*r.v[i] + (1-c.Alpha)*gt*gt
		vt := r.v[i]
		if c.Centered {
			r.gavg[i] = c.Alpha*r.gavg[i] + (1-c.Alpha)*gt
			vt -= r.gavg[i] * r.gavg[i]
		}
		if c.Momentum > 0 {
			r.buf[i] = c.Momentum*r.buf[i] + gt/(math.Sqrt(vt)+c.Eps)
			p[i] -= c.LR * r.buf[i]
		} else {
			p[i] -= c.LR * gt / (math.Sqrt(vt) + c.Eps)
		}
	}
}

func TestRMSpropAgainstReference(t *testing.T) {
	// The reference is given every field explicitly; "defaults" checks
	// DefaultRMSpropConfig against it.
	tests := []struct {
		name     string
		cfg, ref RMSpropConfig
	}{
		{"defaults", DefaultRMSpropConfig(), RMSpropConfig{LR: 0.01, Alpha: 0.99, Eps: 1e-8}},
		{"alpha", RMSpropConfig{LR: 0.01, Alpha: 0.9, Eps: 1e-8}, RMSpropConfig{LR: 0.01, Alpha: 0.9, Eps: 1e-8}},
		{"momentum", RMSpropConfig{LR: 0.02, Alpha: 0.99, Eps: 1e-8, WeightDecay: 0.1, Momentum: 0.9},
			RMSpropConfig{LR: 0.02, Alpha: 0.99, Eps: 1e-8, WeightDecay: 0.1, Momentum: 0.9}},
		{"centered", RMSpropConfig{LR: 0.01, Alpha: 0.9, Eps: 1e-8, Centered: true},
			RMSpropConfig{LR: 0.01, Alpha: 0.9, Eps: 1e-8, Centered: true}},
		{"centered momentum maximize", RMSpropConfig{LR: 0.01, Alpha: 0.99, Eps: 1e-8, Momentum: 0.5, Centered: true, Maximize: true},
			RMSpropConfig{LR: 0.01, Alpha: 0.99, Eps: 1e-8, Momentum: 0.5, Centered: true, Maximize: true}},
		{"alpha zero", RMSpropConfig{LR: 0.01, Eps: 1e-8}, RMSpropConfig{LR: 0.01, Alpha: 0, Eps: 1e-8}},
		{"alpha and eps zero", RMSpropConfig{LR: 0.01, Momentum: 0.5},
			RMSpropConfig{LR: 0.01, Alpha: 0, Eps: 0, Momentum: 0.5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ref := &rmspropReference{cfg: tt.ref}
			checkAgainstReference(t, "RMSprop", func(p []*autograd.Var) Optimizer {
				o, err := NewRMSprop(p, tt.cfg)
				mustNoErr(t, err)
				return o
			}, ref.step)
		})
	}
}

func TestRMSpropHandWorked(t *testing.T) {
	const eps = 1e-8
	tests := []struct {
		name string
		cfg  RMSpropConfig
		want float64
	}{
		// alpha 0.5, g = 2: v = 2, p = 1 - 0.1·2/(√2+eps)
		{"plain", RMSpropConfig{LR: 0.1, Alpha: 0.5, Eps: 1e-8}, 1 - 0.1*2/(math.Sqrt2+eps)},
		// centered: ḡ = 1, v - ḡ² = 1, p = 1 - 0.1·2/(1+eps)
		{"centered", RMSpropConfig{LR: 0.1, Alpha: 0.5, Eps: 1e-8, Centered: true}, 1 - 0.1*2/(1+eps)},
		// momentum starts from a zero buffer: buf = 2/(√2+eps)
		{"momentum", RMSpropConfig{LR: 0.1, Alpha: 0.5, Eps: 1e-8, Momentum: 0.9}, 1 - 0.1*2/(math.Sqrt2+eps)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newParam([]float64{1})
			opt, err := NewRMSprop([]*autograd.Var{p}, tt.cfg)
			mustNoErr(t, err)
			setGrad(p, []float64{2})
			opt.Step()
			assertValues(t, "param", p.Value().Data(), []float64{tt.want}, 1e-14)
		})
	}
}
