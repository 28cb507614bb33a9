package optim

import (
	"math"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/autograd"
)

func TestConfigErrors(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		name   string
		build  func(p []*autograd.Var) error
		errHas string
	}{
		{"sgd lr negative", sgdErr(SGDConfig{LR: -0.1}), "SGDConfig.LR = -0.1: must be finite and >= 0"},
		{"sgd lr NaN", sgdErr(SGDConfig{LR: nan}), "SGDConfig.LR = NaN"},
		{"sgd lr infinite", sgdErr(SGDConfig{LR: inf}), "SGDConfig.LR = +Inf"},
		{"sgd momentum", sgdErr(SGDConfig{LR: 0.1, Momentum: -0.9}), "SGDConfig.Momentum = -0.9"},
		{"sgd weight decay", sgdErr(SGDConfig{LR: 0.1, WeightDecay: -1}), "SGDConfig.WeightDecay = -1"},
		{"sgd dampening", sgdErr(SGDConfig{LR: 0.1, Dampening: nan}), "SGDConfig.Dampening = NaN: must be finite"},
		{"nesterov without momentum", sgdErr(SGDConfig{LR: 0.1, Nesterov: true}), "SGDConfig.Nesterov = true: needs Momentum > 0"},
		{"nesterov with dampening", sgdErr(SGDConfig{LR: 0.1, Nesterov: true, Momentum: 0.9, Dampening: 0.1}), "SGDConfig.Nesterov = true: needs Dampening 0"},
		{"adam lr", adamErr(withAdam(func(c *AdamConfig) { c.LR = -1 })), "AdamConfig.LR = -1: must be finite and >= 0"},
		{"adam beta1", adamErr(withAdam(func(c *AdamConfig) { c.Betas[0] = 1 })), "AdamConfig.Betas[0] = 1: must be in [0, 1)"},
		{"adam beta2", adamErr(withAdam(func(c *AdamConfig) { c.Betas[1] = -0.1 })), "AdamConfig.Betas[1] = -0.1"},
		{"adam beta NaN", adamErr(withAdam(func(c *AdamConfig) { c.Betas[0] = nan })), "AdamConfig.Betas[0] = NaN"},
		{"adam eps", adamErr(withAdam(func(c *AdamConfig) { c.Eps = -1e-8 })), "AdamConfig.Eps = -1e-08"},
		{"adam weight decay", adamErr(withAdam(func(c *AdamConfig) { c.WeightDecay = -0.1 })), "AdamConfig.WeightDecay = -0.1"},
		{"adamw lr", adamwErr(withAdamW(func(c *AdamWConfig) { c.LR = -1 })), "AdamWConfig.LR = -1"},
		{"adamw weight decay", adamwErr(withAdamW(func(c *AdamWConfig) { c.WeightDecay = -0.1 })), "AdamWConfig.WeightDecay = -0.1"},
		{"adamw beta", adamwErr(withAdamW(func(c *AdamWConfig) { c.Betas[1] = 1 })), "AdamWConfig.Betas[1] = 1"},
		{"adamw eps", adamwErr(withAdamW(func(c *AdamWConfig) { c.Eps = inf })), "AdamWConfig.Eps = +Inf"},
		{"rmsprop lr", rmspropErr(withRMSprop(func(c *RMSpropConfig) { c.LR = -0.01 })), "RMSpropConfig.LR = -0.01"},
		{"rmsprop alpha", rmspropErr(withRMSprop(func(c *RMSpropConfig) { c.Alpha = -0.5 })), "RMSpropConfig.Alpha = -0.5"},
		{"rmsprop eps", rmspropErr(withRMSprop(func(c *RMSpropConfig) { c.Eps = -1 })), "RMSpropConfig.Eps = -1"},
		{"rmsprop momentum", rmspropErr(withRMSprop(func(c *RMSpropConfig) { c.Momentum = -0.5 })), "RMSpropConfig.Momentum = -0.5"},
		{"rmsprop weight decay", rmspropErr(withRMSprop(func(c *RMSpropConfig) { c.WeightDecay = inf })), "RMSpropConfig.WeightDecay = +Inf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.build([]*autograd.Var{newParam([]float64{1})})
			if err == nil || !strings.Contains(err.Error(), tt.errHas) {
				t.Fatalf("error %v, want one containing %q", err, tt.errHas)
			}
		})
	}
}

func sgdErr(c SGDConfig) func([]*autograd.Var) error {
	return func(p []*autograd.Var) error { _, err := NewSGD(p, c); return err }
}

func adamErr(c AdamConfig) func([]*autograd.Var) error {
	return func(p []*autograd.Var) error { _, err := NewAdam(p, c); return err }
}

func adamwErr(c AdamWConfig) func([]*autograd.Var) error {
	return func(p []*autograd.Var) error { _, err := NewAdamW(p, c); return err }
}

func rmspropErr(c RMSpropConfig) func([]*autograd.Var) error {
	return func(p []*autograd.Var) error { _, err := NewRMSprop(p, c); return err }
}

func withAdam(f func(*AdamConfig)) AdamConfig {
	c := DefaultAdamConfig()
	f(&c)
	return c
}

func withAdamW(f func(*AdamWConfig)) AdamWConfig {
	c := DefaultAdamWConfig()
	f(&c)
	return c
}

func withRMSprop(f func(*RMSpropConfig)) RMSpropConfig {
	c := DefaultRMSpropConfig()
	f(&c)
	return c
}

