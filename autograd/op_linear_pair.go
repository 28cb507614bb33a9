package autograd

import "github.com/nnlab/nnlab/tensor"

// A layer's two gradient products, dx = dy·w and dw = dyᵀ·x, have the same
// number of multiply-adds and depend on each other in nothing: with two
// or more threads they run side by side, each on its own goroutine (and
// split over its half of the threads when there are four or more), rather
// than one after the other with each split over every thread. Each core
// then packs its product's operands once, where splitting both products
// made both cores pack the shared operand and read blocks the other core
// had just written: on the 2-core machine this project measures on, data
// moving between cores is what keeps a split step from running twice as
// fast. Every product is computed whole, so the bits are those of one
// thread (TestLinearPairSameBitsAnyThreads).

// pairMinMulAdds is the least work per product, in multiply-adds, worth
// running the two side by side: the medium workload's 128×256×10 products
// (327,680) are; its 128×784×256 first layer has no dx to pair.
var pairMinMulAdds = 1 << 18 // a variable so that tests can pair small products

// pairGrads runs x's gradient dy·w (with b's, Σ_rows dy, when b needs one)
// beside w's, dyᵀ·x, each stored or added as gradOut says, and reports
// true; or it does nothing and reports false, when there is one thread,
// the products are too small to pay, or x is w.
func pairGrads(x, w, b *Var, dy *tensor.Tensor) bool {
	threads := tensor.Threads()
	// x == w (a Linear of a weight by itself) gives both products one
	// buffer: they must run one after the other, the second adding.
	if threads < 2 || x == w || dy.Shape()[0]*w.value.Len() < pairMinMulAdds {
		return false
	}
	j := gradPairs.Get()
	*j = gradPair{dy: dy, x: x.value, w: w.value, threads: threads}
	// On this goroutine: a new buffer comes from the tape.
	j.dx, j.betaX = x.gradOut()
	j.dw, j.betaW = w.gradOut()
	if needs(b) {
		j.db, j.betaB = b.gradOut()
	}
	tensor.Parallel(j)
	*j = gradPair{} // let go of the tensors
	gradPairs.Put(j)
	return true
}

// gradPair is the job of pairGrads: chunk 0 the weight's gradient and the
// bias's, chunk 1 the input's.
type gradPair struct {
	dx, dw, db   *tensor.Tensor
	dy, x, w     *tensor.Tensor
	betaX, betaW float64
	betaB        float64
	threads      int
}

func (j *gradPair) Chunks() int { return 2 }

func (j *gradPair) Run(i int) {
	half := j.threads / 2
	if i == 1 {
		tensor.MatMulThreads(j.threads-half, j.dx, j.dy, j.w, false, false, 1, j.betaX)
		return
	}
	tensor.MatMulThreads(half, j.dw, j.dy, j.x, true, false, 1, j.betaW)
	if j.db != nil {
		tensor.SumRows(j.db, j.dy, j.betaB)
	}
}

// gradPairs keeps idle jobs.
var gradPairs tensor.FreeList[gradPair]
