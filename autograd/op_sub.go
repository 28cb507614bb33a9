package autograd

import "github.com/nnlab/nnlab/tensor"

// Sub returns a - b for operands of one shape. It panics, naming both
// shapes, if they differ.
func Sub(a, b *Var) *Var {
	mustSameShape("Sub", a, b)
	tp := tapeOf(a, b)
	y := tp.zeros(a.Shape()...)
	tensor.Sub(y, a.value, b.value)
	return result(tp, y, subBackward, a, b)
}

// subBackward passes the gradient of a - b to a and its negation to b.
func subBackward(out *Var) {
	a, b := out.parents[0], out.parents[1]
	if needs(a) {
		tensor.Add(a.gradBuf(), a.grad, out.grad)
	}
	if needs(b) {
		tensor.Sub(b.gradBuf(), b.grad, out.grad)
	}
}
