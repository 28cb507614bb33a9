package autograd

import (
	"fmt"

	"github.com/nnlab/nnlab/tensor"
)

// The helpers in this file are shared by every loss in this package. Each loss
// computes, in its forward pass, the derivative of its reduced (or, for
// ReduceNone, per-element) value with respect to its input: the "local"
// gradient. The backward pass then only scales it by the upstream gradient
// and accumulates, so a training step touches each input element twice and
// allocates nothing beyond the output and this one buffer.

// checkReduction panics unless r is one of the three reductions.
func checkReduction(op string, r Reduction) {
	if r != ReduceMean && r != ReduceSum && r != ReduceNone {
		panic(fmt.Sprintf("autograd: %s: invalid reduction %v", op, r))
	}
}

// mustMatch panics unless the target has the input's shape.
func mustMatch(op string, input, target *tensor.Tensor) {
	if !tensor.SameShape(input, target) {
		panic(fmt.Sprintf("autograd: %s: input %v and target %v differ in shape", op, input.Shape(), target.Shape()))
	}
}

// lossOutput allocates the result of an elementwise loss: a scalar for mean
// and sum, a tensor of like's shape for none. The returned slice is the
// per-element storage to fill, nil when the loss is reduced.
func lossOutput(tp *Tape, r Reduction, like *tensor.Tensor) (*tensor.Tensor, []float64) {
	if r == ReduceNone {
		t := tp.zeros(like.Shape()...)
		return t, t.Data()
	}
	return tp.zeros(), nil
}

// storeReduced writes a reduced loss: sum/count for mean, sum for sum.
// For none the per-element values are already in place.
func storeReduced(r Reduction, out *tensor.Tensor, sum, count float64) {
	switch r {
	case ReduceMean:
		out.Data()[0] = sum / count
	case ReduceSum:
		out.Data()[0] = sum
	}
}

// reductionNorm is the factor that the reduction puts on each element's
// gradient: 1/n for the mean over n elements, 1 otherwise.
func reductionNorm(r Reduction, n int) float64 {
	if r == ReduceMean {
		return 1 / float64(n)
	}
	return 1
}

// localGrad allocates the local-gradient buffer when input will receive a
// gradient, and returns nil otherwise so that inference pays nothing.
func localGrad(tp *Tape, input *Var) (*tensor.Tensor, []float64) {
	if !needs(input) || input.inference {
		return nil, nil
	}
	t := tp.zeros(input.Shape()...)
	return t, t.Data()
}

// lossResult records a loss of input whose value is out and whose local
// gradient is local.
func lossResult(tp *Tape, out *tensor.Tensor, input *Var, local *tensor.Tensor) *Var {
	v := result(tp, out, lossBackward, input)
	v.saved = local
	return v
}

// lossBackward is the backward pass of a loss: it scales the local gradient
// (out.saved) by the upstream one. A one-element upstream gradient scales
// all of it; otherwise the upstream has one value per group of
// local.Len()/upstream.Len() consecutive elements: one per element for
// elementwise losses, one per row of classes for class losses.
func lossBackward(out *Var) {
	g, xg, ld := out.grad.Data(), out.parents[0].gradBuf().Data(), out.saved.Data()
	switch len(g) {
	case 0:
		return
	case 1:
		s := g[0]
		for i, v := range ld {
			xg[i] += float64(s * v)
		}
		return
	}
	per := len(ld) / len(g)
	for i, s := range g {
		row, dst := ld[i*per:(i+1)*per], xg[i*per:(i+1)*per]
		for j, v := range row {
			dst[j] += float64(s * v)
		}
	}
}
