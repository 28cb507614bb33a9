package optim

import "github.com/nnlab/nnlab/tensor"

// A large parameter's update is split into chunks of elements run over
// tensor.Threads() goroutines (tensor.ParallelSplit). Every element's update
// reads and writes that element alone, in the same operations whatever
// the chunk, so the bits are the same for any number of threads; whether
// a pass found everything finite is the AND of its chunks', and which
// value is reported as the first non-finite one is found afterwards by a
// scan in parameter order (see base.undo), never by which chunk finished
// first.

// splitMinElems is the fewest elements worth a chunk of their own. On a
// 2-core AMD EPYC (BenchmarkAdamSplit) an Adam GuardedStep cut in two
// chunks of 4096 elements was slower than whole, chunks of 8192 about
// even to 1.5× faster, and of 16384 up to twice as fast, once the seven
// arrays it streams outgrow the cache. The medium workload's weights
// split; its biases do not.
var splitMinElems = 1 << 13 // a variable so that tests can split small parameters

// maxSplit bounds the chunks of one update.
const maxSplit = 64

// split is the share-out of one update: n elements in chunks of whole
// groups of four (for the SIMD kernels), cut by the goroutines' learned
// speeds (tensor.Split). ok[i] is whether chunk i found everything
// finite: each chunk writes its own, and the caller reads them once
// tensor.ParallelSplit has returned.
type split struct {
	tensor.Split
	n  int
	ok [maxSplit]bool
}

// plan cuts the update of p (n elements) into chunks for tensor.Threads()
// goroutines and reports whether there is more than one.
func (s *split) plan(p []float64) bool {
	n := len(p)
	parts := min(tensor.Threads(), n/splitMinElems, maxSplit)
	if parts < 2 {
		return false
	}
	s.n = n
	s.Cut(&p[0], ceilDiv(n, 4), parts)
	return true
}

// bounds returns chunk i's elements [lo, hi).
func (s *split) bounds(i int) (lo, hi int) {
	lo, hi = s.Bounds(i)
	return lo * 4, min(hi*4, s.n)
}

// allOK reports whether every chunk found everything finite.
func (s *split) allOK() bool {
	ok := true
	for _, c := range s.ok[:s.Chunks()] {
		ok = ok && c
	}
	return ok
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

// The jobs, one per kernel, are tensor.Jobs: Run updates chunk i, run
// updates a whole parameter, split when it is large enough, and reports
// whether everything was finite.

type adamJob struct {
	split
	a adamArgs
}

func (j *adamJob) Run(i int) {
	t := j.a.sub(j.bounds(i))
	j.ok[i] = adamKernel(&t)
}

func (j *adamJob) run(a *adamArgs) bool {
	if !j.plan(a.p) {
		return adamKernel(a)
	}
	j.a = *a
	tensor.ParallelSplit(j, &j.Split)
	j.a = adamArgs{} // let go of the buffers
	return j.allOK()
}

type rmspropJob struct {
	split
	a rmspropArgs
}

func (j *rmspropJob) Run(i int) {
	t := j.a.sub(j.bounds(i))
	j.ok[i] = rmspropKernel(&t)
}

func (j *rmspropJob) run(a *rmspropArgs) bool {
	if !j.plan(a.p) {
		return rmspropKernel(a)
	}
	j.a = *a
	tensor.ParallelSplit(j, &j.Split)
	j.a = rmspropArgs{}
	return j.allOK()
}

type sgdJob struct {
	split
	a sgdArgs
}

func (j *sgdJob) Run(i int) {
	t := j.a.sub(j.bounds(i))
	j.ok[i] = sgdKernel(&t)
}

func (j *sgdJob) run(a *sgdArgs) bool {
	if !j.plan(a.p) {
		return sgdKernel(a)
	}
	j.a = *a
	tensor.ParallelSplit(j, &j.Split)
	j.a = sgdArgs{}
	return j.allOK()
}

// splitJobs holds an optimizer's jobs, made once, so that splitting
// allocates nothing.
type splitJobs struct {
	adam    adamJob
	rmsprop rmspropJob
	sgd     sgdJob
}

func (a *adamArgs) sub(lo, hi int) adamArgs {
	t := *a
	t.p, t.g, t.pold = a.p[lo:hi], a.g[lo:hi], a.pold[lo:hi]
	t.m, t.v, t.vmax = a.m[lo:hi], a.v[lo:hi], part(a.vmax, lo, hi)
	t.m2, t.v2, t.vmax2 = a.m2[lo:hi], a.v2[lo:hi], part(a.vmax2, lo, hi)
	return t
}

func (a *rmspropArgs) sub(lo, hi int) rmspropArgs {
	t := *a
	t.p, t.g, t.pold = a.p[lo:hi], a.g[lo:hi], a.pold[lo:hi]
	t.sq, t.buf, t.gavg = a.sq[lo:hi], part(a.buf, lo, hi), part(a.gavg, lo, hi)
	t.sq2, t.buf2, t.gavg2 = a.sq2[lo:hi], part(a.buf2, lo, hi), part(a.gavg2, lo, hi)
	return t
}

func (a *sgdArgs) sub(lo, hi int) sgdArgs {
	t := *a
	t.p, t.g, t.pold = a.p[lo:hi], a.g[lo:hi], a.pold[lo:hi]
	t.buf, t.buf2 = part(a.buf, lo, hi), part(a.buf2, lo, hi)
	return t
}

// part returns s[lo:hi], or nil for a nil s.
func part(s []float64, lo, hi int) []float64 {
	if s == nil {
		return nil
	}
	return s[lo:hi]
}
