package autograd

import "github.com/nnlab/nnlab/tensor"

// A class-index CrossEntropyLoss over many logits cuts its rows over
// tensor.Threads() goroutines: its exponentials are most of a small
// network's serial work between the output layer's product and its
// gradients (about 36 µs for the medium workload's 128×10 logits, while
// the other core waits). Each row's terms and gradient are computed by the
// same operations whatever its chunk, and the caller sums the terms in
// row order afterwards, so the loss has the bits of one goroutine.

// ceSplitMin is the fewest logits (rows × classes) worth a chunk of their
// own: 51 rows of 10 classes take about 15 µs, handing a chunk to a helper
// about 1 µs. The medium workload's 128×10 make two chunks.
var ceSplitMin = 1 << 9 // a variable so that tests can split small batches

// ceJob computes rows of a ceKernel chunk by chunk, each row's terms into
// nll and smooth; a tensor.Job. It holds a copy of the kernel, whose
// slices it writes through, so that the caller's stays on its stack.
type ceJob struct {
	tensor.Split
	k           ceKernel
	nll, smooth []float64
}

func (j *ceJob) Run(i int) {
	lo, hi := j.Bounds(i)
	for r := lo; r < hi; r++ {
		if j.k.t[r] != j.k.ignore {
			j.nll[r], j.smooth[r] = j.k.indexRow(r)
		}
	}
}

var ceJobs tensor.FreeList[ceJob]

// split computes every row not ignored over several goroutines and
// returns the rows' terms, or nothing when the rows stay on this
// goroutine: too few logits, one thread, or a target that is no class
// index, left to panic on the caller's goroutine.
func (k *ceKernel) split(tp *Tape) (nll, smooth []float64) {
	parts := min(tensor.Threads(), k.n*k.c/ceSplitMin)
	if parts < 2 || !k.classIndices() {
		return nil, nil
	}
	terms := tp.uncleared(2, k.n).Data()
	nll, smooth = terms[:k.n], terms[k.n:]
	j := ceJobs.Get()
	*j = ceJob{k: *k, nll: nll, smooth: smooth}
	j.Cut(&nll[0], k.n, parts)
	tensor.ParallelSplit(j, &j.Split)
	*j = ceJob{}
	ceJobs.Put(j)
	return nll, smooth
}

// classIndices reports whether every target not ignored is a class index.
func (k *ceKernel) classIndices() bool {
	for _, v := range k.t {
		if v != k.ignore && (v != float64(int(v)) || v < 0 || v >= float64(k.c)) {
			return false
		}
	}
	return true
}
