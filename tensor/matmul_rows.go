package tensor

import "fmt"

// Products with an operand picked row by row from a larger matrix: a batch
// drawn from a data set by an index list. GatherRows would copy the rows
// first; here the packed kernels read them where they lie in the data set
// (gemm_arows.go) or pack them straight from it, so the batch's copy is
// never written. On two cores that copy is a pass
// whose every write waits for the other core's copy of the line, last
// read by the product, to be dropped (docs/performance.md, ninth round).

// AddMMRows sets dst = bias + x[rows]·op(b), where x[rows] is the matrix
// whose row i is row rows[i] of x: AddMM of GatherRows' result, with its
// bits, without the gathered copy. It is nn.Linear on the batch x[idx].
//
// It panics, naming what is wrong, unless x is a matrix whose every row
// index in rows is in range, the shapes fit as for AddMM, and dst shares
// no storage with x, b or bias.
func AddMMRows(dst, bias, x *Tensor, rows []int, b *Tensor, transB bool) {
	m, n, k := rowsShape("AddMMRows", dst, x, rows, b, transB, false)
	if bias.Dims() != 1 || bias.Len() != n {
		panic(fmt.Sprintf("tensor: AddMMRows: bias %v does not fit rows of %v", bias.shape, dst.shape))
	}
	mustNotOverlap("AddMMRows", dst, bias)
	if m == 0 || n == 0 {
		return
	}
	if k == 0 || gemmActive.rowsFn == nil || m*n*k <= smallMatMulMax(transB) {
		s := gatherScratch(x, rows)
		AddMM(dst, bias, &s.t, b, false, transB)
		rowsScratches.Put(s)
		return
	}
	gemmSplit(gemmActive, Threads(), gemmJob{transB: transB, m: m, n: n, k: k, alpha: 1, beta: 1,
		a: x.data, ia: rows, b: b.data, c: dst.data, lda: x.shape[1], ldb: b.shape[1], ldc: n, bias: bias.data})
}

// MatMulRows sets dst = alpha·op(a)·x[rows] + beta·dst, where x[rows] is
// the matrix whose row i is row rows[i] of x: MatMul of GatherRows'
// result (untransposed), with its bits, without the gathered copy. It is
// the weight gradient dyᵀ·x[idx] of a dense layer on the batch x[idx].
//
// It panics, naming what is wrong, unless x is a matrix whose every row
// index in rows is in range and the shapes fit as for MatMul, or if dst
// shares storage with a or x.
func MatMulRows(dst, a, x *Tensor, rows []int, transA bool, alpha, beta float64) {
	m, n, k := rowsShape("MatMulRows", dst, x, rows, a, transA, true)
	if m == 0 || n == 0 {
		return
	}
	if k == 0 || alpha == 0 {
		scaleBeta(dst.data, beta) // as MatMul: x is not read, nor gathered
		return
	}
	if gemmActive.rowsFn == nil || m*n*k <= smallMatMulMax(false) {
		s := gatherScratch(x, rows)
		MatMul(dst, a, &s.t, transA, false, alpha, beta)
		rowsScratches.Put(s)
		return
	}
	gemmSplit(gemmActive, Threads(), gemmJob{transA: transA, m: m, n: n, k: k, alpha: alpha, beta: beta,
		a: a.data, b: x.data, ib: rows, c: dst.data, lda: a.shape[1], ldb: x.shape[1], ldc: n})
}

// rowsShape returns the shape m×k by k×n of the product of x[rows] and
// op(o) (x's rows on the left), or of op(o) and x[rows] when right is
// set, into dst. It panics, naming the function, unless the shapes fit
// and every index in rows picks a row of x, or if dst shares storage with
// x or o.
func rowsShape(name string, dst, x *Tensor, rows []int, o *Tensor, trans, right bool) (m, n, k int) {
	if x.Dims() != 2 || o.Dims() != 2 || dst.Dims() != 2 {
		panic(fmt.Sprintf("tensor: %s: need matrices, have %v and %v into %v", name, x.shape, o.shape, dst.shape))
	}
	for i, r := range rows {
		if r < 0 || r >= x.shape[0] {
			panic(fmt.Sprintf("tensor: %s: row index %d (at %d) is outside the %d rows of %v", name, r, i, x.shape[0], x.shape))
		}
	}
	or, oc := o.shape[0], o.shape[1]
	if trans {
		or, oc = oc, or
	}
	if right {
		m, k, n = or, oc, x.shape[1]
		if k != len(rows) {
			panic(fmt.Sprintf("tensor: %s: %v%s by %d rows of %v do not fit", name, o.shape, tick(trans), len(rows), x.shape))
		}
	} else {
		m, k, n = len(rows), x.shape[1], oc
		if k != or {
			panic(fmt.Sprintf("tensor: %s: %d rows of %v by %v%s do not fit", name, len(rows), x.shape, o.shape, tick(trans)))
		}
	}
	if dst.shape[0] != m || dst.shape[1] != n {
		panic(fmt.Sprintf("tensor: %s: the product is %d×%d, dst is %v", name, m, n, dst.shape))
	}
	mustNotOverlap(name, dst, x)
	mustNotOverlap(name, dst, o)
	return m, n, k
}

// rowsScratch holds gathered rows for the implementations and small
// products that cannot read rows through an index list.
type rowsScratch struct {
	t     Tensor
	shape [2]int
}

var rowsScratches FreeList[rowsScratch]

// gatherScratch returns x[rows] gathered into idle scratch; Put it back
// when done.
func gatherScratch(x *Tensor, rows []int) *rowsScratch {
	s := rowsScratches.Get()
	s.shape = [2]int{len(rows), x.shape[1]}
	s.t.shape = s.shape[:]
	s.t.data = grow(s.t.data, len(rows)*x.shape[1])
	gatherSplit(s.t.data, x.data, rows, x.shape[1])
	return s
}
