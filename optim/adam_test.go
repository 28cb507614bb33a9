package optim

import (
	"math"
	"testing"

	"github.com/nnlab/nnlab/autograd"
)

// adamReference is Adam and AdamW in the textbook form of Kingma & Ba and
// Loshchilov & Hutter, with bias-corrected moments m̂ and v̂, rather than
// PyTorch's rearranged step size, so that it is an independent derivation.
type adamReference struct {
	lr, beta1, beta2, eps, l2, decoupled float64
	amsgrad, maximize                    bool
	m, v, vmax                           []float64
	t                                    int
}

func (r *adamReference) step(p, g []float64) {
	if r.m == nil {
		r.m, r.v, r.vmax = make([]float64, len(p)), make([]float64, len(p)), make([]float64, len(p))
	}
	r.t++
	for i := range p {
		p[i] *= 1 - r.lr*r.decoupled
		gt := g[i]
		if r.maximize {
			gt = -gt
		}
		gt += r.l2 * p[i]
		r.m[i] = r.beta1*r.m[i] + (1-r.beta1)*gt
		r.v[i] = r.beta2*r.v[i] + (1-r.beta2)*gt*gt
		mHat := r.m[i] / (1 - math.Pow(r.beta1, float64(r.t)))
		v := r.v[i]
		if r.amsgrad {
			r.vmax[i] = math.Max(r.vmax[i], v)
			v = r.vmax[i]
		}
		vHat := v / (1 - math.Pow(r.beta2, float64(r.t)))
		p[i] -= r.lr * mHat / (math.Sqrt(vHat) + r.eps)
	}
}

func TestAdamAgainstReference(t *testing.T) {
	tests := []struct {
		name string
		cfg  AdamConfig
		ref  adamReference
	}{
		{"defaults", DefaultAdamConfig(), adamReference{lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8}},
		{"l2", AdamConfig{LR: 0.01, Betas: [2]float64{0.8, 0.99}, Eps: 1e-8, WeightDecay: 0.1},
			adamReference{lr: 0.01, beta1: 0.8, beta2: 0.99, eps: 1e-8, l2: 0.1}},
		{"amsgrad", AdamConfig{LR: 0.05, Betas: [2]float64{0.9, 0.999}, Eps: 1e-6, AMSGrad: true},
			adamReference{lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 1e-6, amsgrad: true}},
		{"maximize", AdamConfig{LR: 0.05, Betas: [2]float64{0.9, 0.999}, Eps: 1e-8, WeightDecay: 0.2, Maximize: true},
			adamReference{lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 1e-8, l2: 0.2, maximize: true}},
		{"beta1 zero", AdamConfig{LR: 0.05, Betas: [2]float64{0, 0.99}, Eps: 1e-8},
			adamReference{lr: 0.05, beta1: 0, beta2: 0.99, eps: 1e-8}},
		{"eps zero", AdamConfig{LR: 0.01, Betas: [2]float64{0.9, 0.999}},
			adamReference{lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ref := tt.ref
			checkAgainstReference(t, "Adam", func(p []*autograd.Var) Optimizer {
				o, err := NewAdam(p, tt.cfg)
				mustNoErr(t, err)
				return o
			}, ref.step)
		})
	}
}

func TestAdamWAgainstReference(t *testing.T) {
	tests := []struct {
		name string
		cfg  AdamWConfig
		ref  adamReference
	}{
		{"defaults", DefaultAdamWConfig(), adamReference{lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, decoupled: 0.01}},
		{"strong decay", AdamWConfig{LR: 0.05, Betas: [2]float64{0.9, 0.999}, Eps: 1e-8, WeightDecay: 0.5},
			adamReference{lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 1e-8, decoupled: 0.5}},
		{"no decay", AdamWConfig{LR: 0.05, Betas: [2]float64{0.9, 0.999}, Eps: 1e-8},
			adamReference{lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 1e-8}},
		{"amsgrad maximize", AdamWConfig{LR: 0.05, Betas: [2]float64{0.5, 0.9}, Eps: 1e-8, WeightDecay: 0.01, AMSGrad: true, Maximize: true},
			adamReference{lr: 0.05, beta1: 0.5, beta2: 0.9, eps: 1e-8, decoupled: 0.01, amsgrad: true, maximize: true}},
		{"eps zero", AdamWConfig{LR: 0.05, Betas: [2]float64{0.9, 0.999}, WeightDecay: 0.01},
			adamReference{lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 0, decoupled: 0.01}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ref := tt.ref
			checkAgainstReference(t, "AdamW", func(p []*autograd.Var) Optimizer {
				o, err := NewAdamW(p, tt.cfg)
				mustNoErr(t, err)
				return o
			}, ref.step)
		})
	}
}

