package tensor

import (
	"fmt"
	"unsafe"
)

// A Product is one matrix product for MatMulPair: Dst = Alpha·op(A)·op(B)
// + Beta·Dst, as MatMul takes it.
type Product struct {
	Dst, A, B      *Tensor
	TransA, TransB bool
	Alpha, Beta    float64
}

// MatMulPair computes two independent products side by side over at most
// threads goroutines, the caller's included, as a layer's two gradient
// products are: each element gets the bits MatMul gives it, whatever
// threads is. On the packed kernels the two products' output columns are
// laid end to end and cut in one by the goroutines' learned speeds (see
// Split), so that a goroutine that finishes its share of one product
// early takes columns of the other: with each product whole on one
// goroutine, the slower of the two kept the other core waiting. The cut
// counts columns, so it balances best when a column costs about as much
// in one product as in the other (m·k alike), as in a layer's pair.
// Otherwise each runs whole, on half the threads, beside the other, or
// after it when the two hold too little work to be worth splitting.
//
// It panics as MatMul does for either product, if threads < 1, and if a
// product's Dst shares storage with the other's Dst or operands.
func MatMulPair(threads int, p, q Product) {
	if threads < 1 {
		panic(fmt.Sprintf("tensor: MatMulPair: %d threads", threads))
	}
	pm, pn, pk := matMulShape("MatMulPair", p.Dst, p.A, p.B, p.TransA, p.TransB)
	qm, qn, qk := matMulShape("MatMulPair", q.Dst, q.A, q.B, q.TransA, q.TransB)
	mustNotOverlap("MatMulPair", p.Dst, q.Dst)
	mustNotOverlap("MatMulPair", p.Dst, q.A)
	mustNotOverlap("MatMulPair", p.Dst, q.B)
	mustNotOverlap("MatMulPair", q.Dst, p.A)
	mustNotOverlap("MatMulPair", q.Dst, p.B)
	impl := gemmActive
	packed := func(m, n, k int, pr Product) bool {
		return k > 0 && pr.Alpha != 0 && m*n*k > smallMatMulMax(pr.TransB)
	}
	parts := min(threads, (pm*pn*pk+qm*qn*qk)/parMinMulAdds)
	j := pairJobs.Get()
	defer pairJobs.Put(j)
	if parts < 2 || impl.splitCols == 0 || impl.sameBits != nil || !packed(pm, pn, pk, p) || !packed(qm, qn, qk, q) {
		// Side by side only when there is work for two chunks (parts, by
		// parMinMulAdds): two chunks, with nothing to cut or learn.
		*j = pairJob{p: p, q: q, threads: threads, whole: true}
		j.units, j.count = 2, 2
		parallel(j, min(parts, 2))
		*j = pairJob{}
		return
	}
	*j = pairJob{p: p, q: q, threads: threads, impl: impl,
		pu: ceilDiv(pn, impl.splitCols), qu: ceilDiv(qn, impl.splitCols)}
	j.cut(siteOf(sitePair, int(uintptr(unsafe.Pointer(&p.Dst.data[0]))), pm, pn, pk, qm, qn, qk), j.pu+j.qu, parts)
	parallelSplit(j, &j.Split, j.Chunks())
	*j = pairJob{} // let go of the tensors
}

// pairJob is MatMulPair's job: the units [0, pu) are blocks of p's output
// columns and [pu, pu+qu) of q's, impl.splitCols wide (the last may be
// short); a chunk computes the blocks of its units in each product. When
// whole is set, chunk 0 is all of p and chunk 1 all of q, each over half
// the threads.
type pairJob struct {
	Split
	p, q    Product
	threads int
	whole   bool
	impl    gemmImpl
	pu, qu  int
}

func (j *pairJob) Run(i int) {
	if j.whole {
		pr, th := j.p, j.threads/2
		if i == 1 {
			pr, th = j.q, j.threads-th
		}
		MatMulThreads(max(th, 1), pr.Dst, pr.A, pr.B, pr.TransA, pr.TransB, pr.Alpha, pr.Beta)
		return
	}
	lo, hi := j.Bounds(i)
	if lo < j.pu {
		j.columns(j.p, lo, min(hi, j.pu))
	}
	if hi > j.pu {
		j.columns(j.q, max(lo, j.pu)-j.pu, hi-j.pu)
	}
}

// columns computes the units [lo, hi) of pr's output columns.
func (j *pairJob) columns(pr Product, lo, hi int) {
	m, n := pr.Dst.shape[0], pr.Dst.shape[1]
	k := pr.A.shape[1]
	if pr.TransA {
		k = pr.A.shape[0]
	}
	g := gemmJob{transA: pr.TransA, transB: pr.TransB, m: m, n: n, k: k, alpha: pr.Alpha, beta: pr.Beta,
		a: pr.A.data, b: pr.B.data, c: pr.Dst.data, lda: pr.A.shape[1], ldb: pr.B.shape[1], ldc: n}
	c0, c1 := lo*j.impl.splitCols, min(hi*j.impl.splitCols, n)
	a, b, c := g.blockOperands(c0)
	j.impl.fn(g.transA, g.transB, m, c1-c0, k, g.alpha, a, g.lda, b, g.ldb, g.beta, c, g.ldc)
}

// pairJobs keeps idle jobs, so that a pair allocates nothing.
var pairJobs FreeList[pairJob]
