package optim

import (
	"math"

	"github.com/nnlab/nnlab/autograd"
)

// SGDConfig configures [SGD] with the hyperparameters of torch.optim.SGD.
// Every field is used as given; a zero LR leaves the parameters where they
// are. PyTorch's SGD has no default learning rate, and every other default
// is the zero value, so SGDConfig{LR: lr} (or [DefaultSGDConfig]) is
// torch.optim.SGD(params, lr).
type SGDConfig struct {
	LR          float64 // learning rate, >= 0
	Momentum    float64 // momentum factor, >= 0
	Dampening   float64 // dampening of the momentum
	Nesterov    bool    // Nesterov momentum; needs Momentum > 0 and Dampening 0
	WeightDecay float64 // L2 penalty added to the gradient, >= 0
	Maximize    bool    // ascend the objective instead of descending
}

// DefaultSGDConfig returns torch.optim.SGD's defaults with the learning
// rate lr, which PyTorch requires: no momentum, dampening, Nesterov or
// weight decay.
func DefaultSGDConfig(lr float64) SGDConfig { return SGDConfig{LR: lr} }

// validate checks the ranges torch.optim.SGD checks, and finiteness.
func (c SGDConfig) validate() error {
	const typ = "SGDConfig"
	err := firstErr(
		checkRate(typ, c.LR),
		checkNonNeg(typ, "Momentum", c.Momentum),
		checkFinite(typ, "Dampening", c.Dampening),
		checkNonNeg(typ, "WeightDecay", c.WeightDecay),
	)
	if err != nil {
		return err
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
	var flip uint64 // the sign bit when maximizing: d = -g, exactly
	if c.Maximize {
		flip = 1 << 63
	}
	for i := range o.params {
		p, g, s, first, ok := o.prepare(i)
		if !ok {
			continue
		}
		// Each configuration without momentum gets a loop of its own, with
		// no test of the configuration per element: the plain update is
		// one FMA per parameter.
		switch {
		case mom == 0 && wd == 0:
			sgdPlain(p, g, negLR, flip)
		case mom == 0:
			sgdDecay(p, g, negLR, wd, flip)
		default:
			sgdMomentum(p, g, s.bufs[0], first, negLR, wd, mom, 1-c.Dampening, flip, c.Nesterov)
		}
	}
}

// The update loops below use math.FMA wherever PyTorch's kernels fuse (see
// the package doc); flip is 0, or the sign bit to negate the gradient.

// sgdPlain is p -= lr·(±g).
func sgdPlain(p, g []float64, negLR float64, flip uint64) {
	g = g[:len(p)]
	for j, d := range g {
		p[j] = math.FMA(negLR, math.Float64frombits(math.Float64bits(d)^flip), p[j])
	}
}

// sgdDecay is p -= lr·(±g + wd·p).
func sgdDecay(p, g []float64, negLR, wd float64, flip uint64) {
	g = g[:len(p)]
	for j, d := range g {
		d = math.FMA(wd, p[j], math.Float64frombits(math.Float64bits(d)^flip))
		p[j] = math.FMA(negLR, d, p[j])
	}
}

// sgdMomentum is the update with a momentum buffer, which starts as d on a
// parameter's first step.
func sgdMomentum(p, g, buf []float64, first bool, negLR, wd, mom, damp float64, flip uint64, nesterov bool) {
	g, buf = g[:len(p)], buf[:len(p)]
	for j, d := range g {
		d = math.Float64frombits(math.Float64bits(d) ^ flip)
		if wd != 0 {
			d = math.FMA(wd, p[j], d)
		}
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
		p[j] = math.FMA(negLR, d, p[j])
	}
}
