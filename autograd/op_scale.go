package autograd

import "github.com/nnlab/nnlab/tensor"

// Scale returns s·a.
func Scale(a *Var, s float64) *Var {
	tp := tapeOf(a)
	y := tp.zeros(a.Shape()...)
	y.CopyFrom(a.value)
	y.Scale(s)
	out := result(tp, y, scaleBackward, a)
	out.factor = s
	return out
}

// scaleBackward passes s·g to a, s being out.factor.
func scaleBackward(out *Var) {
	a := out.parents[0]
	tensor.AddScaled(a.gradBuf(), out.factor, out.grad)
}
