package layer_test

import (
	"fmt"
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

// TestLossModules checks that each loss module passes its settings to its
// autograd function, that its zero value is PyTorch's default (the mean),
// and its name.
func TestLossModules(t *testing.T) {
	probs := tensor.New([]float64{0.2, 0.9, 0.6, 0.4, 0.3, 0.7}, 3, 2)
	logits := tensor.New([]float64{1.5, -0.3, 0.2, -2, 0.8, 0.1}, 3, 2)
	binary := tensor.New([]float64{1, 0, 0, 1, 1, 1}, 3, 2)
	labels := tensor.New([]float64{1, 0, 1}, 3)
	w := []float64{0.5, 2}
	wt := tensor.New([]float64{3, 0.25}, 2)
	none, sum := autograd.ReduceNone, autograd.ReduceSum
	tests := []struct {
		loss   layer.Loss
		name   string
		input  *tensor.Tensor
		target *tensor.Tensor
		want   func(x *autograd.Var) *autograd.Var
	}{
		{layer.MSELoss{}, "mse", logits, binary, func(x *autograd.Var) *autograd.Var {
			return autograd.MSELoss(x, binary, autograd.ReduceMean)
		}},
		{layer.MSELoss{Reduction: none}, "mse", logits, binary, func(x *autograd.Var) *autograd.Var {
			return autograd.MSELoss(x, binary, none)
		}},
		{layer.BCELoss{}, "bce", probs, binary, func(x *autograd.Var) *autograd.Var {
			return autograd.BCELoss(x, binary, nil, autograd.ReduceMean)
		}},
		{layer.BCELoss{Weight: wt, Reduction: sum}, "bce", probs, binary, func(x *autograd.Var) *autograd.Var {
			return autograd.BCELoss(x, binary, wt, sum)
		}},
		{layer.BCEWithLogitsLoss{}, "bce_with_logits", logits, binary, func(x *autograd.Var) *autograd.Var {
			return autograd.BCEWithLogitsLoss(x, binary, nil, nil, autograd.ReduceMean)
		}},
		{layer.BCEWithLogitsLoss{PosWeight: w, Reduction: none}, "bce_with_logits", logits, binary, func(x *autograd.Var) *autograd.Var {
			return autograd.BCEWithLogitsLoss(x, binary, nil, w, none)
		}},
		{layer.BCEWithLogitsLoss{Weight: wt, PosWeight: w, Reduction: sum}, "bce_with_logits", logits, binary, func(x *autograd.Var) *autograd.Var {
			return autograd.BCEWithLogitsLoss(x, binary, wt, w, sum)
		}},
		{layer.CrossEntropyLoss{}, "cross_entropy", logits, labels, func(x *autograd.Var) *autograd.Var {
			return autograd.CrossEntropyLoss(x, labels, autograd.CrossEntropyOptions{})
		}},
		{layer.CrossEntropyLoss{Weight: w, LabelSmoothing: 0.1, Reduction: sum}, "cross_entropy", logits, labels, func(x *autograd.Var) *autograd.Var {
			return autograd.CrossEntropyLoss(x, labels, autograd.CrossEntropyOptions{Weight: w, LabelSmoothing: 0.1, Reduction: sum})
		}},
		{layer.NLLLoss{}, "nll", logits, labels, func(x *autograd.Var) *autograd.Var {
			return autograd.NLLLoss(x, labels, autograd.NLLOptions{})
		}},
		{layer.NLLLoss{Weight: w, Reduction: none}, "nll", logits, labels, func(x *autograd.Var) *autograd.Var {
			return autograd.NLLLoss(x, labels, autograd.NLLOptions{Weight: w, Reduction: none})
		}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%+v", tt.name, tt.loss), func(t *testing.T) {
			if got := fmt.Sprint(tt.loss); got != tt.name {
				t.Errorf("String() = %q, want %q", got, tt.name)
			}
			xa, xb := autograd.Param(tt.input.Clone()), autograd.Param(tt.input.Clone())
			a, b := tt.loss.Forward(xa, tt.target), tt.want(xb)
			if !tensor.EqualShape(a.Shape(), b.Shape()) {
				t.Fatalf("shape %v, want %v", a.Shape(), b.Shape())
			}
			for i, v := range b.Value().Data() {
				if a.Value().Data()[i] != v {
					t.Fatalf("loss[%d] = %g, want %g", i, a.Value().Data()[i], v)
				}
			}
			up := tensor.Full(1, a.Shape()...)
			a.BackwardWith(up)
			b.BackwardWith(up)
			for i, v := range xb.Grad().Data() {
				if xa.Grad().Data()[i] != v {
					t.Fatalf("grad[%d] = %g, want %g", i, xa.Grad().Data()[i], v)
				}
			}
		})
	}
}

// A classifier's loss: the cross-entropy of two samples' logits over three
// classes, and the gradient that backpropagation hands to the logits.
func ExampleCrossEntropyLoss() {
	logits := autograd.Param(tensor.New([]float64{
		2, 0, 0,
		0, 0, 0,
	}, 2, 3))
	labels := tensor.New([]float64{0, 2}, 2) // class indices

	var loss layer.Loss = layer.CrossEntropyLoss{} // mean over the batch
	l := loss.Forward(logits, labels)
	l.Backward()

	fmt.Printf("loss %.4f\n", l.Item())
	for i := range 2 {
		fmt.Printf("grad row %d: %.4f\n", i, logits.Grad().Row(i))
	}
	// Output:
	// loss 0.6691
	// grad row 0: [-0.1065 0.0533 0.0533]
	// grad row 1: [0.1667 0.1667 -0.3333]
}
