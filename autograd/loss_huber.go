package autograd

import (
	"fmt"
	"math"

	"github.com/nnlab/nnlab/tensor"
)

// HuberLoss returns the Huber loss of input against target, reduced by r,
// as PyTorch's F.huber_loss: with d = input - target, 0.5·d² where
// |d| < delta and delta·(|d| - 0.5·delta) elsewhere. input and target must
// have one shape, and delta must be positive (PyTorch's default is 1);
// either mistake panics.
//
// The gradient is d where |d| < delta and delta·sign(d) elsewhere: at
// |d| = delta exactly both give ±delta, as in PyTorch's kernel.
func HuberLoss(input *Var, target *tensor.Tensor, delta float64, r Reduction) *Var {
	const op = "HuberLoss"
	if !(delta > 0) || math.IsInf(delta, 0) {
		panic(fmt.Sprintf("autograd: %s: delta = %v must be positive and finite", op, delta))
	}
	return robustLoss(op, input, target, delta, true, r)
}

// SmoothL1Loss returns the smooth L1 loss of input against target, reduced
// by r, as PyTorch's F.smooth_l1_loss: with d = input - target, 0.5·d²/beta
// where |d| < beta and |d| - 0.5·beta elsewhere, the Huber loss divided by
// beta. beta = 0 gives the L1 loss, as in PyTorch; a negative beta panics.
//
// The gradient is d/beta where |d| < beta and sign(d) elsewhere, as
// PyTorch's kernel computes it: d <= -beta gives -1 before d >= beta gives
// 1, so with beta = 0 the gradient at d = 0 is -1 (F.l1_loss gives 0).
func SmoothL1Loss(input *Var, target *tensor.Tensor, beta float64, r Reduction) *Var {
	const op = "SmoothL1Loss"
	if !(beta >= 0) || math.IsInf(beta, 0) {
		panic(fmt.Sprintf("autograd: %s: beta = %v must be non-negative and finite", op, beta))
	}
	return robustLoss(op, input, target, beta, false, r)
}

// robustLoss is the Huber loss (huber) or the smooth L1 loss with
// threshold t. It computes as PyTorch's kernels do, so that values and
// gradients match to the last bit on both sides of the threshold and on
// it: smooth L1 is 0.5·d²/beta and |d| - 0.5·beta, not the Huber
// expression divided afterwards, and the gradient tests d <= -t first.
func robustLoss(op string, input *Var, target *tensor.Tensor, t float64, huber bool, r Reduction) *Var {
	checkReduction(op, r)
	tp := tapeOf(input)
	mustMatch(op, input.value, target)
	x, y := input.value.Data(), target.Data()
	out, od := lossOutput(tp, r, input.value)
	local, ld := localGrad(tp, input)
	norm := reductionNorm(r, len(x))
	slope := 1.0 // of the linear part
	if huber {
		slope = t
	}
	sum := 0.0
	for i, xi := range x {
		d := xi - y[i]
		a := math.Abs(d)
		var l float64
		switch {
		case a < t && huber:
			l = 0.5 * a * a
		case a < t:
			l = 0.5 * a * a / t
		case huber:
			l = t * (a - float64(0.5*t))
		default:
			l = a - float64(0.5*t)
		}
		if od != nil {
			od[i] = l
		}
		sum += l
		if ld == nil {
			continue
		}
		switch {
		case d <= -t:
			ld[i] = -slope * norm
		case d >= t:
			ld[i] = slope * norm
		case huber:
			ld[i] = d * norm
		default:
			ld[i] = d / t * norm
		}
	}
	storeReduced(r, out, sum, float64(len(x)))
	return lossResult(tp, out, input, local)
}
