package autograd

import (
	"math/rand/v2"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

// BenchmarkBCEWithLogitsLoss is the loss of the tiny workload's step: 32
// logits of random sign, on a tape, forward and local gradient.
func BenchmarkBCEWithLogitsLoss(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	x, y := tensor.RandN(rng, 32, 1), tensor.Zeros(32, 1)
	for i := range y.Data() {
		y.Data()[i] = float64(rng.IntN(2))
	}
	w := Param(tensor.Zeros(32, 1))
	w.Value().Fill(1)
	var tp Tape
	for b.Loop() {
		tp.Reset()
		BCEWithLogitsLoss(Mul(tp.Const(x), w), y, nil, nil, ReduceMean)
	}
}
