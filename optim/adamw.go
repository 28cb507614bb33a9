package optim

import "github.com/nnlab/nnlab/autograd"

// AdamWConfig configures [AdamW] with the hyperparameters of
// torch.optim.AdamW. Every field is used as given, as in [AdamConfig]: a
// zero WeightDecay is no decay. [DefaultAdamWConfig] returns PyTorch's
// defaults, which decay by 0.01.
type AdamWConfig struct {
	LR          float64    // learning rate, >= 0
	Betas       [2]float64 // decay rates of the first and second moments, each in [0, 1)
	Eps         float64    // added to the denominator, >= 0
	WeightDecay float64    // decoupled decay: p *= 1 - LR·WeightDecay each step, >= 0
	AMSGrad     bool       // use the running maximum of the second moment
	Maximize    bool       // ascend the objective instead of descending
}

// DefaultAdamWConfig returns torch.optim.AdamW's defaults: LR 0.001, Betas
// {0.9, 0.999}, Eps 1e-8, WeightDecay 0.01, no AMSGrad.
func DefaultAdamWConfig() AdamWConfig {
	return AdamWConfig{LR: 1e-3, Betas: [2]float64{0.9, 0.999}, Eps: 1e-8, WeightDecay: 1e-2}
}

// AdamW is Adam with decoupled weight decay (Loshchilov & Hutter),
// torch.optim.AdamW's update: each step first shrinks the parameter,
// p *= 1 - lr·wd, then applies [Adam]'s update to the bare gradient.
type AdamW struct {
	base
	cfg  AdamWConfig
	adam AdamConfig // the shared part of cfg, for adamUpdater
	upd  adamUpdater
}

// NewAdamW returns an AdamW optimizer over params, or an error naming the
// first invalid field of cfg or a bad parameter list.
func NewAdamW(params []*autograd.Var, cfg AdamWConfig) (*AdamW, error) {
	adam := AdamConfig{
		LR: cfg.LR, Betas: cfg.Betas, Eps: cfg.Eps, WeightDecay: cfg.WeightDecay, AMSGrad: cfg.AMSGrad, Maximize: cfg.Maximize,
	}
	if err := adam.validate("AdamWConfig"); err != nil {
		return nil, err
	}
	adam.WeightDecay = 0 // decoupled: adamUpdater takes it apart from the L2 penalty
	b, err := newBase("AdamW", params, cfg.LR, true, adamBuffers(cfg.AMSGrad)...)
	if err != nil {
		return nil, err
	}
	o := &AdamW{base: b, cfg: cfg, adam: adam}
	o.upd = adamUpdater{&o.base, &o.adam, 0, cfg.WeightDecay}
	return o, nil
}

// Config returns the configuration, with the learning rate set to the
// current one.
func (o *AdamW) Config() AdamWConfig {
	c := o.cfg
	c.LR = o.lr
	return c
}

// Step applies one AdamW update to every parameter that has a gradient.
func (o *AdamW) Step() { o.step(&o.upd) }

// GuardedStep applies one AdamW update if it is finite (see
// [GuardedStepper]).
func (o *AdamW) GuardedStep() error {
	return o.guardedStep(&o.upd)
}
