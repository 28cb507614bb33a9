package train

import (
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/layer"
)

func init() { runners["dropout"] = runDropoutCase }

// runDropoutCase checks nn.Dropout(p) in a mode: output and the gradient
// of sum(output · upstream). PyTorch's masks come from its own generator,
// so a training-mode case can only be one that draws nothing, p = 0 or
// p = 1; any other fails rather than being compared with a mask of ours.
func runDropoutCase(t *testing.T, c *refCase) {
	c.allowFields("p", "mode", "input", "upstream", "output", "grad_input")
	p := c.float("p")
	d := layer.NewDropout(p)
	switch mode := c.str("mode"); {
	case mode == "eval":
		d.SetTraining(false)
	case mode == "train" && (p == 0 || p == 1):
	case mode == "train":
		c.fatalf("a training-mode case with p = %v depends on PyTorch's generator; only p = 0 and p = 1 can be compared", p)
	default:
		c.fatalf("mode %q, want \"train\" or \"eval\"", mode)
	}
	x := autograd.Param(c.tensor("input"))
	y := d.Forward(x)
	assertClose(t, "output", y.Value(), c.tensor("output"), refTol)
	y.BackwardWith(c.tensor("upstream"))
	if x.Grad() == nil {
		c.fatalf("no gradient reached the input")
	}
	assertClose(t, "grad_input", x.Grad(), c.tensor("grad_input"), refTol)
}
