package autograd

import (
	"math"

	"github.com/nnlab/nnlab/tensor"
)

// L1Loss returns the absolute error |input - target|, reduced by r, as
// PyTorch's F.l1_loss. input and target must have one shape (a mismatch
// panics, naming both). The mean divides by the number of elements.
//
// The gradient is sign(input - target), and 0 where they are equal, as
// PyTorch's sgn gives it at the kink.
func L1Loss(input *Var, target *tensor.Tensor, r Reduction) *Var {
	const op = "L1Loss"
	checkReduction(op, r)
	tp := tapeOf(input)
	mustMatch(op, input.value, target)
	x, y := input.value.Data(), target.Data()
	out, od := lossOutput(tp, r, input.value)
	local, ld := localGrad(tp, input)
	norm := reductionNorm(r, len(x))
	sum := 0.0
	for i, xi := range x {
		d := xi - y[i]
		a := math.Abs(d)
		if od != nil {
			od[i] = a
		}
		sum += a
		if ld != nil {
			ld[i] = l1Sign(d) * norm
		}
	}
	storeReduced(r, out, sum, float64(len(x)))
	return lossResult(tp, out, input, local)
}

// l1Sign is PyTorch's sign: -1, 0 or 1, and NaN for NaN.
func l1Sign(d float64) float64 {
	switch {
	case d > 0:
		return 1
	case d < 0:
		return -1
	}
	return d // 0 (either sign of zero gives 0 in the sum) or NaN
}
