package autograd

import (
	"fmt"

	"github.com/nnlab/nnlab/tensor"
)

// MatMul returns the matrix product a·b of an [m, k] and a [k, n] matrix,
// as torch.matmul on matrices; the elementwise product is [Mul]. It
// panics, naming both shapes, unless they are matrices that multiply.
func MatMul(a, b *Var) *Var {
	if as, bs := a.Shape(), b.Shape(); len(as) != 2 || len(bs) != 2 || as[1] != bs[0] {
		panic(fmt.Sprintf("autograd: MatMul: shapes %v and %v do not multiply", as, bs))
	}
	tp := tapeOf(a, b)
	y := tp.uncleared(a.Shape()[0], b.Shape()[1]) // stored with beta = 0
	tensor.MatMul(y, a.value, b.value, false, false, 1, 0)
	return result(tp, y, matMulBackward, a, b)
}

// matMulBackward passes g·bᵀ to a and aᵀ·g to b.
func matMulBackward(out *Var) {
	a, b := out.parents[0], out.parents[1]
	if needs(a) {
		tensor.MatMul(a.gradBuf(), out.grad, b.value, false, true, 1, 1)
	}
	if needs(b) {
		tensor.MatMul(b.gradBuf(), a.value, out.grad, true, false, 1, 1)
	}
}
