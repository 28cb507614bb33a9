package autograd

import "github.com/nnlab/nnlab/tensor"

// MSELoss returns the squared error (input - target)², reduced by r, as
// PyTorch's F.mse_loss. input and target must have one shape (PyTorch would
// broadcast with a warning; here a mismatch is a bug and panics, naming
// both shapes, as does a Reduction out of range). The mean divides by the
// number of elements.
func MSELoss(input *Var, target *tensor.Tensor, r Reduction) *Var {
	const op = "MSELoss"
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
		if od != nil {
			od[i] = d * d
		}
		sum += float64(d * d)
		if ld != nil {
			ld[i] = 2 * d * norm
		}
	}
	storeReduced(r, out, sum, float64(len(x)))
	return lossResult(tp, out, input, local)
}