// TestDefaultConfigs checks the default-config functions against
// torch.optim 1.13's keyword defaults.
func TestDefaultConfigs(t *testing.T) {
	if got, want := DefaultSGDConfig(0.3), (SGDConfig{LR: 0.3}); got != want {
		t.Errorf("DefaultSGDConfig(0.3) = %+v, want %+v", got, want)
	}
	if got, want := DefaultAdamConfig(), (AdamConfig{LR: 1e-3, Betas: [2]float64{0.9, 0.999}, Eps: 1e-8}); got != want {
		t.Errorf("DefaultAdamConfig() = %+v, want %+v", got, want)
	}
	if got, want := DefaultAdamWConfig(), (AdamWConfig{LR: 1e-3, Betas: [2]float64{0.9, 0.999}, Eps: 1e-8, WeightDecay: 0.01}); got != want {
		t.Errorf("DefaultAdamWConfig() = %+v, want %+v", got, want)
	}
	if got, want := DefaultRMSpropConfig(), (RMSpropConfig{LR: 1e-2, Alpha: 0.99, Eps: 1e-8}); got != want {
		t.Errorf("DefaultRMSpropConfig() = %+v, want %+v", got, want)
	}
}

// TestConfigZeroMeansZero checks that zero fields are used as given, not
// replaced by defaults, and that Config returns them as given.
func TestConfigZeroMeansZero(t *testing.T) {
	p := []*autograd.Var{newParam([]float64{1})}
	adam, err := NewAdam(p, AdamConfig{})
	mustNoErr(t, err)
	if got := adam.Config(); got != (AdamConfig{}) {
		t.Errorf("Adam zero config became %+v", got)
	}
	adamw, err := NewAdamW(p, AdamWConfig{LR: 0.1})
	mustNoErr(t, err)
	if got := adamw.Config(); got != (AdamWConfig{LR: 0.1}) {
		t.Errorf("AdamW {LR: 0.1} became %+v", got)
	}
	rms, err := NewRMSprop(p, RMSpropConfig{})
	mustNoErr(t, err)
	if got := rms.Config(); got != (RMSpropConfig{}) {
		t.Errorf("RMSprop zero config became %+v", got)
	}
	// PyTorch accepts an RMSprop Alpha of 1 or more and any SGD dampening.
	_, err = NewRMSprop(p, RMSpropConfig{LR: 0.1, Alpha: 1})
	mustNoErr(t, err)
	_, err = NewSGD(p, SGDConfig{LR: 0.1, Momentum: 0.9, Dampening: 1.5})
	mustNoErr(t, err)
	sgd, err := NewSGD(p, SGDConfig{LR: 0.3, Momentum: 0.5})
	mustNoErr(t, err)
	sgd.SetLR(0.2)
	if got, want := sgd.Config(), (SGDConfig{LR: 0.2, Momentum: 0.5}); got != want {
		t.Errorf("SGD config %+v, want %+v (LR following SetLR)", got, want)
	}
}

// TestZeroLRLeavesParams checks that every optimizer honours a learning
// rate of 0: steps advance the state but do not move the parameters.
func TestZeroLRLeavesParams(t *testing.T) {
	builds := map[string]func([]*autograd.Var) (Optimizer, error){
		"sgd": func(p []*autograd.Var) (Optimizer, error) {
			return NewSGD(p, SGDConfig{Momentum: 0.9, WeightDecay: 0.1})
		},
		"adam": func(p []*autograd.Var) (Optimizer, error) {
			return NewAdam(p, withAdam(func(c *AdamConfig) { c.LR = 0 }))
		},
		"adamw": func(p []*autograd.Var) (Optimizer, error) {
			return NewAdamW(p, withAdamW(func(c *AdamWConfig) { c.LR = 0 }))
		},
		"rmsprop": func(p []*autograd.Var) (Optimizer, error) {
			return NewRMSprop(p, withRMSprop(func(c *RMSpropConfig) { c.LR, c.Momentum = 0, 0.9 }))
		},
	}
	for name, build := range builds {
		t.Run(name, func(t *testing.T) {
			p := newParam([]float64{1, -2})
			opt, err := build([]*autograd.Var{p})
			mustNoErr(t, err)
			for range 3 {
				setGrad(p, []float64{0.5, 3})
				opt.Step()
			}
			if got := p.Value().Data(); got[0] != 1 || got[1] != -2 {
				t.Fatalf("parameters %v after steps at LR 0, want [1 -2]", got)
			}
		})
	}
}

// TestZeroCoefficientsUsedAsGiven checks, against the reference updates,
// that zero Betas, a zero Eps and a zero AdamW WeightDecay are used as
// given rather than replaced by PyTorch's defaults.
func TestZeroCoefficientsUsedAsGiven(t *testing.T) {
	tests := []struct {
		name  string
		build func([]*autograd.Var) Optimizer
		ref   adamReference
	}{
		{"adam betas zero", func(p []*autograd.Var) Optimizer {
			o, err := NewAdam(p, AdamConfig{LR: 0.05, Eps: 1e-8})
			mustNoErr(t, err)
			return o
		}, adamReference{lr: 0.05, eps: 1e-8}},
		{"adam eps zero", func(p []*autograd.Var) Optimizer {
			o, err := NewAdam(p, AdamConfig{LR: 0.05, Betas: [2]float64{0.9, 0.999}})
			mustNoErr(t, err)
			return o
		}, adamReference{lr: 0.05, beta1: 0.9, beta2: 0.999}},
		{"adamw weight decay zero", func(p []*autograd.Var) Optimizer {
			o, err := NewAdamW(p, withAdamW(func(c *AdamWConfig) { c.LR, c.WeightDecay = 0.05, 0 }))
			mustNoErr(t, err)
			return o
		}, adamReference{lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 1e-8}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ref := tt.ref
			checkAgainstReference(t, tt.name, tt.build, ref.step)
		})
	}
}
