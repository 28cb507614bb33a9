package optim

import (
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/tensor"
)

// builders makes one optimizer of each kind and option set that changes
// the state's layout.
var builders = []struct {
	name  string
	build func(p []*autograd.Var) (Optimizer, error)
}{
	{"sgd", func(p []*autograd.Var) (Optimizer, error) { return NewSGD(p, SGDConfig{LR: 0.1}) }},
	{"sgd momentum", func(p []*autograd.Var) (Optimizer, error) {
		return NewSGD(p, SGDConfig{LR: 0.1, Momentum: 0.9, Nesterov: true})
	}},
	{"adam", func(p []*autograd.Var) (Optimizer, error) {
		return NewAdam(p, AdamConfig{LR: 0.01, Betas: [2]float64{0.9, 0.999}, Eps: 1e-8})
	}},
	{"adam amsgrad", func(p []*autograd.Var) (Optimizer, error) {
		return NewAdam(p, AdamConfig{LR: 0.01, Betas: [2]float64{0.9, 0.999}, Eps: 1e-8, WeightDecay: 0.1, AMSGrad: true})
	}},
	{"adamw", func(p []*autograd.Var) (Optimizer, error) {
		return NewAdamW(p, AdamWConfig{LR: 0.01, Betas: [2]float64{0.9, 0.999}, Eps: 1e-8, WeightDecay: 0.01})
	}},
	{"rmsprop", func(p []*autograd.Var) (Optimizer, error) {
		return NewRMSprop(p, RMSpropConfig{LR: 0.01, Alpha: 0.99, Eps: 1e-8})
	}},
	{"rmsprop centered momentum", func(p []*autograd.Var) (Optimizer, error) {
		return NewRMSprop(p, RMSpropConfig{LR: 0.01, Alpha: 0.99, Eps: 1e-8, Momentum: 0.9, Centered: true})
	}},
	// Added for the snapshot tests; the indices above are used by
	// TestStateDictKeys.
	{"sgd dampened momentum", func(p []*autograd.Var) (Optimizer, error) {
		return NewSGD(p, SGDConfig{LR: 0.1, Momentum: 0.9, Dampening: 0.1})
	}},
	{"adamw amsgrad", func(p []*autograd.Var) (Optimizer, error) {
		return NewAdamW(p, AdamWConfig{LR: 0.01, Betas: [2]float64{0.9, 0.999}, Eps: 1e-8, WeightDecay: 0.01, AMSGrad: true})
	}},
	{"rmsprop momentum", func(p []*autograd.Var) (Optimizer, error) {
		return NewRMSprop(p, RMSpropConfig{LR: 0.01, Alpha: 0.99, Eps: 1e-8, Momentum: 0.9})
	}},
}

// twoParams returns a matrix and a vector parameter with fixed values.
func twoParams() []*autograd.Var {
	rng := rand.New(rand.NewPCG(7, 7))
	return []*autograd.Var{newParam(randVals(rng, 6), 2, 3), newParam(randVals(rng, 3))}
}

// runSteps applies n steps with gradients drawn from rng.
func runSteps(opt Optimizer, rng *rand.Rand, n int) {
	for range n {
		for _, p := range opt.Params() {
			setGrad(p, randVals(rng, p.Value().Len()))
		}
		opt.Step()
	}
}

// TestStateDictResume checks that an optimizer rebuilt from a state dict
// over copies of the parameters continues with exactly the same bits.
func TestStateDictResume(t *testing.T) {
	for _, b := range builders {
		t.Run(b.name, func(t *testing.T) {
			params := twoParams()
			opt, err := b.build(params)
			mustNoErr(t, err)
			opt.SetLR(opt.LR() / 2) // the rate travels with the state
			runSteps(opt, rand.New(rand.NewPCG(1, 1)), 3)

			copies := make([]*autograd.Var, len(params))
			for i, p := range params {
				copies[i] = autograd.Param(p.Value().Clone())
			}
			resumed, err := b.build(copies)
			mustNoErr(t, err)
			sd := opt.StateDict()
			mustNoErr(t, resumed.LoadStateDict(sd))
			if resumed.LR() != opt.LR() {
				t.Fatalf("LR after load = %v, want %v", resumed.LR(), opt.LR())
			}
			// The loaded state is a copy: scribbling on the dict afterwards
			// must not reach the optimizer.
			for _, v := range sd {
				v.Fill(123)
			}

			runSteps(opt, rand.New(rand.NewPCG(2, 2)), 4)
			runSteps(resumed, rand.New(rand.NewPCG(2, 2)), 4)
			for i := range params {
				got, want := copies[i].Value().Data(), params[i].Value().Data()
				for j := range want {
					if got[j] != want[j] {
						t.Fatalf("param %d[%d] = %.17g after resume, want %.17g", i, j, got[j], want[j])
					}
				}
			}
		})
	}
}

