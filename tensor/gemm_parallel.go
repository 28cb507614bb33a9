package tensor

// A large product is split across goroutines (see SetThreads) by blocks of
// output rows or of output columns, never along k: each goroutine runs the
// implementation's own gemmFunc on a block of c, reading the whole of k,
// so every element is summed in the order the one-goroutine call would
// use. For the packed kernels that order is fixed by the k blocking alone
// (TestGemmPackedBitsIgnoreTransposeAndSplits); for gonum's Dgemm blocks of
// c are cut at multiples of its 64-wide blocks, so every sub-call runs the
// very blocks the whole call would. Either way the bits are the same for
// any number of threads (TestMatMulSameBitsAnyThreads). Where a block's
// bits would differ (gonum's Dgemm rounds small products differently) the
// product stays whole.

// parMinMulAdds is the least work, in multiply-adds m·n·k, worth a chunk
// of its own: about 20 µs for the assembly kernels, several times what it
// costs to wake a helper and wait for it. The medium workload's 256-wide
// layers (8.4 M multiply-adds and more) split; its 10-wide ones do not.
var parMinMulAdds = 1 << 20 // a variable so that tests can split small products

// gemmJob is one product cut into blocks of rows (byRows) or of columns,
// step at a time; a Job, run by parallel.
type gemmJob struct {
	fn             gemmFunc
	transA, transB bool
	m, n, k        int
	alpha, beta    float64
	a, b, c        []float64
	lda, ldb, ldc  int
	byRows         bool
	step, count    int
}

func (g *gemmJob) Chunks() int { return g.count }

// Run computes block i of c: rows or columns [i·step, (i+1)·step).
func (g *gemmJob) Run(i int) {
	lo := i * g.step
	if g.byRows {
		rows := min(g.step, g.m-lo)
		var a []float64
		if g.transA {
			a = g.a[lo:] // columns lo... of a
		} else {
			a = g.a[lo*g.lda:] // rows lo... of a
		}
		g.fn(g.transA, g.transB, rows, g.n, g.k, g.alpha, a, g.lda, g.b, g.ldb, g.beta, g.c[lo*g.ldc:], g.ldc)
		return
	}
	cols := min(g.step, g.n-lo)
	var b []float64
	if g.transB {
		b = g.b[lo*g.ldb:] // rows lo... of b
	} else {
		b = g.b[lo:] // columns lo... of b
	}
	g.fn(g.transA, g.transB, g.m, cols, g.k, g.alpha, g.a, g.lda, b, g.ldb, g.beta, g.c[lo:], g.ldc)
}

// gemmJobs keeps idle jobs, so that splitting allocates nothing.
var gemmJobs freeList[gemmJob]

// gemmThreads runs the product on impl, split over up to threads
// goroutines when it is large enough to pay and impl can be split: the
// larger of m and n is cut into blocks that are multiples of impl's
// splitRows or splitCols, so that packing work repeated by every block
// falls on the smaller operand.
func gemmThreads(impl gemmImpl, threads int, transA, transB bool, m, n, k int, alpha float64,
	a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	byRows := m > n
	size, other, align := n, m, impl.splitCols
	if byRows {
		size, other, align = m, n, impl.splitRows
	}
	// The most parts, up to threads, of at least parMinMulAdds each, whose
	// blocks keep their bits.
	step := 0
	for parts := min(threads, m*n*k/parMinMulAdds); parts >= 2 && align > 0 && step == 0; parts-- {
		s := roundUp(ceilDiv(size, parts), align)
		smallest := min(s, size-(ceilDiv(size, s)-1)*s)
		if impl.sameBits == nil || byRows && impl.sameBits(smallest, other) || !byRows && impl.sameBits(other, smallest) {
			step = s
		}
	}
	if step == 0 || step >= size {
		impl.fn(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	g := gemmJobs.get()
	*g = gemmJob{fn: impl.fn, transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, beta: beta,
		a: a, b: b, c: c, lda: lda, ldb: ldb, ldc: ldc, byRows: byRows, step: step, count: ceilDiv(size, step)}
	parallel(g, g.count)
	*g = gemmJob{} // let go of the operands
	gemmJobs.put(g)
}
