package tensor

import "unsafe"

// A large product is split across goroutines (see SetThreads) by blocks of
// output rows or of output columns, never along k: each goroutine runs the
// implementation's own gemmFunc on a block of c, reading the whole of k,
// so every element is summed in the order the one-goroutine call would
// use. For the packed kernels that order is fixed by the k blocking alone
// (TestGemmPackedBitsIgnoreTransposeAndSplits); for gonum's Dgemm blocks of
// c are cut at multiples of its 64-wide blocks, so every sub-call runs the
// very blocks the whole call would. Either way the bits are the same for
// any number of threads (TestMatMulSameBitsAnyThreads) and wherever the
// blocks are cut (TestSplitProductsSameBitsAnyCut): the cut follows the
// goroutines' learned speeds (balance.go). Where a block's bits would
// differ (gonum's Dgemm rounds small products differently) the product
// stays whole.

// parMinMulAdds is the least work, in multiply-adds m·n·k, worth a chunk
// of its own: about 3 µs for the assembly kernels, a few times what it
// costs to hand a chunk to a spinning helper. The medium workload's
// 10-wide output layer (128×10×256, 327,680 multiply-adds) splits in two:
// whole, it ran on one core while the other waited, about 20 µs a step
// (it did not pay while the halves of the larger jobs around it were cut
// equal, before learned cuts).
var parMinMulAdds = 1 << 17 // a variable so that tests can split small products

// gemmJob is one product cut into blocks of rows (byRows) or of columns,
// of whole tiles of align rows or columns (the last tile may be short) in
// proportion to the goroutines' learned speeds; a Job, run by
// parallelSplit.
type gemmJob struct {
	Split          // of tiles of align rows or columns
	fn             gemmFunc
	transA, transB bool
	m, n, k        int
	alpha, beta    float64
	a, b, c        []float64
	lda, ldb, ldc  int
	byRows         bool
	align          int

	bias   []float64    // when set, c's rows start as it (AddMM): biasFn, or fillBias first
	biasFn gemmBiasFunc // when set with bias, computes a block from the bias

	ia, ib []int        // when set, a's or b's stored rows by index: rowsFn
	rowsFn gemmRowsFunc // computes a block when ia or ib is set
}

// block returns block i's first row or column and how many it holds.
func (g *gemmJob) block(i int) (lo, size int) {
	all := g.n
	if g.byRows {
		all = g.m
	}
	lo, hi := g.Bounds(i)
	lo, hi = lo*g.align, min(hi*g.align, all)
	return lo, hi - lo
}

func (g *gemmJob) blockSize(i int) int {
	_, size := g.block(i)
	return size
}

// Run computes block i of c: from the bias, if the job has one and the
// implementation a biasFn, else after copying the bias in (fillBias).
func (g *gemmJob) Run(i int) {
	lo, size := g.block(i)
	a, b, c := g.blockOperands(lo)
	m, n, bias := g.m, size, g.bias
	if g.byRows {
		m, n = size, g.n
	} else if bias != nil {
		bias = bias[lo : lo+size]
	}
	if g.ia != nil || g.ib != nil {
		ia, ib := g.blockRows(lo)
		g.rowsFn(g.transA, g.transB, m, n, g.k, g.alpha, a, g.lda, ia, b, g.ldb, ib, g.beta, bias, c, g.ldc)
		return
	}
	if bias != nil && g.biasFn != nil {
		g.biasFn(g.transA, g.transB, m, n, g.k, a, g.lda, b, g.ldb, bias, c, g.ldc)
		return
	}
	g.fillBias(i)
	g.fn(g.transA, g.transB, m, n, g.k, g.alpha, a, g.lda, b, g.ldb, g.beta, c, g.ldc)
}

// blockOperands returns where the block of rows or columns from lo starts
// in a, b and c. An operand whose rows are picked by index starts where it
// did, its index list moving instead (blockRows).
func (g *gemmJob) blockOperands(lo int) (a, b, c []float64) {
	a, b = g.a, g.b
	if g.byRows {
		if g.transA {
			a = g.a[lo:] // columns lo... of a
		} else if g.ia == nil {
			a = g.a[lo*g.lda:] // rows lo... of a
		}
		return a, b, g.c[lo*g.ldc:]
	}
	if !g.transB {
		b = g.b[lo:] // columns lo... of b
	} else if g.ib == nil {
		b = g.b[lo*g.ldb:] // rows lo... of b
	}
	return a, b, g.c[lo:]
}

