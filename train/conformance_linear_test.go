package train

import (
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

func init() { runners["linear"] = runLinearCase }

// runLinearCase loads the case's weight and bias into a Dense layer by its
// state-dict names and checks the forward pass and all three gradients.
func runLinearCase(t *testing.T, c *refCase) {
	c.allowFields("input", "weight", "bias", "upstream", "output", "grad_input", "grad_weight", "grad_bias")
	w, b := c.tensor("weight"), c.tensor("bias")
	model := layer.NewSequential(layer.NewDense(w.Cols(), w.Rows(), layer.Constant{}, nil))
	if err := model.LoadStateDict(map[string]*tensor.Tensor{"0.weight": w, "0.bias": b}); err != nil {
		t.Fatal(err)
	}
	x := autograd.Param(c.tensor("input"))
	y := model.Forward(x)
	assertClose(t, "output", y.Value(), c.tensor("output"), refTol)
	y.BackwardWith(c.tensor("upstream"))
	d := model.Layers[0].(*layer.Dense)
	assertClose(t, "grad_input", x.Grad(), c.tensor("grad_input"), refTol)
	assertClose(t, "grad_weight", d.Weight.Grad(), c.tensor("grad_weight"), refTol)
	assertClose(t, "grad_bias", d.Bias.Grad(), c.tensor("grad_bias"), refTol)
}
