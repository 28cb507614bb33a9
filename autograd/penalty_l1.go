package autograd

import "math"

// AddL1 returns acc + lambda·Σ|w|, where acc is a one-element Var such as
// a loss. The gradient passed to w is lambda·sign(w), 0 where w is 0, as
// PyTorch's abs gives it. It panics, naming itself and the shape, unless
// acc has one element, and unless lambda is finite and non-negative.
func AddL1(acc, w *Var, lambda float64) *Var {
	s := 0.0
	for _, v := range checkPenalty("AddL1", acc, w, lambda) {
		s += math.Abs(v)
	}
	return penaltyResult(acc, w, lambda, lambda*s, addL1Backward)
}

func addL1Backward(out *Var) {
	acc, w, g := out.parents[0], out.parents[1], out.grad.Item()
	if needs(acc) {
		acc.gradBuf().Data()[0] += g
	}
	if needs(w) {
		s := g * out.factor
		wd, wg := w.value.Data(), w.gradBuf().Data()
		for i, v := range wd {
			wg[i] += float64(s * l1Sign(v))
		}
	}
}
