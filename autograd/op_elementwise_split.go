package autograd

import "github.com/nnlab/nnlab/tensor"

// A SliceFunc over a large tensor runs in chunks over tensor.Threads()
// goroutines (tensor.ParallelSplit). Each element's value and gradient are
// computed by the same call on the same operands whatever the chunk, so
// the bits do not depend on the split.

// sliceSplitMin is the fewest elements worth a chunk of their own: about
// the memory pass tensor splits its zeroing at. The wide workload's
// 256×1024 activations split, and the medium one's 128×256 in two.
var sliceSplitMin = 1 << 14 // a variable so that tests can split small slices

// sliceJob runs one SliceFunc pass chunk by chunk: ApplySlice(y, x), or
// AccumulateGrad(gx, gy, x, y) when grad is set; a tensor.Job whose chunks
// are whole cache lines (8 values), cut by the goroutines' learned speeds.
type sliceJob struct {
	tensor.Split
	f            SliceFunc
	grad         bool
	gx, gy, x, y []float64
	n            int
}

func (j *sliceJob) Run(i int) {
	lo, hi := j.Bounds(i)
	lo, hi = lo*8, min(hi*8, j.n)
	if j.grad {
		j.f.AccumulateGrad(j.gx[lo:hi], j.gy[lo:hi], j.x[lo:hi], j.y[lo:hi])
		return
	}
	j.f.ApplySlice(j.y[lo:hi], j.x[lo:hi])
}

// sliceJobs keeps idle jobs, so that splitting allocates nothing.
var sliceJobs tensor.FreeList[sliceJob]

// runSlice runs j's pass over n elements, split when there are enough.
func runSlice(j sliceJob) {
	parts := min(tensor.Threads(), j.n/sliceSplitMin)
	if parts < 2 {
		if j.grad {
			j.f.AccumulateGrad(j.gx, j.gy, j.x, j.y)
		} else {
			j.f.ApplySlice(j.y, j.x)
		}
		return
	}
	out := j.y
	if j.grad {
		out = j.gx
	}
	p := sliceJobs.Get()
	*p = j
	p.Cut(&out[0], (j.n+7)/8, parts)
	tensor.ParallelSplit(p, &p.Split)
	*p = sliceJob{} // let go of the slices
	sliceJobs.Put(p)
}
