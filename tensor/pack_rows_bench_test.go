package tensor

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkPackGatherRows packs a 128×196 block of a as the first layer
// of the medium workload does, from gathered rows (the assembly) and from
// rows picked by index (packGatherRows).
func BenchmarkPackGatherRows(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	src := RandN(rng, 1024, 784).Data()
	rows := pickRows(rng, 128, 1024)
	gathered := Zeros(128, 784).Data()
	gatherRows(gathered, src, rows, 0, 784)
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
