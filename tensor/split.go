package tensor

// Large memory passes of a training step (zeroing gradients, gathering a
// batch) are cut into chunks run over Threads() goroutines, like the
// products, by the goroutines' learned speeds (see balance.go). Each
// chunk writes its own elements with what the whole pass would write
// there, so the result does not depend on the split.

// splitMinFloats is the fewest values worth a chunk of their own when
// zeroing or copying: about 5 µs of work at memory speed, several times
// what handing a chunk to a spinning helper costs. The medium workload's
// first-layer gradient (200,704 values), batch (100,352) and 128×256
// activations' gradients split.
var splitMinFloats = 1 << 14 // a variable so that tests can split small passes

// splitParts returns how many chunks a pass over n values is cut into for
// up to Threads() goroutines, or 1 if it should stay whole.
func splitParts(n int) int {
	return max(min(Threads(), n/splitMinFloats), 1)
}

// clearJob zeroes a slice chunk by chunk, of whole groups of 8 values (64
// bytes), so that two goroutines never write one cache line; a Job.
type clearJob struct {
	Split
	s []float64
}

func (j *clearJob) Run(i int) {
	lo, hi := j.Bounds(i)
	clear(j.s[lo*8 : min(hi*8, len(j.s))])
}

var clearJobs FreeList[clearJob]

// clearFloats sets every value of s to zero, over several goroutines when
// s is large.
func clearFloats(s []float64) {
	parts := splitParts(len(s))
	if parts < 2 {
		clear(s)
		return
	}
	j := clearJobs.Get()
	j.s = s
	j.cutAt(siteClear, &s[0], ceilDiv(len(s), 8), parts)
	parallelSplit(j, &j.Split, j.Chunks())
	j.s = nil
	clearJobs.Put(j)
}

// gatherJob copies rows of src into dst, a block of rows per chunk; a Job.
type gatherJob struct {
	Split    // of rows
	dst, src []float64
	idx      []int
	w        int // values per row
}

func (j *gatherJob) Run(i int) {
	lo, hi := j.Bounds(i)
	gatherRows(j.dst, j.src, j.idx[lo:hi], lo, j.w)
}

var gatherJobs FreeList[gatherJob]

// gatherRows copies rows idx of src into dst, row by row from row first.
func gatherRows(dst, src []float64, idx []int, first, w int) {
	for k, r := range idx {
		d, s := dst[(first+k)*w:(first+k+1)*w], src[r*w:(r+1)*w]
		if w > 8 {
			copy(d, s)
			continue
		}
		for j, v := range s { // for a few values, cheaper than a call to memmove
			d[j] = v
		}
	}
}

// gatherSplit copies rows idx of src into dst (rows of w values), over
// several goroutines when there are many values. An index out of range
// keeps the copy whole, so that it panics on the caller's goroutine,
// where it can be recovered, rather than on a helper's.
func gatherSplit(dst, src []float64, idx []int, w int) {
	parts := splitParts(len(idx) * w)
	if parts < 2 || !rowsIn(idx, len(src)/max(w, 1)) {
		gatherRows(dst, src, idx, 0, w)
		return
	}
	j := gatherJobs.Get()
	*j = gatherJob{dst: dst, src: src, idx: idx, w: w}
	j.cutAt(siteGather, &dst[0], len(idx), parts)
	parallelSplit(j, &j.Split, j.Chunks())
	*j = gatherJob{}
	gatherJobs.Put(j)
}

// rowsIn reports whether every index is a row of n rows.
func rowsIn(idx []int, n int) bool {
	for _, r := range idx {
		if uint(r) >= uint(n) {
			return false
		}
	}
	return true
}
