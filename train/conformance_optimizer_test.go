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
			LR:          o.float("lr", 0), // required by PyTorch: a case gives it
			Momentum:    o.float("momentum", 0),
			Dampening:   o.float("dampening", 0),
			Nesterov:    o.bool("nesterov", false),
			WeightDecay: o.float("weight_decay", 0),
			Maximize:    o.bool("maximize", false),
		})
	},
	"adam": func(o *refOptions, params []*autograd.Var) (optim.Optimizer, error) {
		implementationOptions(o)
		c := optim.DefaultAdamConfig()
		return optim.NewAdam(params, optim.AdamConfig{
			LR:          o.float("lr", c.LR),
			Betas:       betasOption(o, c.Betas),
			Eps:         o.float("eps", c.Eps),
			WeightDecay: o.float("weight_decay", c.WeightDecay),
			AMSGrad:     o.bool("amsgrad", c.AMSGrad),
			Maximize:    o.bool("maximize", c.Maximize),
		})
	},
	"adamw": func(o *refOptions, params []*autograd.Var) (optim.Optimizer, error) {
		implementationOptions(o)
		c := optim.DefaultAdamWConfig()
		return optim.NewAdamW(params, optim.AdamWConfig{
			LR:          o.float("lr", c.LR),
			Betas:       betasOption(o, c.Betas),
			Eps:         o.float("eps", c.Eps),
			WeightDecay: o.float("weight_decay", c.WeightDecay),
			AMSGrad:     o.bool("amsgrad", c.AMSGrad),
			Maximize:    o.bool("maximize", c.Maximize),
		})
	},
	"rmsprop": func(o *refOptions, params []*autograd.Var) (optim.Optimizer, error) {
		implementationOptions(o)
		c := optim.DefaultRMSpropConfig()
		return optim.NewRMSprop(params, optim.RMSpropConfig{
			LR:          o.float("lr", c.LR),
			Alpha:       o.float("alpha", c.Alpha),
			Eps:         o.float("eps", c.Eps),
			WeightDecay: o.float("weight_decay", c.WeightDecay),
			Momentum:    o.float("momentum", c.Momentum),
			Centered:    o.bool("centered", c.Centered),
			Maximize:    o.bool("maximize", c.Maximize),
		})
	},
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

// betasOption reads the optional two-element betas option, def when
// absent.
func betasOption(o *refOptions, def [2]float64) [2]float64 {
	b := o.floats("betas")
	switch {
	case b == nil:
		return def
	case len(b) != 2:
		o.c.fatalf("option betas has %d values, want 2", len(b))
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
