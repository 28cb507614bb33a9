package tensor

import (
	"math/rand/v2"

	"github.com/nnlab/nnlab/internal/fmath"
)

// FillNormal fills t with draws from N(mean, std²) taken from rng. The
// generator is the caller's so that a seed decides every bit, on every
// architecture: the draws are rng.NormFloat64's on amd64 (fmath.Normal).
func (t *Tensor) FillNormal(rng *rand.Rand, mean, std float64) {
	for i := range t.data {
		t.data[i] = mean + float64(std*fmath.Normal(rng))
	}
}

// FillUniform fills t with draws from U[lo, hi) taken from rng.
func (t *Tensor) FillUniform(rng *rand.Rand, lo, hi float64) {
	for i := range t.data {
		t.data[i] = lo + float64((hi-lo)*rng.Float64())
	}
}

// RandN returns a tensor of the given shape with standard normal draws.
func RandN(rng *rand.Rand, shape ...int) *Tensor {
	t := Zeros(shape...)
	t.FillNormal(rng, 0, 1)
	return t
}
