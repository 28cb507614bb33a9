package train

import (
	"fmt"

	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

// Probabilities turns a classifier's raw outputs [n, k] into class
// probabilities [n, classes], as the loss it was trained with reads them
// (see layer.ProbabilityReader): a single output is the second class's
// probability, giving [n, 2]; several give a distribution over k classes.
// The built-in losses read a single output as a logit through a sigmoid
// (BCE with logits) or as a probability clipped to [0, 1] (BCE, MSE), and
// several as logits (cross-entropy: softmax), log-probabilities (NLL: exp)
// or one-vs-rest scores normalised to sum to one (BCE, BCE with logits,
// MSE).
//
// It panics, a programmer error, if loss does not implement
// layer.ProbabilityReader, or if its reading does not have out's shape;
// Trainer.Fit and Model.Save report such a loss as an error first.
func Probabilities(out *tensor.Tensor, loss layer.Loss) *tensor.Tensor {
	r, err := layer.LossProbabilityReader(loss)
	if err != nil {
		panic("train: Probabilities: " + err.Error())
	}
	q := r.Probabilities(out)
	if q == nil || !tensor.EqualShape(q.Shape(), out.Shape()) {
		shape := []int(nil)
		if q != nil {
			shape = q.Shape()
		}
		panic(fmt.Sprintf("train: Probabilities: loss %T read outputs of shape %v as probabilities of shape %v", loss, out.Shape(), shape))
	}
	if out.Cols() != 1 {
		return q
	}
	p := tensor.Zeros(out.Rows(), 2)
	for i, v := range q.Data() {
		p.Data()[2*i], p.Data()[2*i+1] = 1-v, v
	}
	return p
}
