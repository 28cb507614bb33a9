package train

import (
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

func init() { runners["penalty"] = runPenaltyCase }

// penaltyBuilders maps a case's penalty to the layer.Penalty over the
// given weights.
var penaltyBuilders = map[string]func(lambda float64, ws []*autograd.Var) layer.Penalty{
	"l1": func(lambda float64, ws []*autograd.Var) layer.Penalty { return layer.L1{Lambda: lambda, Weights: ws} },
	"l2": func(lambda float64, ws []*autograd.Var) layer.Penalty { return layer.L2{Lambda: lambda, Weights: ws} },
}

// runPenaltyCase checks a penalty's value, through AddTo on a zero loss
// and through Value, and its gradient with respect to every weight.
func runPenaltyCase(t *testing.T, c *refCase) {
	c.allowFields("penalty", "lambda", "weights", "output", "grad_weights")
	build, ok := penaltyBuilders[c.str("penalty")]
	if !ok {
		c.fatalf("unknown penalty %q", c.str("penalty"))
	}
	w0, wantGrads := c.tensors("weights"), c.tensors("grad_weights")
	if len(wantGrads) != len(w0) {
		c.fatalf("%d weights but %d gradients", len(w0), len(wantGrads))
	}
	ws := make([]*autograd.Var, len(w0))
	for i, w := range w0 {
		ws[i] = autograd.Param(w)
	}
	p := build(c.float("lambda"), ws)
	want := c.tensor("output")
	out := p.AddTo(autograd.Const(tensor.Zeros(want.Shape()...)))
	assertClose(t, "output", out.Value(), want, refTol)
	assertCloseSlice(t, "Value", []float64{p.Value()}, want.Data(), refTol)
	out.Backward()
	for i, w := range ws {
		if w.Grad() == nil {
			c.fatalf("no gradient reached weight %d", i)
		}
		assertClose(t, "grad_weights", w.Grad(), wantGrads[i], refTol)
	}
}
