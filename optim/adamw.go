package optim

import "github.com/nnlab/nnlab/autograd"

// defaultAdamWDecay is torch.optim.AdamW's default weight decay.
const defaultAdamWDecay = 1e-2

// AdamWConfig configures [AdamW] with the hyperparameters of
// torch.optim.AdamW. A zero field means PyTorch's default: LR 0.001, Betas
// {0.9, 0.999} (only when both are zero), Eps 1e-8 and WeightDecay 0.01.
// Since a zero WeightDecay means 0.01, NoWeightDecay asks for none, as
// ZeroEps asks for an Eps of 0.
type AdamWConfig struct {
	LR            float64    // learning rate, > 0
	Betas         [2]float64 // decay rates of the first and second moments, each in [0, 1)
	Eps           float64    // added to the denominator, > 0
	ZeroEps       bool       // an Eps of exactly 0; Eps must then be 0
	WeightDecay   float64    // decoupled decay: p *= 1 - LR·WeightDecay each step, >= 0
	NoWeightDecay bool       // no decay at all, overriding WeightDecay
	AMSGrad       bool       // use the running maximum of the second moment
	Maximize      bool       // ascend the objective instead of descending
}

// AdamW is Adam with decoupled weight decay (Loshchilov & Hutter),
// torch.optim.AdamW's update: each step first shrinks the parameter,
// p *= 1 - lr·wd, then applies [Adam]'s update to the bare gradient.
type AdamW struct {
	base
	cfg  AdamWConfig
	adam AdamConfig // the shared part of cfg, for adamStep
}

// NewAdamW returns an AdamW optimizer over params, or an error naming the
// first invalid field of cfg or a bad parameter list.
func NewAdamW(params []*autograd.Var, cfg AdamWConfig) (*AdamW, error) {
	const typ = "AdamWConfig"
	if cfg.NoWeightDecay {
		if cfg.WeightDecay != 0 {
			return nil, errConfig(typ, "WeightDecay", cfg.WeightDecay, "must be 0 with NoWeightDecay")
		}
	} else {
		cfg.WeightDecay = orDefault(cfg.WeightDecay, defaultAdamWDecay)
	}
	adam := AdamConfig{
		LR: cfg.LR, Betas: cfg.Betas, Eps: cfg.Eps, ZeroEps: cfg.ZeroEps, AMSGrad: cfg.AMSGrad, Maximize: cfg.Maximize,
	}.withDefaults()
	cfg.LR, cfg.Betas, cfg.Eps = adam.LR, adam.Betas, adam.Eps
	if err := firstErr(adam.validate(typ), checkNonNeg(typ, "WeightDecay", cfg.WeightDecay)); err != nil {
		return nil, err
	}
	b, err := newBase("AdamW", params, cfg.LR, true, adamBuffers(cfg.AMSGrad)...)
	if err != nil {
		return nil, err
	}
	return &AdamW{base: b, cfg: cfg, adam: adam}, nil
}

// Config returns the configuration with defaults filled in and the
// learning rate set to the current one.
func (o *AdamW) Config() AdamWConfig {
	c := o.cfg
	c.LR = o.lr
	return c
}

// Step applies one AdamW update to every parameter that has a gradient.
func (o *AdamW) Step() { adamStep(&o.base, &o.adam, 0, o.cfg.WeightDecay) }
