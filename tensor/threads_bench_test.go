package tensor

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// wideShapes are the multiplies of one step of the wide workload (MLP
// 784-1024-1024-10, batch 256) large enough to split.
var wideShapes = []gemmShape{
	{"fwd1_256x784x1024", gemmCase{m: 256, n: 1024, k: 784, transB: true, alpha: 1}},
	{"fwd2_256x1024x1024", gemmCase{m: 256, n: 1024, k: 1024, transB: true, alpha: 1}},
	{"dx2_256x1024x1024", gemmCase{m: 256, n: 1024, k: 1024, alpha: 1, beta: 1}},
	{"dW2_1024x256x1024", gemmCase{m: 1024, n: 1024, k: 256, transA: true, alpha: 1, beta: 1}},
	{"dW1_1024x256x784", gemmCase{m: 1024, n: 784, k: 256, transA: true, alpha: 1, beta: 1}},
}

// BenchmarkMatMulThreads times the medium and wide workloads' split
// products on one goroutine and on two: the ratio is what splitting a
// product gains, apart from the rest of a step.
func BenchmarkMatMulThreads(b *testing.B) {
	rng := rand.New(rand.NewPCG(41, 42))
	shapes := append(append([]gemmShape(nil), mediumShapes[0], mediumShapes[1], mediumShapes[4],
		mediumShapes[6], mediumShapes[7]), wideShapes...)
	for _, sh := range shapes {
		a, bb, c := sh.operands(rng)
		clear(c) // the shapes with beta = 0 fill c with NaN
		lda, ldb := sh.lds()
		for _, th := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/threads=%d", sh.name, th), func(b *testing.B) {
				for range b.N {
					gemmThreads(gemmActive, th, sh.transA, sh.transB, sh.m, sh.n, sh.k, sh.alpha,
						a, lda, bb, ldb, sh.beta, c, sh.n)
				}
				b.ReportMetric(2*float64(sh.m*sh.n*sh.k)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			})
		}
	}
}
