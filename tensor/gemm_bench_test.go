package tensor

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// gemmShape is a named product of a benchmark workload.
type gemmShape struct {
	name string
	gemmCase
}

// mediumShapes are the multiplies of one step of the medium workload
// (MLP 784-256-256-10, batch 128), with the flags and betas autograd's
// Linear uses: forward y = x·Wᵀ, backward dx += dy·W and dW += dyᵀ·x.
var mediumShapes = []gemmShape{
	{"fwd1_128x784x256", gemmCase{m: 128, n: 256, k: 784, transB: true, alpha: 1}},
	{"fwd2_128x256x256", gemmCase{m: 128, n: 256, k: 256, transB: true, alpha: 1}},
	{"fwd3_128x256x10", gemmCase{m: 128, n: 10, k: 256, transB: true, alpha: 1}},
	{"dx3_128x10x256", gemmCase{m: 128, n: 256, k: 10, alpha: 1, beta: 1}},
	{"dx2_128x256x256", gemmCase{m: 128, n: 256, k: 256, alpha: 1, beta: 1}},
	{"dW3_10x128x256", gemmCase{m: 10, n: 256, k: 128, transA: true, alpha: 1, beta: 1}},
	{"dW2_256x128x256", gemmCase{m: 256, n: 256, k: 128, transA: true, alpha: 1, beta: 1}},
	{"dW1_256x128x784", gemmCase{m: 256, n: 784, k: 128, transA: true, alpha: 1, beta: 1}},
}

// BenchmarkMatMul times each registered implementation on the medium
// workload's shapes, and on all of them in a row ("step", whose GFLOP/s is
// what a training step's multiplies get), reporting GFLOP/s over all ops
// and of the fastest op. Run it with GOMAXPROCS=1 for one-thread figures:
// gonum's Dgemm would otherwise use every core.
func BenchmarkMatMul(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	type prepared struct {
		gemmShape
		a, b, c  []float64
		lda, ldb int
	}
	var all []prepared
	var stepFlops float64
	for _, sh := range mediumShapes {
		a, bb, c := sh.operands(rng)
		clear(c) // the shapes with beta = 0 fill c with NaN
		lda, ldb := sh.lds()
		all = append(all, prepared{sh, a, bb, c, lda, ldb})
		stepFlops += 2 * float64(sh.m*sh.n*sh.k)
	}
	run := func(b *testing.B, g gemmImpl, ps []prepared, flops float64) {
		best := time.Duration(math.MaxInt64)
		for b.Loop() {
			start := time.Now()
			for _, p := range ps {
				g.fn(p.transA, p.transB, p.m, p.n, p.k, p.alpha, p.a, p.lda, p.b, p.ldb, p.beta, p.c, p.n)
			}
			best = min(best, time.Since(start))
		}
		b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		// The fastest single op: on a machine shared with other work it
		// is the steadiest estimate of what the code itself can do.
		b.ReportMetric(flops/best.Seconds()/1e9, "best-GFLOP/s")
	}
	// The unpacked small-product kernels too, for the shapes with a
	// dimension of 10, which are near their limit.
	impls := append([]gemmImpl(nil), gemmImpls...)
	for _, s := range smallImpls {
		if s.name != "loops" {
			impls = append(impls, gemmImpl{name: s.name, fn: s.fn})
		}
	}
	for _, p := range all {
		b.Run(p.name, func(b *testing.B) {
			for _, g := range impls {
				b.Run(g.name, func(b *testing.B) { run(b, g, []prepared{p}, 2*float64(p.m*p.n*p.k)) })
			}
		})
	}
	b.Run("step", func(b *testing.B) {
		for _, g := range gemmImpls {
			b.Run(g.name, func(b *testing.B) { run(b, g, all, stepFlops) })
		}
	})
}
