package layer

import (
	"math"
	"math/rand/v2"

	"github.com/nnlab/nnlab/tensor"
)

// RAI is the randomized asymmetric initialisation of Lu, Shin, Su and
// Karniadakis ("Dying ReLU and Initialization: Theory and Numerical
// Examples", Commun. Comput. Phys. 28, 2020), built to keep deep, narrow
// ReLU networks from being born dead.
//
// Every unit i sees its weight row and its bias as one vector
// (w_i1, ..., w_i,fan_in, b_i) of fan_in+1 entries. One position k of it
// is drawn uniformly and set to a draw from Beta(2, 1) (density 2x on
// [0, 1], drawn as √U): positive, so the unit leans towards firing. Every
// other entry, the bias included unless k chose it, is drawn from the
// symmetric N(0, 2/fan_in), He's scale. (The paper derives the symmetric
// part's variance from a second-moment condition; nnlab keeps He's, as
// its experiments compare RAI with He.)
type RAI struct{}

// Init implements Initializer.
func (RAI) Init(w, b *tensor.Tensor, rng *rand.Rand) {
	in, _ := fans(w)
	std := math.Sqrt2 / math.Sqrt(in)
	w.FillNormal(rng, 0, std)
	b.FillNormal(rng, 0, std)
	cols := w.Cols()
	for i := range w.Rows() {
		beta := math.Sqrt(rng.Float64())
		if k := rng.IntN(cols + 1); k < cols {
			w.Row(i)[k] = beta
		} else {
			b.Data()[i] = beta
		}
	}
}
