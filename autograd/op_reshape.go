package autograd

import (
	"fmt"

	"github.com/nnlab/nnlab/tensor"
)

// Reshape returns x with a new shape of the same number of elements,
// sharing its values, as torch.reshape on a contiguous tensor; the
// gradient flows back with x's shape. It panics, naming both shapes, if
// the new shape has a negative dimension or another number of elements.
func Reshape(x *Var, shape ...int) *Var {
	n := 1
	for _, d := range shape {
		if d < 0 {
			n = -1
			break
		}
		n *= d
	}
	if n != x.value.Len() {
		// A copy, so that shape does not escape and callers may pass
		// shapes on the stack.
		panic(fmt.Sprintf("autograd: Reshape: shape %v does not hold the %d elements of %v",
			append([]int(nil), shape...), x.value.Len(), x.Shape()))
	}
	return result(tapeOf(x), x.value.Reshape(shape...), reshapeBackward, x)
}

// reshapeBackward passes the gradient back in x's shape.
func reshapeBackward(out *Var) {
	x := out.parents[0]
	g := x.gradBuf()
	tensor.Add(g, g, out.grad.Reshape(g.Shape()...))
}
