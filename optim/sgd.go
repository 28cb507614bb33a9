package optim

import (
	"math"

	"github.com/nnlab/nnlab/autograd"
)

// SGDConfig configures [SGD] with the hyperparameters of torch.optim.SGD.
// Every zero value is PyTorch's default, except LR, which PyTorch requires
// and which must be set.
type SGDConfig struct {
	LR          float64 // learning rate, > 0 (required)
	Momentum    float64 // momentum factor, >= 0
	Dampening   float64 // dampening of the momentum, in [0, 1]
	Nesterov    bool    // Nesterov momentum; needs Momentum > 0 and Dampening 0
	WeightDecay float64 // L2 penalty added to the gradient, >= 0
	Maximize    bool    // ascend the objective instead of descending
}

func (c SGDConfig) validate() error {
	const typ = "SGDConfig"
	if c.LR == 0 {
		return errConfig(typ, "LR", c.LR, "must be set: SGD has no default learning rate")
	}
	err := firstErr(
		checkRate(typ, c.LR),
		checkNonNeg(typ, "Momentum", c.Momentum),
		checkNonNeg(typ, "WeightDecay", c.WeightDecay),
	)
	if err != nil {
		return err
	}
	if !(c.Dampening >= 0 && c.Dampening <= 1) {
		return errConfig(typ, "Dampening", c.Dampening, "must be in [0, 1]")
	}
	if c.Nesterov && c.Momentum <= 0 {
		return errConfig(typ, "Nesterov", c.Nesterov, "needs Momentum > 0")
	}
	if c.Nesterov && c.Dampening != 0 {
		return errConfig(typ, "Nesterov", c.Nesterov, "needs Dampening 0")
	}
	return nil
}

// SGD is stochastic gradient descent with optional momentum, Nesterov
// momentum and L2 weight decay, torch.optim.SGD's update: with
// d = ±grad + wd·p, the momentum buffer starts as d and then follows
// buf = momentum·buf + (1-dampening)·d, and p -= lr·buf (Nesterov:
// p -= lr·(d + momentum·buf)).
type SGD struct {
	base
	cfg SGDConfig
}

// NewSGD returns an SGD optimizer over params, or an error naming the
// first invalid field of cfg or a bad parameter list.
func NewSGD(params []*autograd.Var, cfg SGDConfig) (*SGD, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	var bufs []string
	if cfg.Momentum != 0 {
		bufs = []string{"momentum_buffer"}
	}
	b, err := newBase("SGD", params, cfg.LR, false, bufs...)
	if err != nil {
		return nil, err
	}
	return &SGD{base: b, cfg: cfg}, nil
}

// Config returns the configuration, with the learning rate set to the
// current one.
func (o *SGD) Config() SGDConfig {
	c := o.cfg
	c.LR = o.lr
	return c
}

// Step applies one SGD update to every parameter that has a gradient.
func (o *SGD) Step() {
	c := &o.cfg
	negLR, wd, mom := -o.lr, c.WeightDecay, c.Momentum
	damp := 1 - c.Dampening
	maximize, nesterov := c.Maximize, c.Nesterov
	// math.FMA wherever PyTorch's kernels fuse (see the package doc).
	for i := range o.params {
		p, g, s, first, ok := o.prepare(i)
		if !ok {
			continue
		}
		var buf []float64
		if mom != 0 {
			buf = s.bufs[0]
		}
		for j, d := range g {
			if maximize {
				d = -d
			}
			if wd != 0 {
				d = math.FMA(wd, p[j], d)
			}
			if mom != 0 {
				if first {
					buf[j] = d
				} else {
					buf[j] = math.FMA(damp, d, float64(buf[j]*mom))
				}
				if nesterov {
					d = math.FMA(mom, buf[j], d)
				} else {
					d = buf[j]
				}
			}
			p[j] = math.FMA(negLR, d, p[j])
		}
	}
}
