package autograd

import "github.com/nnlab/nnlab/tensor"

// Reshape returns x with a new shape of the same number of elements,
// sharing its values, as torch.reshape on a contiguous tensor; the
// gradient flows back with x's shape. It panics if the sizes differ.
func Reshape(x *Var, shape ...int) *Var {
	return result(tapeOf(x), x.value.Reshape(shape...), reshapeBackward, x)
}

func reshapeBackward(out *Var) {
	x := out.parents[0]
	g := x.gradBuf()
	tensor.Add(g, g, out.grad.Reshape(g.Shape()...))
}
