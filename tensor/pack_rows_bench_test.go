package tensor

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkPackGatherRows packs a 128×196 block of a as the first layer
// of the medium workload does, from gathered rows and from rows picked by
// index (packGatherRows): one assembly routine packs both.
func BenchmarkPackGatherRows(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	x, rows, g := pickRows(rng, 128, 896, 784)
	src, gathered := x.Data(), g.Data()
	dst := make([]float64, 128*196)
	b.Run("gathered", func(b *testing.B) {
		for range b.N {
			packGather(dst, gathered, 784, nil, 0, 128, 196, 196, 8)
		}
	})
	b.Run("indexed", func(b *testing.B) {
		for range b.N {
			packGather(dst, src, 784, rows, 0, 128, 196, 196, 8)
		}
	})
}
