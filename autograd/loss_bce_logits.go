package autograd

import (
	"math"

	"github.com/nnlab/nnlab/internal/fmath"
	"github.com/nnlab/nnlab/tensor"
)

// BCEWithLogitsLoss returns the binary cross-entropy of sigmoid(input)
// against target, computed from the logits without forming the sigmoid, as
// PyTorch's F.binary_cross_entropy_with_logits, reduced by r. target has
// input's shape. weight, which may be nil, rescales each element's loss
// and gradient, as in [BCELoss]: it has input's shape or broadcasts over it
// as in PyTorch (such as [C] or [n, 1] for an [n, C] input). posWeight, if
// not nil, weighs the positive term of each class: it has one value per
// element of input's last dimension (or a single value) and is broadcast
// over the other dimensions. The mean divides by the number of elements,
// not by the weights.
//
// The loss is PyTorch 1.13's stable form: with m = max(-x, 0),
//
//	loss = w·((1-y)·x + lw·(log(e^(-m) + e^(-x-m)) + m)),  lw = (pw-1)·y + 1,
//
// whose exponents never exceed 0, so logits of ±1000 give exact finite
// losses. Its gradient is w·(sigmoid(x) - y), or with pos_weight
// w·((pw·y + 1 - y)·sigmoid(x) - pw·y).
//
// BCEWithLogitsLoss panics, naming the shapes, if target does not have
// input's shape or weight or posWeight does not broadcast over it, and if r
// is out of range.
func BCEWithLogitsLoss(input *Var, target, weight *tensor.Tensor, posWeight []float64, r Reduction) *Var {
	const op = "BCEWithLogitsLoss"
	checkReduction(op, r)
	tp := tapeOf(input)
	mustMatch(op, input.value, target)
	var w []float64
	var wb broadcaster
	if weight != nil {
		wb = newBroadcaster(op, "weight", weight.Shape(), input.Shape())
		w = weight.Data()
	}
	if posWeight != nil {
		// One value per column, or one for all: a broadcast that is a modulo.
		newBroadcaster(op, "pos_weight", []int{len(posWeight)}, input.Shape())
	}
	x, y := input.value.Data(), target.Data()
	out, od := lossOutput(tp, r, input.value)
	local, ld := localGrad(tp, input)
	norm := reductionNorm(r, len(x))
	sum := 0.0
	for i, xi := range x {
		yi := y[i]
		m, lse, sig := logSigmoidTerms(xi)
		var l, g float64
		if posWeight == nil {
			l = float64((1-yi)*xi) + m + lse
			if ld != nil {
				g = sig - yi
			}
		} else {
			pw := posWeight[i%len(posWeight)]
			l = float64((1-yi)*xi) + float64((float64((pw-1)*yi)+1)*(lse+m))
			if ld != nil {
				t := float64(pw * yi)
				g = float64((t+1-yi)*sig) - t
			}
		}
		if w != nil {
			wi := w[wb.index(i)]
			l *= wi
			g *= wi
		}
		if od != nil {
			od[i] = l
		}
		sum += l
		if ld != nil {
			ld[i] = g * norm
		}
	}
	storeReduced(r, out, sum, float64(len(x)))
	return lossResult(tp, out, input, local)
}

// logSigmoidTerms returns the terms of the loss above, m = max(-x, 0) and
// lse = log(e^(-m) + e^(-x-m)), and the gradient's logistic(x), with as
// few exponentials as give the same bits: for x >= 0, m is 0 and both lse
// and logistic(x) are built from e^(-x); for finite x < 0, -x-m is exactly
// 0, whose exponential is 1. NaN and -Inf take the formulas as written.
func logSigmoidTerms(x float64) (m, lse, sig float64) {
	switch {
	case x >= 0:
		e := fmath.Exp(-x)
		return 0, fmath.Log(1 + e), 1 / (1 + e)
	case x > math.Inf(-1):
		return -x, fmath.Log(fmath.Exp(x) + 1), logistic(x)
	}
	m = math.Max(-x, 0)
	return m, fmath.Log(fmath.Exp(-m) + fmath.Exp(-x-m)), logistic(x)
}

// logistic is the sigmoid in PyTorch's CPU form 1/(1+e^(-x)): it saturates
// to exactly 0 or 1 for large |x| rather than overflowing.
func logistic(x float64) float64 { return 1 / (1 + fmath.Exp(-x)) }
