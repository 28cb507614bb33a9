package optim

import "github.com/nnlab/nnlab/autograd"

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
func (o *SGD) Step() { o.step(o) }

// GuardedStep applies one SGD update if it is finite (see
// [GuardedStepper]).
func (o *SGD) GuardedStep() error { return o.guardedStep(o) }

// update is PyTorch 1.13's single-tensor loop (see sgdGo).
func (o *SGD) update(p, g, pold []float64, s *slot, out [][]float64, first bool) bool {
	c := &o.cfg
	a := sgdArgs{
		p: p, g: g, pold: pold,
		negLR: -o.lr, wd: c.WeightDecay, mom: c.Momentum, damp: 1 - c.Dampening,
		l2: c.WeightDecay != 0, momentum: c.Momentum != 0, first: first, nesterov: c.Nesterov,
	}
	if c.Maximize {
		a.flip = 1 << 63
	}
	if a.momentum {
		a.buf, a.buf2 = s.bufs[0], out[0]
	}
	return o.split.sgd.run(&a)
}
