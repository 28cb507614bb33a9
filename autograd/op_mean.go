package autograd

// Mean returns the mean of all elements of a as a scalar (NaN for no
// elements, as in PyTorch).
func Mean(a *Var) *Var {
	tp := tapeOf(a)
	n := float64(a.value.Len())
	y := tp.zeros()
	y.Data()[0] = a.value.Sum() / n
	out := result(tp, y, meanBackward, a)
	out.factor = n
	return out
}

// meanBackward spreads the upstream gradient, divided by the element count
// out.factor, over every element of the operand.
func meanBackward(out *Var) {
	g := out.grad.Item() / out.factor
	ag := out.parents[0].gradBuf().Data()
	for i := range ag {
		ag[i] += g
	}
}
