package tensor

import (
	"fmt"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// gemmFunc is the BLAS Dgemm contract on row-major slices:
// c = alpha·op(a)·op(b) + beta·c for an m×k op(a), a k×n op(b) and an m×n c,
// with beta = 0 ignoring c's old contents. Callers handle m, n or k = 0 and
// alpha = 0 before calling, so implementations may assume all are nonzero.
type gemmFunc func(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int,
	b []float64, ldb int, beta float64, c []float64, ldc int)

// gemmBiasFunc is a gemmFunc with alpha = beta = 1 whose c starts as bias
// in every row (n values): the bits of copying bias into c's rows and then
// calling the gemmFunc, from a kernel that copies it in tile by tile, just
// before the tile's first product, so that c's lines are written while
// the kernel computes rather than in a pass of their own (see
// gemmImpl.biasFn).
type gemmBiasFunc func(transA, transB bool, m, n, k int, a []float64, lda int,
	b []float64, ldb int, bias, c []float64, ldc int)

// gemmRowsFunc is a gemmFunc whose c starts as bias in every row when
// bias is not nil (alpha and beta then 1), and whose operands' stored rows
// are picked by ia and ib when not nil: row i of a is a[ia[i]·lda:], and
// likewise b (MatMulRows, AddMMRows).
type gemmRowsFunc func(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, ia []int,
	b []float64, ldb int, ib []int, beta float64, bias, c []float64, ldc int)

// gemmImpl is one matrix multiply available in this build on this CPU.
type gemmImpl struct {
	name string
	rank int // the highest-ranked implementation is MatMul's
	fn   gemmFunc

	// splitRows and splitCols are what blocks of rows and of columns of
	// c must be multiples of when a large product is split across
	// goroutines (gemm_parallel.go) with the same bits and at full speed
	// (the packed kernels' columns: their narrowest edge kernel); 0
	// leaves the product whole, as for OpenBLAS, which runs its own
	// threads.
	splitRows, splitCols int

	// sameBits, when set, reports whether a rows×cols block of c computed
	// on its own has the bits it has in a whole product that contains
	// it; nil means always.
	sameBits func(rows, cols int) bool

	// biasFn, when set, is fn starting from a bias row (AddMM). A split
	// product's block writes c's lines at once in a pass of its own
	// otherwise, and on two cores that pass cost ten times what it does
	// on one: the lines were last read by the other core, and each write
	// waits for the other's copy to be dropped.
	biasFn gemmBiasFunc

	// rowsFn, when set, is fn reading operands' rows through an index
	// list (MatMulRows, AddMMRows); without it they are gathered first.
	rowsFn gemmRowsFunc
}

// gemmImpls lists every implementation registered for this build and CPU:
// gonum's pure-Go Dgemm always, then the assembly kernels the CPU supports
// and OpenBLAS under the openblas tag. Tests check each against a naive
// product; benchmarks compare them side by side.
var gemmImpls = []gemmImpl{{name: "gonum", rank: 0, fn: gonumGemm,
	splitRows: gonumBlock, splitCols: gonumBlock, sameBits: gonumBlocked}}

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

// gonumGemm is the portable fallback: gonum's pure-Go Dgemm. For a
// product of four or more 64×64 blocks of c, Dgemm would start a goroutine
// per block, allocating closures, a channel and a WaitGroup on every call
// whatever GOMAXPROCS is, so a training step could never run without
// allocating. gonumGemm runs the same blocks itself, one after another:
// each block of c, and within it each block of 64 along k in order, is a
// Dgemm call small enough to stay serial. The sums, and so the bits, are
// Dgemm's own (TestGonumGemmBitsMatchDgemm); what is lost is gonum's use
// of a second core, which the other kernels do not use either.
func gonumGemm(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int,
	b []float64, ldb int, beta float64, c []float64, ldc int) {
	ta, tb := blas.NoTrans, blas.NoTrans
	if transA {
		ta = blas.Trans
	}
	if transB {
		tb = blas.Trans
	}
	var impl gonum.Implementation
	const bs = gonumBlock
	if !gonumBlocked(m, n) {
		impl.Dgemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc) // serial inside
		return
	}
	if len(c) < (m-1)*ldc+n || len(a) < gemmExtent(transA, m, k, lda) || len(b) < gemmExtent(transB, k, n, ldb) {
		panic(fmt.Sprintf("tensor: gemm: slices of %d, %d, %d values are too short for %d×%d×%d",
			len(a), len(b), len(c), m, k, n))
	}
	if beta != 1 { // as Dgemm, before any product is added
		for i := 0; i < m; i++ {
			scaleBeta(c[i*ldc:i*ldc+n], beta)
		}
	}
	for i := 0; i < m; i += bs {
		mi := min(bs, m-i)
		for j := 0; j < n; j += bs {
			nj := min(bs, n-j)
			cs := c[i*ldc+j : (i+mi-1)*ldc+j+nj]
			for p := 0; p < k; p += bs {
				kp := min(bs, k-p)
				impl.Dgemm(ta, tb, mi, nj, kp, alpha, subMatrix(a, lda, transA, i, p, mi, kp), lda,
					subMatrix(b, ldb, transB, p, j, kp, nj), ldb, 1, cs, ldc)
			}
		}
	}
}

// gonumBlocked reports whether gonumGemm runs an m×n product block by
// block: Dgemm's parallel path, whose sums run over k in blocks of 64.
// Below it Dgemm's serial path sums over all of k at once, rounding
// differently, so a block of c has its whole product's bits exactly when
// both are blocked (or both are the one call).
func gonumBlocked(m, n int) bool {
	return ceilDiv(m, gonumBlock)*ceilDiv(n, gonumBlock) >= gonumMinParBlocks
}

// subMatrix returns the rows×cols block of op(x) at (i, j) as a slice of x
// with row stride ld: the block of x at (j, i) when x is transposed.
func subMatrix(x []float64, ld int, trans bool, i, j, rows, cols int) []float64 {
	if trans {
		i, j, rows, cols = j, i, cols, rows
	}
	return x[i*ld+j : (i+rows-1)*ld+j+cols]
}

// gonum's Dgemm goes parallel from gonumMinParBlocks blocks of
// gonumBlock×gonumBlock in c (blockSize and minParBlock in
// gonum.org/v1/gonum/blas/gonum, v0.17.0).
const (
	gonumBlock        = 64
	gonumMinParBlocks = 4
)
