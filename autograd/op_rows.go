package autograd

import (
	"fmt"

	"github.com/nnlab/nnlab/tensor"
)

// Rows returns the matrix whose row i is row rows[i] of x, PyTorch's
// x[idx] (index_select along the first dimension): a batch picked from a
// data set. Its backward adds each row's gradient into the row of x it
// came from. rows must not change until the graph's Backward is done. It
// panics, naming the index, if one is out of range, or unless x has at
// least one dimension.
func Rows(x *Var, rows []int) *Var {
	xs := x.Shape()
	if len(xs) == 0 {
		panic("autograd: Rows: a scalar has no rows")
	}
	checkRows("Rows", x, rows)
	tp := tapeOf(x)
	var y *tensor.Tensor // GatherRows writes every element
	if len(xs) == 2 {
		y = tp.uncleared(len(rows), xs[1]) // a batch of vectors, with no shape to build
	} else {
		y = tp.uncleared(append([]int{len(rows)}, xs[1:]...)...)
	}
	tensor.GatherRows(y, x.value, rows)
	out := result(tp, y, rowsBackward, x)
	out.rows = rows
	return out
}

// rowsBackward adds row i of out's gradient into row rows[i] of x's.
func rowsBackward(out *Var) {
	x := out.parents[0]
	g := out.grad.Data()
	xg := x.gradBuf().Data()
	w := x.value.Len() / max(x.value.Shape()[0], 1)
	for i, r := range out.rows {
		dst, src := xg[r*w:(r+1)*w], g[i*w:(i+1)*w]
		for j, v := range src {
			dst[j] += v
		}
	}
}

// LinearRows returns Linear(Rows(x, rows), w, b) without the gathered
// copy: the layer's products read the picked rows of x in place
// (tensor.AddMMRows, tensor.MatMulRows), with the same bits. On two cores
// the copy's pass is one whose writes wait on lines the other core read
// (docs/performance.md). x gets no gradient: it panics if x requires one,
// as well as where Linear and Rows panic.
func LinearRows(x *Var, rows []int, w, b *Var) *Var {
	if x.requiresGrad {
		panic(fmt.Sprintf("autograd: LinearRows: input %v requires a gradient; use Linear(Rows(x, rows), w, b)", x.Shape()))
	}
	checkRows("LinearRows", x, rows)
	if b == nil || x.value.Dims() != 2 {
		return Linear(Rows(x, rows), w, b)
	}
	xs, ws := x.Shape(), w.Shape()
	if len(ws) != 2 || xs[1] != ws[1] {
		panic(fmt.Sprintf("autograd: LinearRows: input %v does not fit weight %v ([out, in])", xs, ws))
	}
	if b.value.Dims() != 1 || b.value.Len() != ws[0] {
		panic(fmt.Sprintf("autograd: LinearRows: bias %v does not fit weight %v", b.Shape(), ws))
	}
	tp := tapeOf(x, w, b)
	y := tp.uncleared(len(rows), ws[0]) // every element is the bias plus a product
	tensor.AddMMRows(y, b.value, x.value, rows, w.value, true)
	out := result(tp, y, linearRowsBackward, x, w, b)
	out.rows = rows
	return out
}

// linearRowsBackward passes dyᵀ·x[rows] to w and the column sums of dy to
// b.
func linearRowsBackward(out *Var) {
	x, w, b, dy := out.parents[0], out.parents[1], out.parents[2], out.grad
	if needs(w) {
		dw, beta := w.gradOut()
		tensor.MatMulRows(dw, dy, x.value, out.rows, true, 1, beta)
	}
	if needs(b) {
		db, beta := b.gradOut()
		tensor.SumRows(db, dy, beta)
	}
}

// checkRows panics, naming op and the index, unless every index in rows
// picks a row of x.
func checkRows(op string, x *Var, rows []int) {
	n := 0
	if x.value.Dims() > 0 {
		n = x.value.Shape()[0]
	}
	for i, r := range rows {
		if r < 0 || r >= n {
			panic(fmt.Sprintf("autograd: %s: row index %d (at %d) is outside the %d rows of %v", op, r, i, n, x.Shape()))
		}
	}
}
