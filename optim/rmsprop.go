package optim

import "github.com/nnlab/nnlab/autograd"

// RMSpropConfig configures [RMSprop] with the hyperparameters of
// torch.optim.RMSprop. Every field is used as given: a zero LR leaves the
// parameters where they are, a zero Alpha keeps no average.
// [DefaultRMSpropConfig] returns PyTorch's defaults.
type RMSpropConfig struct {
	LR          float64 // learning rate, >= 0
	Alpha       float64 // decay rate of the squared-gradient average, >= 0
	Eps         float64 // added to the denominator, >= 0
	WeightDecay float64 // L2 penalty added to the gradient, >= 0
	Momentum    float64 // momentum factor, >= 0
	Centered    bool    // normalise by the estimated variance instead of the second moment
	Maximize    bool    // ascend the objective instead of descending
}

// DefaultRMSpropConfig returns torch.optim.RMSprop's defaults: LR 0.01,
// Alpha 0.99, Eps 1e-8, no weight decay or momentum, not centered.
func DefaultRMSpropConfig() RMSpropConfig {
	return RMSpropConfig{LR: 1e-2, Alpha: 0.99, Eps: 1e-8}
}

// RMSprop is torch.optim.RMSprop's update: with g = ±grad + wd·p,
// v = α·v + (1-α)·g², the denominator a = √v + eps (centered:
// √(v - ḡ²) + eps with ḡ = α·ḡ + (1-α)·g), and p -= lr·g/a, or with
// momentum buf = momentum·buf + g/a and p -= lr·buf.
type RMSprop struct {
	base
	cfg RMSpropConfig
}

// NewRMSprop returns an RMSprop optimizer over params, or an error naming
// the first invalid field of cfg or a bad parameter list.
func NewRMSprop(params []*autograd.Var, cfg RMSpropConfig) (*RMSprop, error) {
	const typ = "RMSpropConfig"
	// The ranges torch.optim.RMSprop checks, and finiteness.
	err := firstErr(
		checkRate(typ, cfg.LR),
		checkNonNeg(typ, "Alpha", cfg.Alpha),
		checkNonNeg(typ, "Eps", cfg.Eps),
		checkNonNeg(typ, "WeightDecay", cfg.WeightDecay),
		checkNonNeg(typ, "Momentum", cfg.Momentum),
	)
	if err != nil {
		return nil, err
	}
	bufs := []string{"square_avg"}
	if cfg.Momentum > 0 {
		bufs = append(bufs, "momentum_buffer")
	}
	if cfg.Centered {
		bufs = append(bufs, "grad_avg")
	}
	b, err := newBase("RMSprop", params, cfg.LR, true, bufs...)
	if err != nil {
		return nil, err
	}
	return &RMSprop{base: b, cfg: cfg}, nil
}

// Config returns the configuration, with the learning rate set to the
// current one.
func (o *RMSprop) Config() RMSpropConfig {
	c := o.cfg
	c.LR = o.lr
	return c
}

// Step applies one RMSprop update to every parameter that has a gradient.
func (o *RMSprop) Step() { o.step(o) }

// GuardedStep applies one RMSprop update if it is finite (see
// [GuardedStepper]).
func (o *RMSprop) GuardedStep() error { return o.guardedStep(o) }

// update is PyTorch 1.13's single-tensor loop (see rmspropGo).
func (o *RMSprop) update(p, g, pold []float64, s *slot, out [][]float64, _ bool) bool {
	c := &o.cfg
	s.step++
	a := rmspropArgs{
		p: p, g: g, pold: pold, sq: s.bufs[0], sq2: out[0],
		alpha: c.Alpha, c1: 1 - c.Alpha, eps: c.Eps, negLR: -o.lr, wd: c.WeightDecay, mom: c.Momentum,
		l2: c.WeightDecay != 0, momentum: c.Momentum > 0, centered: c.Centered,
	}
	if c.Maximize {
		a.flip = 1 << 63
	}
	k := 1
	if a.momentum {
		a.buf, a.buf2 = s.bufs[k], out[k]
		k++
	}
	if a.centered {
		a.gavg, a.gavg2 = s.bufs[k], out[k]
	}
	return o.split.rmsprop.run(&a)
}
