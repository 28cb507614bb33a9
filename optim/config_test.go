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
		{"sgd lr required", sgdErr(SGDConfig{}), "SGDConfig.LR = 0: must be set"},
		{"sgd lr negative", sgdErr(SGDConfig{LR: -0.1}), "SGDConfig.LR = -0.1"},
		{"sgd lr NaN", sgdErr(SGDConfig{LR: nan}), "SGDConfig.LR = NaN"},
		{"sgd lr infinite", sgdErr(SGDConfig{LR: inf}), "SGDConfig.LR = +Inf"},
		{"sgd momentum", sgdErr(SGDConfig{LR: 0.1, Momentum: -0.9}), "SGDConfig.Momentum = -0.9"},
		{"sgd weight decay", sgdErr(SGDConfig{LR: 0.1, WeightDecay: -1}), "SGDConfig.WeightDecay = -1"},
		{"sgd dampening", sgdErr(SGDConfig{LR: 0.1, Dampening: 1.5}), "SGDConfig.Dampening = 1.5"},
		{"nesterov without momentum", sgdErr(SGDConfig{LR: 0.1, Nesterov: true}), "SGDConfig.Nesterov = true: needs Momentum > 0"},
		{"nesterov with dampening", sgdErr(SGDConfig{LR: 0.1, Nesterov: true, Momentum: 0.9, Dampening: 0.1}), "SGDConfig.Nesterov = true: needs Dampening 0"},
		{"adam lr", adamErr(AdamConfig{LR: -1}), "AdamConfig.LR = -1"},
		{"adam beta1", adamErr(AdamConfig{Betas: [2]float64{1, 0.999}}), "AdamConfig.Betas[0] = 1: must be in [0, 1)"},
		{"adam beta2", adamErr(AdamConfig{Betas: [2]float64{0.9, -0.1}}), "AdamConfig.Betas[1] = -0.1"},
		{"adam beta NaN", adamErr(AdamConfig{Betas: [2]float64{nan, 0.9}}), "AdamConfig.Betas[0] = NaN"},
		{"adam eps", adamErr(AdamConfig{Eps: -1e-8}), "AdamConfig.Eps = -1e-08"},
		{"adam weight decay", adamErr(AdamConfig{WeightDecay: -0.1}), "AdamConfig.WeightDecay = -0.1"},
		{"adamw weight decay", adamwErr(AdamWConfig{WeightDecay: -0.1}), "AdamWConfig.WeightDecay = -0.1"},
		{"adamw decay and none", adamwErr(AdamWConfig{WeightDecay: 0.1, NoWeightDecay: true}), "AdamWConfig.WeightDecay = 0.1: must be 0 with NoWeightDecay"},
		{"adamw beta", adamwErr(AdamWConfig{Betas: [2]float64{0.9, 1}}), "AdamWConfig.Betas[1] = 1"},
		{"rmsprop lr", rmspropErr(RMSpropConfig{LR: -0.01}), "RMSpropConfig.LR = -0.01"},
		{"rmsprop alpha", rmspropErr(RMSpropConfig{Alpha: 1}), "RMSpropConfig.Alpha = 1"},
		{"rmsprop eps", rmspropErr(RMSpropConfig{Eps: -1}), "RMSpropConfig.Eps = -1"},
		{"rmsprop momentum", rmspropErr(RMSpropConfig{Momentum: -0.5}), "RMSpropConfig.Momentum = -0.5"},
		{"rmsprop weight decay", rmspropErr(RMSpropConfig{WeightDecay: inf}), "RMSpropConfig.WeightDecay = +Inf"},
		{"adam eps and zero", adamErr(AdamConfig{Eps: 1e-8, ZeroEps: true}), "AdamConfig.Eps = 1e-08: must be 0 with ZeroEps"},
		{"adamw eps and zero", adamwErr(AdamWConfig{Eps: 1e-6, ZeroEps: true}), "AdamWConfig.Eps = 1e-06: must be 0 with ZeroEps"},
		{"rmsprop alpha and zero", rmspropErr(RMSpropConfig{Alpha: 0.5, ZeroAlpha: true}), "RMSpropConfig.Alpha = 0.5: must be 0 with ZeroAlpha"},
		{"rmsprop eps and zero", rmspropErr(RMSpropConfig{Eps: 1, ZeroEps: true}), "RMSpropConfig.Eps = 1: must be 0 with ZeroEps"},
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

