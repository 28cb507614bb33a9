package tensor

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

// gemmFunc is the BLAS Dgemm contract on row-major slices:
// c = alpha·op(a)·op(b) + beta·c for an m×k op(a), a k×n op(b) and an m×n c,
// with beta = 0 ignoring c's old contents. Callers handle m, n or k = 0 and
// alpha = 0 before calling, so implementations may assume all are nonzero.
type gemmFunc func(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int,
	b []float64, ldb int, beta float64, c []float64, ldc int)

// gemmImpl is one matrix multiply available in this build on this CPU.
type gemmImpl struct {
	name string
	rank int // the highest-ranked implementation is MatMul's
	fn   gemmFunc
}

// gemmImpls lists every implementation registered for this build and CPU:
// gonum's pure-Go Dgemm always, then the assembly kernels the CPU supports
// and OpenBLAS under the openblas tag. Tests check each against a naive
// product; benchmarks compare them side by side.
var gemmImpls = []gemmImpl{{name: "gonum", rank: 0, fn: gonumGemm}}

// gemmActive is the implementation MatMul uses.
var gemmActive = gemmImpls[0]

// registerGemm adds an implementation at init time; the highest rank wins.
func registerGemm(g gemmImpl) {
	gemmImpls = append(gemmImpls, g)
	if g.rank > gemmActive.rank {
		gemmActive = g
	}
}

// gemmByName returns the registered implementation called name.
func gemmByName(name string) (gemmImpl, bool) {
	for _, g := range gemmImpls {
		if g.name == name {
			return g, true
		}
	}
	return gemmImpl{}, false
}

// gonumGemm is the portable fallback: gonum's pure-Go Dgemm, which
// parallelises large products over GOMAXPROCS goroutines by output block
// and so stays deterministic.
func gonumGemm(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int,
	b []float64, ldb int, beta float64, c []float64, ldc int) {
	ta, tb := blas.NoTrans, blas.NoTrans
	ar, ac := m, k
	if transA {
		ta, ar, ac = blas.Trans, k, m
	}
	br, bc := k, n
	if transB {
		tb, br, bc = blas.Trans, n, k
	}
	blas64.Gemm(ta, tb, alpha,
		blas64.General{Rows: ar, Cols: ac, Stride: lda, Data: a},
		blas64.General{Rows: br, Cols: bc, Stride: ldb, Data: b},
		beta,
		blas64.General{Rows: m, Cols: n, Stride: ldc, Data: c})
}
