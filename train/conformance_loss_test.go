package train

import (
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

func init() { runners["loss"] = runLossCase }

// lossBuilders maps a case's loss name to the layer.Loss its options
// describe. Each builder reads only the options that its loss has, so that
// done() fails a case that sets any other. Tensor options (weight,
// pos_weight) are read by refOptions.tensor, which takes a tensor object, a
// nested list or a number and fails the case on anything else.
var lossBuilders = map[string]func(o *refOptions, r autograd.Reduction, input, target *tensor.Tensor) layer.Loss{
	"mse": func(_ *refOptions, r autograd.Reduction, _, _ *tensor.Tensor) layer.Loss {
		return layer.MSELoss{Reduction: r}
	},
	"bce": func(o *refOptions, r autograd.Reduction, _, _ *tensor.Tensor) layer.Loss {
		// Broadcast over the input as in PyTorch; a weight that does not
		// broadcast fails the case when the loss panics on it.
		return layer.BCELoss{Weight: o.tensor("weight"), Reduction: r}
	},
	"bce_with_logits": func(o *refOptions, r autograd.Reduction, input, _ *tensor.Tensor) layer.Loss {
		return layer.BCEWithLogitsLoss{
			Weight:    o.tensor("weight"),
			PosWeight: posWeightOption(o, input),
			Reduction: r,
		}
	},
	"cross_entropy": func(o *refOptions, r autograd.Reduction, input, target *tensor.Tensor) layer.Loss {
		probs := o.bool("target_is_probabilities", false)
		if shaped := tensor.SameShape(input, target); probs != shaped {
			o.c.fatalf("target_is_probabilities = %v, but target %v against input %v says %v",
				probs, target.Shape(), input.Shape(), shaped)
		}
		return layer.CrossEntropyLoss{
			Weight:         classWeightOption(o),
			LabelSmoothing: o.float("label_smoothing", 0),
			IgnoreIndex:    o.int("ignore_index", autograd.DefaultIgnoreIndex),
			IgnoreIndexSet: true,
			Reduction:      r,
		}
	},
	"nll": func(o *refOptions, r autograd.Reduction, _, _ *tensor.Tensor) layer.Loss {
		return layer.NLLLoss{
			Weight:         classWeightOption(o),
			IgnoreIndex:    o.int("ignore_index", autograd.DefaultIgnoreIndex),
			IgnoreIndexSet: true,
			Reduction:      r,
		}
	},
}

// classWeightOption reads the class weights of cross_entropy and nll,
// which PyTorch requires to be a vector with one weight per class.
func classWeightOption(o *refOptions) []float64 {
	w := o.tensor("weight")
	if w == nil {
		return nil
	}
	if w.Dims() != 1 {
		o.c.fatalf("option weight has shape %v; class weights are a vector, one per class", w.Shape())
	}
	return w.Data()
}

// posWeightOption reads pos_weight, which nnlab, as PyTorch's
// documentation, takes as one weight per class of the input's last
// dimension (or one for all). A shape that broadcasts to the same thing,
// such as [1, C] over [n, C], is accepted; one that would weigh rows
// differently (PyTorch broadcasts it, though it documents a vector) fails
// the case rather than being flattened into something else.
func posWeightOption(o *refOptions, input *tensor.Tensor) []float64 {
	pw := o.tensor("pos_weight")
	if pw == nil {
		return nil
	}
	s := pw.Shape()
	ok := len(s) <= max(input.Dims(), 1)
	for _, d := range s[:max(len(s)-1, 0)] {
		ok = ok && d == 1
	}
	if !ok {
		o.c.fatalf("option pos_weight has shape %v against input %v; nnlab takes one weight per class (a vector)",
			s, input.Shape())
	}
	return pw.Data()
}

// runLossCase checks a loss's value and the gradient of sum(output ·
// upstream) with respect to its input.
func runLossCase(t *testing.T, c *refCase) {
	c.allowFields("loss", "options", "input", "target", "output", "upstream", "grad_input")
	name := c.str("loss")
	build, ok := lossBuilders[name]
	if !ok {
		t.Fatalf("unknown loss %q", name)
	}
	input, target := c.tensor("input"), c.tensor("target")
	opts := c.options("options")
	r, err := autograd.ParseReduction(opts.string("reduction", "mean"))
	if err != nil {
		t.Fatalf("option reduction: %v", err)
	}
	loss := build(opts, r, input, target)
	opts.done()

	x := autograd.Param(input)
	out := loss.Forward(x, target)
	assertClose(t, "output", out.Value(), c.tensor("output"), refTol)

	if !c.has("grad_input") {
		if c.has("upstream") {
			t.Fatal("case has an upstream gradient but no grad_input to check")
		}
		return
	}
	upstream := tensor.Full(1, out.Shape()...)
	if c.has("upstream") {
		upstream = c.tensor("upstream")
	}
	out.BackwardWith(upstream)
	if x.Grad() == nil {
		t.Fatal("no gradient reached the input")
	}
	assertClose(t, "grad_input", x.Grad(), c.tensor("grad_input"), refTol)
}
