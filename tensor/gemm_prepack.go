package tensor

import "sync/atomic"

// A product split by columns (gemm_parallel.go) gives every goroutine the
// whole of op(a): packed per block, each goroutine would pack all of it,
// the same work once per block, and read all of a, half of which the
// other core has just written (a batch gathered by rows, a gradient).
// Instead op(a) is packed once, each goroutine packing a share of its
// strips, and every block then reads the one packing. The packed values,
// and so the kernel's sums, are those the block would pack itself: the
// same bits (TestPrepackedSameBitsAnyThreads).

// packedAs keeps the shared packings for reuse, so that a training loop's
// products allocate nothing; prepacked counts the products that used one,
// for tests.
var (
	packedAs  freeList[packedA]
	prepacked atomic.Int64
)

// packedA is op(a) packed whole: for each block of k (kb deep, from pc,
// as gemmPacked cuts k), at pc·roundUp(m, mr), strips of mr rows, strip s
// at s·mr·kb, each laid out as packGather and packCopy lay out one block.
// A block of rows from ic (a multiple of mr) is then at
// pc·roundUp(m, mr) + ic·kb, as gemmPacked reads it.
type packedA struct{ s []float64 }

// packAJob packs op(a) into pa, chunk i packing part i of its strips in
// every k block: the rows a goroutine that gathered or computed a's rows
// by the same parts wrote itself (see parallel); a Job.
type packAJob struct {
	g          *gemmKernel
	transA     bool
	m, k       int
	a, pa      []float64
	lda        int
	kcb, parts int
}

func (j *packAJob) Chunks() int { return j.parts }

func (j *packAJob) Run(i int) {
	g := j.g
	strips := ceilDiv(j.m, g.mr)
	s0, s1 := i*strips/j.parts, (i+1)*strips/j.parts
	if s0 == s1 {
		return
	}
	r0 := s0 * g.mr
	rows := min(s1*g.mr, j.m) - r0
	for pc := 0; pc < j.k; pc += j.kcb {
		kb := min(j.kcb, j.k-pc)
		dst := j.pa[pc*strips*g.mr+r0*kb:]
		if j.transA {
			packCopy(dst, j.a, j.lda, pc, kb, r0, rows, g.mr)
		} else {
			packGather(dst, j.a, j.lda, r0, rows, pc, kb, g.mr)
		}
	}
}

var packAJobs freeList[packAJob]

// packA packs op(a), m×k, over up to parts goroutines into buf, grown as
// needed, and returns the packing.
func (g *gemmKernel) packA(buf *packedA, parts int, transA bool, m, k int, a []float64, lda int) []float64 {
	size := roundUp(m, g.mr) * k
	if cap(buf.s) < size {
		buf.s = alignedFloats(size)
	}
	j := packAJobs.get()
	*j = packAJob{g: g, transA: transA, m: m, k: k, a: a, pa: buf.s[:size], lda: lda,
		kcb: balanced(k, g.kc, 1), parts: parts}
	parallel(j, parts)
	pa := j.pa
	*j = packAJob{} // let go of the operands
	packAJobs.put(j)
	prepacked.Add(1)
	return pa
}
