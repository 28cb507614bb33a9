package train

import (
	"encoding/json"
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

func init() { runners["loss"] = runLossCase }

// lossBuilders maps a case's loss name to the layer.Loss its options
// describe. Each builder reads only the options that its loss has, so that
// done() fails a case that sets any other.
var lossBuilders = map[string]func(o *refOptions, r autograd.Reduction, input, target *tensor.Tensor) layer.Loss{
	"mse": func(_ *refOptions, r autograd.Reduction, _, _ *tensor.Tensor) layer.Loss {
		return layer.MSELoss{Reduction: r}
	},
	"bce": func(o *refOptions, r autograd.Reduction, input, _ *tensor.Tensor) layer.Loss {
		l := layer.BCELoss{Reduction: r}
		var raw json.RawMessage
		if !o.get("weight", &raw) {
			return l
		}
		// The weight is a tensor object with its own shape, or a flat list:
		// one weight per element, or a row broadcast over the other rows.
		var j jsonTensor
		var w []float64
		switch {
		case json.Unmarshal(raw, &j) == nil:
			l.Weight = j.tensor()
		case json.Unmarshal(raw, &w) == nil && len(w) == input.Len():
			l.Weight = tensor.New(w, input.Shape()...)
		case w != nil:
			l.Weight = tensor.New(w, len(w))
		default:
			o.c.fatalf("option weight: %s is neither a list nor a tensor", raw)
		}
		return l
	},
	"bce_with_logits": func(o *refOptions, r autograd.Reduction, _, _ *tensor.Tensor) layer.Loss {
		return layer.BCEWithLogitsLoss{PosWeight: o.floats("pos_weight"), Reduction: r}
	},
	"cross_entropy": func(o *refOptions, r autograd.Reduction, input, target *tensor.Tensor) layer.Loss {
		probs := o.bool("target_is_probabilities", false)
		if shaped := tensor.SameShape(input, target); probs != shaped {
			o.c.fatalf("target_is_probabilities = %v, but target %v against input %v says %v",
				probs, target.Shape(), input.Shape(), shaped)
		}
		return layer.CrossEntropyLoss{
			Weight:         o.floats("weight"),
			LabelSmoothing: o.float("label_smoothing", 0),
			Reduction:      r,
		}
	},
	"nll": func(o *refOptions, r autograd.Reduction, _, _ *tensor.Tensor) layer.Loss {
		return layer.NLLLoss{Weight: o.floats("weight"), Reduction: r}
	},
}

// runLossCase checks a loss's value and the gradient of sum(output ·
// upstream) with respect to its input.
func runLossCase(t *testing.T, c *refCase) {
	// A case nnlab rejects (a shape it calls a bug) fails alone rather than
	// taking the other cases down with it.
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("panic: %v", r)
		}
	}()
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
