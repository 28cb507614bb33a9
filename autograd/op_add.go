package autograd

import (
	"fmt"

	"github.com/nnlab/nnlab/tensor"
)

// Add returns a + b. b has a's shape or is a row vector ([n] or [1, n])
// broadcast over the rows of the matrix a, as PyTorch broadcasts a bias.
//
// Add panics, naming both shapes, if b neither has a's shape nor
// broadcasts over it.
func Add(a, b *Var) *Var {
	tp := tapeOf(a, b)
	if tensor.SameShape(a.value, b.value) {
		y := tp.zeros(a.Shape()...)
		tensor.Add(y, a.value, b.value)
		return result(tp, y, addBackward, a, b)
	}
	// Check here rather than in tensor.AddRowVector, so that the message
	// names the operation the caller used.
	if bs := b.Shape(); a.value.Dims() != 2 || b.value.Len() != a.Shape()[1] || len(bs) > 2 || (len(bs) == 2 && bs[0] != 1) {
		panic(fmt.Sprintf("autograd: Add: shapes %v and %v do not broadcast", a.Shape(), b.Shape()))
	}
	y := tp.zeros(a.Shape()...)
	tensor.AddRowVector(y, a.value, b.value)
	return result(tp, y, addRowBackward, a, b)
}

// addBackward passes the gradient of a + b unchanged to both operands.
func addBackward(out *Var) {
	a, b := out.parents[0], out.parents[1]
	if needs(a) {
		tensor.Add(a.gradBuf(), a.grad, out.grad)
	}
	if needs(b) {
		tensor.Add(b.gradBuf(), b.grad, out.grad)
	}
}

// addRowBackward is addBackward for a broadcast row vector b, which
// receives the sum of the gradient's rows.
func addRowBackward(out *Var) {
	a, b := out.parents[0], out.parents[1]
	if needs(a) {
		tensor.Add(a.gradBuf(), a.grad, out.grad)
	}
	if needs(b) {
		tensor.SumRows(b.gradBuf(), out.grad, 1)
	}
}
