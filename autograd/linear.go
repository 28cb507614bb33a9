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
	xs, ws := x.Shape(), w.Shape()
	if len(xs) != 2 || len(ws) != 2 || xs[1] != ws[1] {
		panic(fmt.Sprintf("autograd: Linear: input %v does not fit weight %v ([out, in])", xs, ws))
	}
	if b != nil && (b.value.Dims() != 1 || b.value.Len() != ws[0]) {
		panic(fmt.Sprintf("autograd: Linear: bias %v does not fit weight %v", b.Shape(), ws))
	}
	y := tensor.Zeros(xs[0], ws[0])
	tensor.MatMul(y, x.value, w.value, false, true, 1, 0)
	if b != nil {
		tensor.AddRowVector(y, y, b.value)
	}
	return result(y, func(out *Var) {
		if needs(x) {
			tensor.MatMul(x.gradBuf(), out.grad, w.value, false, false, 1, 1)
		}
		if needs(w) {
			tensor.MatMul(w.gradBuf(), out.grad, x.value, true, false, 1, 1)
		}
		if needs(b) {
			tensor.SumRows(b.gradBuf(), out.grad, 1)
		}
	}, x, w, b)
}

// MatMul returns the matrix product a·b.
func MatMul(a, b *Var) *Var {
	if as, bs := a.Shape(), b.Shape(); len(as) != 2 || len(bs) != 2 || as[1] != bs[0] {
		panic(fmt.Sprintf("autograd: MatMul: shapes %v and %v do not multiply", as, bs))
	}
	y := tensor.Mul(a.value, b.value)
	return result(y, func(out *Var) {
		if needs(a) {
			tensor.MatMul(a.gradBuf(), out.grad, b.value, false, true, 1, 1)
		}
		if needs(b) {
			tensor.MatMul(b.gradBuf(), a.value, out.grad, true, false, 1, 1)
		}
	}, a, b)
}
