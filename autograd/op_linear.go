package autograd

import (
	"fmt"

	"github.com/nnlab/nnlab/tensor"
)

// Linear returns x·wᵀ + b, PyTorch's F.linear: x is [n, in] (or [in] for
// one unbatched input, giving [out]), w is [out, in]
// and b, which may be nil, is [out]. The transpose is a BLAS flag; the
// backward pass is three more BLAS-shaped kernels:
// dx = dy·w, dw = dyᵀ·x, db = Σ_rows dy.
//
// Linear panics, naming the shapes, if x's features do not match w's
// columns or b is not a vector of w's rows.
func Linear(x, w, b *Var) *Var {
	if x.value.Dims() == 1 && w.value.Dims() == 2 && x.value.Len() == w.value.Shape()[1] {
		// An unbatched input [in], as nn.Linear accepts: a batch of one,
		// and an output of shape [out].
		y := Linear(Reshape(x, 1, x.value.Len()), w, b)
		return Reshape(y, w.value.Shape()[0])
	}
	xs, ws := x.Shape(), w.Shape()
	if len(xs) != 2 || len(ws) != 2 || xs[1] != ws[1] {
		panic(fmt.Sprintf("autograd: Linear: input %v does not fit weight %v ([out, in])", xs, ws))
	}
	if b != nil && (b.value.Dims() != 1 || b.value.Len() != ws[0]) {
		panic(fmt.Sprintf("autograd: Linear: bias %v does not fit weight %v", b.Shape(), ws))
	}
	tp := tapeOf(x, w, b)
	y := tp.uncleared(xs[0], ws[0]) // every element is the bias or a beta = 0 store
	if b == nil {
		tensor.MatMul(y, x.value, w.value, false, true, 1, 0)
	} else {
		// As PyTorch's addmm: the bias goes into every row first and the
		// product adds to it, a copy per row instead of a pass of
		// additions over y.
		tensor.AddMM(y, b.value, x.value, w.value, false, true)
	}
	return result(tp, y, linearBackward, x, w, b)
}

// linearBackward passes dy·w to x, dyᵀ·x to w and the column sums of dy
// to b.
func linearBackward(out *Var) {
	x, w, b, dy := out.parents[0], out.parents[1], out.parents[2], out.grad
	if needs(x) && needs(w) && pairGrads(x, w, b, dy) {
		return
	}
	if needs(x) {
		dx, beta := x.gradOut()
		tensor.MatMul(dx, dy, w.value, false, false, 1, beta)
	}
	if needs(w) {
		dw, beta := w.gradOut()
		tensor.MatMul(dw, dy, x.value, true, false, 1, beta)
	}
	if needs(b) {
		db, beta := b.gradOut()
		tensor.SumRows(db, dy, beta)
	}
}
