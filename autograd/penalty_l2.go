package autograd

// AddL2 returns acc + (lambda/2)·Σw², where acc is a one-element Var such
// as a loss: weight decay written into the loss. The gradient passed to w
// is lambda·w. It panics as AddL1 does.
func AddL2(acc, w *Var, lambda float64) *Var {
	s := 0.0
	for _, v := range checkPenalty("AddL2", acc, w, lambda) {
		s += float64(v * v)
	}
	return penaltyResult(acc, w, lambda, lambda/2*s, addL2Backward)
}

func addL2Backward(out *Var) {
	acc, w, g := out.parents[0], out.parents[1], out.grad.Item()
	if needs(acc) {
		acc.gradBuf().Data()[0] += g
	}
	if needs(w) {
		s := g * out.factor
		wd, wg := w.value.Data(), w.gradBuf().Data()
		for i, v := range wd {
			wg[i] += float64(s * v)
		}
	}
}
