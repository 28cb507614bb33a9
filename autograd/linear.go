package autograd

import (
	"fmt"

	"github.com/nnlab/nnlab/tensor"
)

// Linear returns x·wᵀ + b, PyTorch's F.linear: x is [n, in], w is [out, in]
// and b, which may be nil, is [out]. The transpose is a BLAS flag; the
// backward pass is three more BLAS-shaped kernels:
// dx = dy·w, dw = dyᵀ·x, db = Σ_rows dy.
func Linear(x, w, b *Var) *Var {
	tp := tapeOf(x, w, b)
	y := tp.zeros(linearShape("Linear", x, w, b))
	linearForward(y, x, w, b)
	return result(tp, y, linearBackward, x, w, b)
}

// linearShape checks Linear's operands and returns the rows and columns of
// its result.
func linearShape(op string, x, w, b *Var) (int, int) {
	xs, ws := x.Shape(), w.Shape()
	if len(xs) != 2 || len(ws) != 2 || xs[1] != ws[1] {
		panic(fmt.Sprintf("autograd: %s: input %v does not fit weight %v ([out, in])", op, xs, ws))
	}
	if b != nil && (b.value.Dims() != 1 || b.value.Len() != ws[0]) {
		panic(fmt.Sprintf("autograd: %s: bias %v does not fit weight %v", op, b.Shape(), ws))
	}
	return xs[0], ws[0]
}

// linearForward sets y = x·wᵀ + b. As PyTorch's addmm, it copies the bias
// into every row of y and has the product add to it (beta = 1), which
// replaces a pass of additions over y by a copy per row.
func linearForward(y *tensor.Tensor, x, w, b *Var) {
	if b == nil {
		tensor.MatMul(y, x.value, w.value, false, true, 1, 0)
		return
	}
	yd, bd := y.Data(), b.value.Data()
	for i := 0; i < len(yd); i += len(bd) {
		copy(yd[i:i+len(bd)], bd)
	}
	tensor.MatMul(y, x.value, w.value, false, true, 1, 1)
}

func linearBackward(out *Var) { linearGrads(out.parents, out.grad) }

// linearGrads passes dy, the gradient of x·wᵀ + b, to the operands x, w, b.
func linearGrads(xwb [3]*Var, dy *tensor.Tensor) {
	x, w, b := xwb[0], xwb[1], xwb[2]
	if needs(x) {
		tensor.MatMul(x.gradBuf(), dy, w.value, false, false, 1, 1)
	}
	if needs(w) {
		tensor.MatMul(w.gradBuf(), dy, x.value, true, false, 1, 1)
	}
	if needs(b) {
		tensor.SumRows(b.gradBuf(), dy, 1)
	}
}

// MatMul returns the matrix product a·b.
func MatMul(a, b *Var) *Var {
	if as, bs := a.Shape(), b.Shape(); len(as) != 2 || len(bs) != 2 || as[1] != bs[0] {
		panic(fmt.Sprintf("autograd: MatMul: shapes %v and %v do not multiply", as, bs))
	}
	tp := tapeOf(a, b)
	y := tp.zeros(a.Shape()[0], b.Shape()[1])
	tensor.MatMul(y, a.value, b.value, false, false, 1, 0)
	return result(tp, y, matMulBackward, a, b)
}

func matMulBackward(out *Var) {
	a, b := out.parents[0], out.parents[1]
	if needs(a) {
		tensor.MatMul(a.gradBuf(), out.grad, b.value, false, true, 1, 1)
	}
	if needs(b) {
		tensor.MatMul(b.gradBuf(), a.value, out.grad, true, false, 1, 1)
	}
}
