package optim

import (
	"math"

	"github.com/nnlab/nnlab/autograd"
)

// AdamConfig configures [Adam] with the hyperparameters of
// torch.optim.Adam. Every field is used as given: a zero LR leaves the
// parameters where they are, zero Betas keep no average, an Eps of 0 adds
// nothing to the denominator (which then divides 0 by 0 where a gradient
// has always been 0, as PyTorch's does). [DefaultAdamConfig] returns
// PyTorch's defaults, to change the fields wanted:
//
//	cfg := optim.DefaultAdamConfig()
//	cfg.LR = 0.01
type AdamConfig struct {
	LR          float64    // learning rate, >= 0
	Betas       [2]float64 // decay rates of the first and second moments, each in [0, 1)
	Eps         float64    // added to the denominator, >= 0
	WeightDecay float64    // L2 penalty added to the gradient, >= 0
	AMSGrad     bool       // use the running maximum of the second moment
	Maximize    bool       // ascend the objective instead of descending
}

// DefaultAdamConfig returns torch.optim.Adam's defaults: LR 0.001, Betas
// {0.9, 0.999}, Eps 1e-8, no weight decay, no AMSGrad.
func DefaultAdamConfig() AdamConfig {
	return AdamConfig{LR: 1e-3, Betas: [2]float64{0.9, 0.999}, Eps: 1e-8}
}

// validate checks the ranges torch.optim.Adam checks, and finiteness.
func (c AdamConfig) validate(typ string) error {
	return firstErr(
		checkRate(typ, c.LR),
		checkUnit(typ, "Betas[0]", c.Betas[0]),
		checkUnit(typ, "Betas[1]", c.Betas[1]),
		checkNonNeg(typ, "Eps", c.Eps),
		checkNonNeg(typ, "WeightDecay", c.WeightDecay),
	)
}

// Adam is the Adam optimizer, torch.optim.Adam's update: with
// g = ±grad + wd·p (L2 decay), m = β1·m + (1-β1)·g, v = β2·v + (1-β2)·g²,
// and at step t, p -= lr/(1-β1ᵗ) · m / (√v/√(1-β2ᵗ) + eps), where AMSGrad
// uses the running maximum of v in place of v. See [AdamW] for decoupled
// weight decay.
type Adam struct {
	base
	cfg AdamConfig
	upd adamUpdater // over base and cfg, made once: a method value would allocate
}

// adamBuffers returns the state buffer names of Adam and AdamW.
func adamBuffers(amsgrad bool) []string {
	if amsgrad {
		return []string{"exp_avg", "exp_avg_sq", "max_exp_avg_sq"}
	}
	return []string{"exp_avg", "exp_avg_sq"}
}

// NewAdam returns an Adam optimizer over params, or an error naming the
// first invalid field of cfg or a bad parameter list.
func NewAdam(params []*autograd.Var, cfg AdamConfig) (*Adam, error) {
	if err := cfg.validate("AdamConfig"); err != nil {
		return nil, err
	}
	b, err := newBase("Adam", params, cfg.LR, true, adamBuffers(cfg.AMSGrad)...)
	if err != nil {
		return nil, err
	}
	o := &Adam{base: b, cfg: cfg}
	o.upd = adamUpdater{&o.base, &o.cfg, cfg.WeightDecay, 0}
	return o, nil
}

// Config returns the configuration, with the learning rate set to the
// current one.
func (o *Adam) Config() AdamConfig {
	c := o.cfg
	c.LR = o.lr
	return c
}

// Step applies one Adam update to every parameter that has a gradient.
func (o *Adam) Step() { o.step(&o.upd) }

// GuardedStep applies one Adam update if it is finite (see [GuardedStepper]).
func (o *Adam) GuardedStep() error {
	return o.guardedStep(&o.upd)
}

// adamUpdater is the update of Adam and AdamW, PyTorch 1.13's
// single-tensor loop (see adamGo). l2 is Adam's weight decay, added to the
// gradient; decoupled is AdamW's, which shrinks the parameter before the
// update. At most one of them is non-zero.
type adamUpdater struct {
	b             *base
	c             *AdamConfig
	l2, decoupled float64
}

func (u *adamUpdater) update(p, g, pold []float64, s *slot, out [][]float64, _ bool) bool {
	lr, c := u.b.lr, u.c
	beta1, beta2 := c.Betas[0], c.Betas[1]
	s.step++
	bc1 := 1 - powInt(beta1, int64(s.step))
	bc2 := 1 - powInt(beta2, int64(s.step))
	a := adamArgs{
		p: p, g: g, pold: pold,
		m: s.bufs[0], v: s.bufs[1], m2: out[0], v2: out[1],
		beta1: beta1, c1: 1 - beta1, beta2: beta2, c2: 1 - beta2,
		bc2Sqrt: math.Sqrt(bc2), eps: c.Eps, negStep: -(lr / bc1),
		wd: u.l2, l2: u.l2 != 0, decoupled: u.decoupled != 0, amsgrad: c.AMSGrad,
	}
	if a.decoupled {
		a.wd = 1 - float64(lr*u.decoupled)
	}
	if c.Maximize {
		a.flip = 1 << 63
	}
	if c.AMSGrad {
		a.vmax, a.vmax2 = s.bufs[2], out[2]
	}
	return u.b.split.adam.run(&a)
}
