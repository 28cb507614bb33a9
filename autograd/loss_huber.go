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
	return robustLoss(op, input, target, delta, 1, r)
}

// SmoothL1Loss returns the smooth L1 loss of input against target, reduced
// by r, as PyTorch's F.smooth_l1_loss: with d = input - target, 0.5·d²/beta
// where |d| < beta and |d| - 0.5·beta elsewhere, the Huber loss divided by
// beta. beta = 0 is the L1 loss, as in PyTorch; a negative beta panics.
//
// The gradient is d/beta where |d| < beta and sign(d) elsewhere, so 0 at
// d = 0 when beta = 0.
func SmoothL1Loss(input *Var, target *tensor.Tensor, beta float64, r Reduction) *Var {
	const op = "SmoothL1Loss"
	if !(beta >= 0) || math.IsInf(beta, 0) {
		panic(fmt.Sprintf("autograd: %s: beta = %v must be non-negative and finite", op, beta))
	}
	if beta == 0 {
		// PyTorch's smooth_l1_loss with beta = 0 is l1_loss.
		return L1Loss(input, target, r)
	}
	return robustLoss(op, input, target, beta, 1/beta, r)
}

// robustLoss is the Huber loss with threshold t, every element's loss and
// gradient multiplied by scale (1 for Huber, 1/beta for smooth L1). It
// computes as PyTorch's kernels do, so that values match to the last bit
// on both sides of the threshold: smooth L1 is 0.5·d²/beta and |d| - 0.5·beta,
// not the Huber expression divided afterwards.
func robustLoss(op string, input *Var, target *tensor.Tensor, t, scale float64, r Reduction) *Var {
	checkReduction(op, r)
	tp := tapeOf(input)
	mustMatch(op, input.value, target)
	x, y := input.value.Data(), target.Data()
	out, od := lossOutput(tp, r, input.value)
	local, ld := localGrad(tp, input)
	norm := reductionNorm(r, len(x))
	huber := scale == 1
	sum := 0.0
	for i, xi := range x {
		d := xi - y[i]
		a := math.Abs(d)
		var l, g float64
		switch {
		case a < t && huber:
			l, g = 0.5*d*d, d
		case a < t:
			l, g = 0.5*d*d/t, d/t
		case huber:
			l, g = t*(a-0.5*t), t*l1Sign(d)
		default:
			l, g = a-0.5*t, l1Sign(d)
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
