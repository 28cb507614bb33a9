package autograd

// Sum returns the sum of all elements of a as a scalar.
func Sum(a *Var) *Var {
	tp := tapeOf(a)
	y := tp.zeros()
	y.Data()[0] = a.value.Sum()
	return result(tp, y, sumBackward, a)
}

// sumBackward passes the upstream gradient to every element of the operand.
func sumBackward(out *Var) {
	g := out.grad.Item()
	ag := out.parents[0].gradBuf().Data()
	for i := range ag {
		ag[i] += g
	}
}