// blockRows returns the index lists of the block of rows or columns from
// lo: those of the operand whose stored rows the block cuts start at lo.
func (g *gemmJob) blockRows(lo int) (ia, ib []int) {
	ia, ib = g.ia, g.ib
	if g.byRows && !g.transA && ia != nil {
		ia = ia[lo:]
	}
	if !g.byRows && g.transB && ib != nil {
		ib = ib[lo:]
	}
	return ia, ib
}

// fillBias copies the bias into every row of block i of c (or of all of
// c for i < 0), if the job has one.
func (g *gemmJob) fillBias(i int) {
	if g.bias == nil {
		return
	}
	r0, rows, c0, cols := 0, g.m, 0, g.n
	switch {
	case i < 0:
	case g.byRows:
		r0, rows = g.block(i)
	default:
		c0, cols = g.block(i)
	}
	for r := r0; r < r0+rows; r++ {
		copy(g.c[r*g.ldc+c0:r*g.ldc+c0+cols], g.bias[c0:c0+cols])
	}
}

// gemmJobs keeps idle jobs, so that splitting allocates nothing.
var gemmJobs FreeList[gemmJob]

// gemmThreads runs the product on impl, split over up to threads
// goroutines when it is large enough to pay and impl can be split: the
// larger of m and n is cut into blocks that are multiples of impl's
// splitRows or splitCols, so that packing work repeated by every block
// falls on the smaller operand.
func gemmThreads(impl gemmImpl, threads int, transA, transB bool, m, n, k int, alpha float64,
	a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	gemmSplit(impl, threads, gemmJob{transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, beta: beta,
		a: a, b: b, c: c, lda: lda, ldb: ldb, ldc: ldc})
}

// gemmSplit is gemmThreads for the product g describes, which may carry a
// bias for c's rows (beta is then 1): each block's goroutine copies its
// part of the bias in before its product, so that the block stays in that
// core's cache.
func gemmSplit(impl gemmImpl, threads int, g gemmJob) {
	m, n, k := g.m, g.n, g.k
	byRows := m > n
	size, other, align := n, m, impl.splitCols
	if byRows {
		size, other, align = m, n, impl.splitRows
	}
	// The most parts, up to threads, of at least parMinMulAdds each, whose
	// blocks keep their bits. Blocks in proportion to the goroutines'
	// speeds balance their work, and fine units let the cut follow them:
	// the packed kernels split columns in units of one vector (8 values
	// with AVX-512) and finish each block's last columns with a narrow
	// edge kernel, so 256 columns at equal speeds make two blocks of 128
	// (5 tiles of 24 and an edge of 8 each), where whole tiles made 120
	// and 136, the second with an edge as costly as a tile.
	tiles := ceilDiv(size, max(align, 1))
	g.fn, g.byRows, g.align = impl.fn, byRows, align
	if g.bias != nil {
		g.biasFn = impl.biasFn
	}
	g.rowsFn = impl.rowsFn // not nil when ia or ib is: AddMMRows and MatMulRows gather otherwise
	// The output's address and the product's shape name its site.
	site := siteOf(siteProduct, int(uintptr(unsafe.Pointer(unsafe.SliceData(g.c)))), m, n, k, b2i(g.transA), b2i(g.transB))
	for parts := min(threads, m*n*k/parMinMulAdds, tiles); parts >= 2 && align > 0 && g.count == 0; parts-- {
		g.cut(site, tiles, parts)
		smallest := size
		for i := range parts {
			smallest = min(smallest, g.blockSize(i))
		}
		if impl.sameBits != nil && (byRows && !impl.sameBits(smallest, other) || !byRows && !impl.sameBits(other, smallest)) {
			g.count = 0
		}
	}
	if g.count < 2 && (g.ia != nil || g.ib != nil) {
		g.rowsFn(g.transA, g.transB, m, n, k, g.alpha, g.a, g.lda, g.ia, g.b, g.ldb, g.ib, g.beta, g.bias, g.c, g.ldc)
		return
	}
	if g.count < 2 && g.biasFn != nil {
		g.biasFn(g.transA, g.transB, m, n, k, g.a, g.lda, g.b, g.ldb, g.bias, g.c, g.ldc)
		return
	}
	if g.count < 2 {
		g.fillBias(-1)
		impl.fn(g.transA, g.transB, m, n, k, g.alpha, g.a, g.lda, g.b, g.ldb, g.beta, g.c, g.ldc)
		return
	}
	j := gemmJobs.Get()
	*j = g
	parallelSplit(j, &j.Split, j.count)
	*j = gemmJob{} // let go of the operands
	gemmJobs.Put(j)
}

// b2i is 1 for true and 0 for false.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