// TestAdamHandWorked checks cases small enough to work out on paper.
func TestAdamHandWorked(t *testing.T) {
	const eps = 1e-8
	tests := []struct {
		name  string
		build func(p []*autograd.Var) (Optimizer, error)
		grads []float64
		want  []float64
	}{
		{
			// Adam's first step moves by lr against the gradient's sign:
			// m̂ = g, v̂ = g², so p = 1 - 0.1·3/(3+eps).
			name: "first step",
			build: func(p []*autograd.Var) (Optimizer, error) {
				return NewAdam(p, AdamConfig{LR: 0.1, Betas: [2]float64{0.9, 0.999}, Eps: 1e-8})
			},
			grads: []float64{3},
			want:  []float64{1 - 0.1*3/(3+eps)},
		},
		{
			// Betas 0.5: step 1, g = 2: m = 1, v = 2, m̂ = 2, v̂ = 4,
			// p = 1 - 0.1·2/(2+eps). Step 2, g = 0: m = 0.5, v = 1 but the
			// running maximum stays 2; m̂ = 0.5/0.75, v̂ = 2/0.75.
			name: "amsgrad keeps the larger second moment",
			build: func(p []*autograd.Var) (Optimizer, error) {
				return NewAdam(p, AdamConfig{LR: 0.1, Betas: [2]float64{0.5, 0.5}, Eps: 1e-8, AMSGrad: true})
			},
			grads: []float64{2, 0},
			want:  []float64{1 - 0.1*2/(2+eps), 1 - 0.1*2/(2+eps) - 0.1*(0.5/0.75)/(math.Sqrt(2/0.75)+eps)},
		},
		{
			// Without AMSGrad the second step uses v = 1: v̂ = 1/0.75.
			name: "without amsgrad",
			build: func(p []*autograd.Var) (Optimizer, error) {
				return NewAdam(p, AdamConfig{LR: 0.1, Betas: [2]float64{0.5, 0.5}, Eps: 1e-8})
			},
			grads: []float64{2, 0},
			want:  []float64{1 - 0.1*2/(2+eps), 1 - 0.1*2/(2+eps) - 0.1*(0.5/0.75)/(math.Sqrt(1/0.75)+eps)},
		},
		{
			// AdamW shrinks first: p = 1·(1 - 0.1·0.5) = 0.95, then the
			// first Adam step of 0.1.
			name: "adamw decay",
			build: func(p []*autograd.Var) (Optimizer, error) {
				return NewAdamW(p, AdamWConfig{LR: 0.1, Betas: [2]float64{0.9, 0.999}, Eps: 1e-8, WeightDecay: 0.5})
			},
			grads: []float64{3},
			want:  []float64{0.95 - 0.1*3/(3+eps)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newParam([]float64{1})
			opt, err := tt.build([]*autograd.Var{p})
			mustNoErr(t, err)
			for k, g := range tt.grads {
				setGrad(p, []float64{g})
				opt.Step()
				assertValues(t, "param", p.Value().Data(), tt.want[k:k+1], 1e-14)
			}
		})
	}
}

// TestAdamAMSGradNaN checks that a NaN gradient reaches the running
// maximum, as torch.maximum propagates it, rather than being dropped.
func TestAdamAMSGradNaN(t *testing.T) {
	p := newParam([]float64{1})
	opt, err := NewAdam([]*autograd.Var{p}, AdamConfig{LR: 1e-3, Betas: [2]float64{0.9, 0.999}, Eps: 1e-8, AMSGrad: true})
	mustNoErr(t, err)
	setGrad(p, []float64{1})
	opt.Step()
	p.Grad().Data()[0] = math.NaN()
	opt.Step()
	if v := opt.StateDict()["0.max_exp_avg_sq"].Data()[0]; !math.IsNaN(v) {
		t.Fatalf("max_exp_avg_sq = %v after a NaN gradient, want NaN", v)
	}
}
