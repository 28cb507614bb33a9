package autograd

// Sum returns the sum of all elements of a as a scalar.
func Sum(a *Var) *Var {
	tp := tapeOf(a)
	y := tp.zeros()
	y.Data()[0] = a.value.Sum()
	out := result(tp, y, meanBackward, a)
	out.factor = 1
	return out
}

// Mean returns the mean of all elements of a as a scalar.
func Mean(a *Var) *Var {
	tp := tapeOf(a)
	n := float64(a.value.Len())
	y := tp.zeros()
	y.Data()[0] = a.value.Sum() / n
	out := result(tp, y, meanBackward, a)
	out.factor = n
	return out
}

// meanBackward spreads the upstream gradient, divided by out.factor (the
// element count for Mean, 1 for Sum), over every element of the operand.
func meanBackward(out *Var) {
	g := out.grad.Item() / out.factor
	ag := out.parents[0].gradBuf().Data()
	for i := range ag {
		ag[i] += g
	}
}
