package autograd

import (
	"sync/atomic"

	"github.com/nnlab/nnlab/tensor"
)

// A layer's two gradient products, dx = dy·w and dw = dyᵀ·x, have the same
// number of multiply-adds and depend on each other in nothing: with two
// or more threads they run side by side (tensor.MatMulPair), their output
// columns end to end, cut by the goroutines' learned speeds, rather than
// one after the other with each split over every thread. A core then
// packs the shared operand of at most the one product it shares, where
// splitting both products made both cores pack both; on the 2-core
// machine this project measures on, data moving between cores is what
// keeps a split step from running twice as fast. With each product whole
// on one core, as before, the slower of the two kept the other core
// waiting (12–25 µs of the medium step). The bits are those of one thread
// (TestLinearPairSameBitsAnyThreads).

// pairMinMulAdds is the least work per product, in multiply-adds, worth
// running the two side by side: the medium workload's 128×256×10 products
// (327,680) are; its 128×784×256 first layer has no dx to pair.
var pairMinMulAdds = 1 << 18 // a variable so that tests can pair small products

// pairs counts the pairs pairGrads has run, for tests.
var pairs atomic.Int64

// pairGrads runs x's gradient dy·w beside w's, dyᵀ·x, then b's, Σ_rows dy,
// when b needs one, each stored or added as gradOut says, and reports
// true; or it does nothing and reports false, when there is one thread,
// the products are too small to pay, or x is w.
func pairGrads(x, w, b *Var, dy *tensor.Tensor) bool {
	threads := tensor.Threads()
	// x == w (a Linear of a weight by itself) gives both products one
	// buffer: they must run one after the other, the second adding.
	if threads < 2 || x == w || dy.Shape()[0]*w.value.Len() < pairMinMulAdds {
		return false
	}
	pairs.Add(1)
	dx, betaX := x.gradOut()
	dw, betaW := w.gradOut()
	tensor.MatMulPair(threads,
		tensor.Product{Dst: dw, A: dy, B: x.value, TransA: true, Alpha: 1, Beta: betaW},
		tensor.Product{Dst: dx, A: dy, B: w.value, Alpha: 1, Beta: betaX})
	if needs(b) {
		db, betaB := b.gradOut()
		tensor.SumRows(db, dy, betaB)
	}
	return true
}
