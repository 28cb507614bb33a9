package train

import (
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/layer"
)

func init() { runners["activation"] = runActivationCase }

// runActivationCase builds the activation from the case's name and named
// parameters through the registry, so an activation or parameter nnlab
// lacks fails the case.
func runActivationCase(t *testing.T, c *refCase) {
	c.allowFields("activation", "params", "input", "upstream", "output", "grad_input")
	name := c.str("activation")
	opts := c.options("params")
	if name == "gelu" {
		// PyTorch's gelu picks its formula with a string parameter;
		// nnlab registers the tanh approximation as an activation of its
		// own.
		switch a := opts.string("approximate", "none"); a {
		case "none":
		case "tanh":
			name = "gelu_tanh"
		default:
			t.Fatalf("gelu: approximate = %q, want \"none\" or \"tanh\"", a)
		}
	}
	params := map[string]float64{}
	for k := range opts.m {
		if !opts.used[k] {
			params[k] = opts.float(k, 0)
		}
	}
	opts.done()
	act, err := layer.NewActivation(name, params)
	if err != nil {
		t.Fatal(err)
	}
	x := autograd.Param(c.tensor("input"))
	y := act.Forward(x)
	assertClose(t, "output", y.Value(), c.tensor("output"), refTol)
	y.BackwardWith(c.tensor("upstream"))
	if x.Grad() == nil {
		t.Fatal("no gradient reached the input")
	}
	assertClose(t, "grad_input", x.Grad(), c.tensor("grad_input"), refTol)
}