// TestConfigDefaults checks that zero fields become PyTorch's defaults and
// that set fields are kept.
func TestConfigDefaults(t *testing.T) {
	p := []*autograd.Var{newParam([]float64{1})}
	adam, err := NewAdam(p, AdamConfig{})
	mustNoErr(t, err)
	if got, want := adam.Config(), (AdamConfig{LR: 1e-3, Betas: [2]float64{0.9, 0.999}, Eps: 1e-8}); got != want {
		t.Errorf("Adam defaults %+v, want %+v", got, want)
	}
	adam, err = NewAdam(p, AdamConfig{Betas: [2]float64{0, 0.99}})
	mustNoErr(t, err)
	if got := adam.Config().Betas; got != [2]float64{0, 0.99} {
		t.Errorf("Adam Betas %v, want [0 0.99] kept", got)
	}
	adamw, err := NewAdamW(p, AdamWConfig{})
	mustNoErr(t, err)
	if got, want := adamw.Config(), (AdamWConfig{LR: 1e-3, Betas: [2]float64{0.9, 0.999}, Eps: 1e-8, WeightDecay: 0.01}); got != want {
		t.Errorf("AdamW defaults %+v, want %+v", got, want)
	}
	adamw, err = NewAdamW(p, AdamWConfig{NoWeightDecay: true})
	mustNoErr(t, err)
	if got := adamw.Config().WeightDecay; got != 0 {
		t.Errorf("AdamW NoWeightDecay gives WeightDecay %v", got)
	}
	rms, err := NewRMSprop(p, RMSpropConfig{})
	mustNoErr(t, err)
	if got, want := rms.Config(), (RMSpropConfig{LR: 1e-2, Alpha: 0.99, Eps: 1e-8}); got != want {
		t.Errorf("RMSprop defaults %+v, want %+v", got, want)
	}
	// The Zero flags keep a zero from becoming the default, and the
	// returned config builds the same optimizer again.
	adam, err = NewAdam(p, AdamConfig{ZeroEps: true})
	mustNoErr(t, err)
	if got, want := adam.Config(), (AdamConfig{LR: 1e-3, Betas: [2]float64{0.9, 0.999}, ZeroEps: true}); got != want {
		t.Errorf("Adam ZeroEps %+v, want %+v", got, want)
	}
	_, err = NewAdam(p, adam.Config())
	mustNoErr(t, err)
	adamw, err = NewAdamW(p, AdamWConfig{ZeroEps: true})
	mustNoErr(t, err)
	if got := adamw.Config(); got.Eps != 0 || !got.ZeroEps {
		t.Errorf("AdamW ZeroEps %+v", got)
	}
	rms, err = NewRMSprop(p, RMSpropConfig{ZeroAlpha: true, ZeroEps: true})
	mustNoErr(t, err)
	if got, want := rms.Config(), (RMSpropConfig{LR: 1e-2, ZeroAlpha: true, ZeroEps: true}); got != want {
		t.Errorf("RMSprop ZeroAlpha, ZeroEps %+v, want %+v", got, want)
	}
	_, err = NewRMSprop(p, rms.Config())
	mustNoErr(t, err)
	sgd, err := NewSGD(p, SGDConfig{LR: 0.3, Momentum: 0.5})
	mustNoErr(t, err)
	sgd.SetLR(0.2)
	if got, want := sgd.Config(), (SGDConfig{LR: 0.2, Momentum: 0.5}); got != want {
		t.Errorf("SGD config %+v, want %+v (LR following SetLR)", got, want)
	}
}
