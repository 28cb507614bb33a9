package train

import (
	"fmt"
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/optim"
	"github.com/nnlab/nnlab/tensor"
)

func init() { runners["optimizer"] = runOptimizerCase }

// optimizerBuilders maps a case's optimizer name to a constructor that
// reads the options that optimizer understands; runOptimizerCase fails on
// any option left unread.
var optimizerBuilders = map[string]func(o *refOptions, params []*autograd.Var) (optim.Optimizer, error){
	"sgd": func(o *refOptions, params []*autograd.Var) (optim.Optimizer, error) {
		implementationOptions(o)
		return optim.NewSGD(params, optim.SGDConfig{
			LR:          o.float("lr", 0), // no default: zero is rejected
			Momentum:    o.float("momentum", 0),
			Dampening:   o.float("dampening", 0),
			Nesterov:    o.bool("nesterov", false),
			WeightDecay: o.float("weight_decay", 0),
			Maximize:    o.bool("maximize", false),
		})
	},
	"adam": func(o *refOptions, params []*autograd.Var) (optim.Optimizer, error) {
		implementationOptions(o)
		eps, zeroEps := zeroableOption(o, "eps")
		return optim.NewAdam(params, optim.AdamConfig{
			LR:          nonZeroOption(o, "lr"),
			Betas:       betasOption(o),
			Eps:         eps,
			ZeroEps:     zeroEps,
			WeightDecay: o.float("weight_decay", 0),
			AMSGrad:     o.bool("amsgrad", false),
			Maximize:    o.bool("maximize", false),
		})
	},
	"adamw": func(o *refOptions, params []*autograd.Var) (optim.Optimizer, error) {
		implementationOptions(o)
		// An explicit weight_decay of 0 means none, which AdamWConfig spells
		// NoWeightDecay since its zero WeightDecay is PyTorch's default.
		var wd float64
		given := o.get("weight_decay", &wd)
		eps, zeroEps := zeroableOption(o, "eps")
		return optim.NewAdamW(params, optim.AdamWConfig{
			LR:            nonZeroOption(o, "lr"),
			Betas:         betasOption(o),
			Eps:           eps,
			ZeroEps:       zeroEps,
			WeightDecay:   wd,
			NoWeightDecay: given && wd == 0,
			AMSGrad:       o.bool("amsgrad", false),
			Maximize:      o.bool("maximize", false),
		})
	},
	"rmsprop": func(o *refOptions, params []*autograd.Var) (optim.Optimizer, error) {
		implementationOptions(o)
		alpha, zeroAlpha := zeroableOption(o, "alpha")
		eps, zeroEps := zeroableOption(o, "eps")
		return optim.NewRMSprop(params, optim.RMSpropConfig{
			LR:          nonZeroOption(o, "lr"),
			Alpha:       alpha,
			ZeroAlpha:   zeroAlpha,
			Eps:         eps,
			ZeroEps:     zeroEps,
			WeightDecay: o.float("weight_decay", 0),
			Momentum:    o.float("momentum", 0),
			Centered:    o.bool("centered", false),
			Maximize:    o.bool("maximize", false),
		})
	},
}

// nonZeroOption reads a float option for a config field whose zero value
// means PyTorch's default. Absent, it gives 0 (the default); an explicit 0
// fails the case rather than silently running with the default.
func nonZeroOption(o *refOptions, key string) float64 {
	var v float64
	if o.get(key, &v) && v == 0 {
		o.c.fatalf("option %s = 0: nnlab reads a zero %s as PyTorch's default and cannot run with 0", key, key)
	}
	return v
}

// zeroableOption reads a float option for a config field whose zero value
// means PyTorch's default and which has a Zero flag for an explicit 0:
// absent, it gives (0, false), the default; an explicit 0 gives (0, true).
func zeroableOption(o *refOptions, key string) (v float64, zero bool) {
	given := o.get(key, &v)
	return v, given && v == 0
}

// implementationOptions reads the options of torch.optim (1.13) that choose
// how PyTorch computes an update rather than what it computes, as a
// generator that writes out optimizer.defaults includes them:
//
//   - foreach (null, true or false): the multi-tensor loop; on CPU it gives
//     the bits of the single-tensor loop that nnlab follows (checked for
//     SGD, Adam, AdamW and RMSprop with momentum, decay, AMSGrad, centered);
//   - differentiable: records the step for autograd; the update is the
//     same, SGD's and RMSprop's to the bit and Adam's to an ulp or two;
//   - capturable: keeps step counts on the device for CUDA graphs (1.13
//     refuses it for CPU tensors); the same formula, rearranged, so equal
//     to rounding;
//   - fused: false or null only. true is a separate CUDA kernel that no
//     CPU reference can have run, so a case claiming it fails.
//
// None changes which numbers nnlab should produce, so all are accepted for
// every optimizer, whichever of them PyTorch 1.13 spells them for.
func implementationOptions(o *refOptions) {
	var b bool
	o.get("foreach", &b)
	o.get("differentiable", &b)
	o.get("capturable", &b)
	if o.get("fused", &b) && b {
		o.c.fatalf("option fused = true: PyTorch's fused CUDA kernel, which nnlab does not model")
	}
}

// betasOption reads the optional two-element betas option.
func betasOption(o *refOptions) [2]float64 {
	b := o.floats("betas")
	switch {
	case b == nil:
		return [2]float64{} // PyTorch's default
	case len(b) != 2:
		o.c.fatalf("option betas has %d values, want 2", len(b))
	case b[0] == 0 && b[1] == 0:
		o.c.fatalf("option betas = [0, 0]: nnlab reads zero betas as PyTorch's default")
	}
	return [2]float64{b[0], b[1]}
}

// buildOptimizer returns the named optimizer over params, configured from
// o, failing the test for an unknown name or an invalid configuration. The
// caller calls o.done once it has read any options of its own.
func buildOptimizer(t *testing.T, name string, o *refOptions, params []*autograd.Var) optim.Optimizer {
	t.Helper()
	build, ok := optimizerBuilders[name]
	if !ok {
		t.Fatalf("unknown optimizer %q", name)
	}
	opt, err := build(o, params)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return opt
}

// runOptimizerCase starts from param0 and checks the parameter after each
// step k, taken with gradient grads[k], against params[k].
func runOptimizerCase(t *testing.T, c *refCase) {
	c.allowFields("optimizer", "options", "param0", "grads", "params")
	param0, grads, want := c.tensor("param0"), c.tensors("grads"), c.tensors("params")
	if len(grads) != len(want) {
		t.Fatalf("%d gradients but %d expected parameters", len(grads), len(want))
	}
	o := c.options("options")
	p := autograd.Param(param0)
	opt := buildOptimizer(t, c.str("optimizer"), o, []*autograd.Var{p})
	o.done()
	for k, g := range grads {
		if !tensor.SameShape(g, param0) {
			t.Fatalf("grads[%d] has shape %v, param0 %v", k, g.Shape(), param0.Shape())
		}
		// The gradient arrives as in training, through a backward pass:
		// that of sum(p ⊙ g) is exactly g.
		opt.ZeroGrad()
		autograd.Sum(autograd.Mul(p, autograd.Const(g))).Backward()
		opt.Step()
		assertClose(t, fmt.Sprintf("params[%d]", k), p.Value(), want[k], refTol)
	}
}