func TestStateDictKeys(t *testing.T) {
	tests := []struct {
		builder int
		want    string
	}{
		{0, "lr"},
		{1, "0.momentum_buffer 1.momentum_buffer lr"},
		{2, "0.exp_avg 0.exp_avg_sq 0.step 1.exp_avg 1.exp_avg_sq 1.step lr"},
		{3, "0.exp_avg 0.exp_avg_sq 0.max_exp_avg_sq 0.step 1.exp_avg 1.exp_avg_sq 1.max_exp_avg_sq 1.step lr"},
		{6, "0.grad_avg 0.momentum_buffer 0.square_avg 0.step 1.grad_avg 1.momentum_buffer 1.square_avg 1.step lr"},
	}
	for _, tt := range tests {
		b := builders[tt.builder]
		t.Run(b.name, func(t *testing.T) {
			opt, err := b.build(twoParams())
			mustNoErr(t, err)
			if got := sortedKeys(opt.StateDict()); got != "lr" {
				t.Fatalf("keys before any step: %s, want lr", got)
			}
			runSteps(opt, rand.New(rand.NewPCG(1, 1)), 2)
			sd := opt.StateDict()
			if got := sortedKeys(sd); got != tt.want {
				t.Fatalf("keys: %s, want %s", got, tt.want)
			}
			if s, ok := sd["1.step"]; ok && s.Item() != 2 {
				t.Fatalf("1.step = %v after two steps", s.Item())
			}
		})
	}
}

func sortedKeys(sd map[string]*tensor.Tensor) string {
	return strings.Join(slices.Sorted(maps.Keys(sd)), " ")
}

// sameState reports whether two state dicts hold the same keys, shapes and
// bits.
func sameState(a, b map[string]*tensor.Tensor) bool {
	if len(a) != len(b) {
		return false
	}
	for k, x := range a {
		y, ok := b[k]
		if !ok || !tensor.SameShape(x, y) || !slices.Equal(x.Data(), y.Data()) {
			return false
		}
	}
	return true
}

func TestLoadStateDictErrors(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(sd map[string]*tensor.Tensor)
		errHas string
	}{
		{"missing lr", func(sd map[string]*tensor.Tensor) { delete(sd, "lr") }, `missing key "lr"`},
		{"missing buffer", func(sd map[string]*tensor.Tensor) { delete(sd, "1.exp_avg_sq") }, `missing key "1.exp_avg_sq"`},
		{"missing step", func(sd map[string]*tensor.Tensor) { delete(sd, "0.step") }, `missing key "0.step"`},
		{"unknown name", func(sd map[string]*tensor.Tensor) { sd["0.momentum_buffer"] = tensor.Zeros(2, 3) }, `unknown key "0.momentum_buffer"`},
		{"unknown key", func(sd map[string]*tensor.Tensor) { sd["epoch"] = tensor.Zeros(1) }, `unknown key "epoch"`},
		{"non-canonical index", func(sd map[string]*tensor.Tensor) { sd["01.step"] = sd["1.step"] }, `unknown key "01.step"`},
		{"index out of range", func(sd map[string]*tensor.Tensor) { sd["2.step"] = tensor.Zeros(1) }, `names parameter 2 of 2`},
		{"buffer shape", func(sd map[string]*tensor.Tensor) { sd["0.exp_avg"] = tensor.Zeros(3, 2) }, `"0.exp_avg" has shape [3 2], parameter 0 has shape [2 3]`},
		{"step shape", func(sd map[string]*tensor.Tensor) { sd["0.step"] = tensor.Zeros(2) }, `"0.step" has shape [2]`},
		{"fractional step", func(sd map[string]*tensor.Tensor) { sd["0.step"] = tensor.New([]float64{1.5}, 1) }, `"0.step" = 1.5`},
		{"negative lr", func(sd map[string]*tensor.Tensor) { sd["lr"] = tensor.New([]float64{-1}, 1) }, `"lr" = -1`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := NewAdam(twoParams(), AdamConfig{LR: 0.01, Betas: [2]float64{0.9, 0.999}, Eps: 1e-8})
			mustNoErr(t, err)
			runSteps(src, rand.New(rand.NewPCG(1, 1)), 2)
			sd := src.StateDict()
			tt.edit(sd)

			dst, err := NewAdam(twoParams(), AdamConfig{LR: 0.5, Betas: [2]float64{0.9, 0.999}, Eps: 1e-8})
			mustNoErr(t, err)
			runSteps(dst, rand.New(rand.NewPCG(3, 3)), 1)
			before := dst.StateDict()
			err = dst.LoadStateDict(sd)
			if err == nil || !strings.Contains(err.Error(), tt.errHas) {
				t.Fatalf("LoadStateDict error %v, want one containing %q", err, tt.errHas)
			}
			if !sameState(dst.StateDict(), before) {
				t.Fatalf("a failed LoadStateDict changed the state")
			}
		})
	}
}

// TestLoadStateDictPartial checks that a parameter absent from the dict
// starts afresh, as one that never had a gradient.
func TestLoadStateDictPartial(t *testing.T) {
	params := twoParams()
	opt, err := NewAdam(params, AdamConfig{LR: 1e-3, Betas: [2]float64{0.9, 0.999}, Eps: 1e-8})
	mustNoErr(t, err)
	runSteps(opt, rand.New(rand.NewPCG(1, 1)), 2)
	sd := opt.StateDict()
	for _, k := range []string{"1.step", "1.exp_avg", "1.exp_avg_sq"} {
		delete(sd, k)
	}
	mustNoErr(t, opt.LoadStateDict(sd))
	runSteps(opt, rand.New(rand.NewPCG(1, 1)), 1)
	if s := opt.StateDict(); s["0.step"].Item() != 3 || s["1.step"].Item() != 1 {
		t.Fatalf("steps after partial load and one step: %v and %v, want 3 and 1", s["0.step"].Item(), s["1.step"].Item())
	}
}
