package train

import (
	"fmt"
	"math/rand/v2"
)

// Training and evaluation modes, and the random numbers of layers such as
// Dropout. The trainer puts the network in training mode for its steps
// and in evaluation mode for the measurements at the end of every epoch,
// as a PyTorch loop calls model.train() and model.eval(). The layers draw
// from one generator seeded from Seed, apart from the shuffle's, whose
// state State saves after every step, so that a resumed run draws the
// same masks as one that never stopped.

// newDropoutRNG returns the generator of the random layers for a seed: a
// stream of its own, so that adding dropout does not change the shuffle.
func newDropoutRNG(seed uint64) *rand.PCG {
	return rand.NewPCG(seed^0x6a09e667f3bcc909, seed)
}

// startRandomLayers gives the network's random layers the trainer's
// generator, making it from Seed at the start of a run.
func (t *Trainer) startRandomLayers() {
	if t.dropRNG == nil {
		t.dropRNG = newDropoutRNG(t.Seed)
	}
	t.Net.SetSource(t.dropRNG)
}

// restoreDropoutRNG returns the generator saved in a State, or nil for a
// State without one (a run without random layers, or a checkpoint written
// before dropout existed): Fit then starts one from Seed.
func restoreDropoutRNG(b []byte) (*rand.PCG, error) {
	if len(b) == 0 {
		return nil, nil
	}
	p := &rand.PCG{}
	if err := p.UnmarshalBinary(b); err != nil {
		return nil, fmt.Errorf("train: restore: corrupt dropout generator state")
	}
	return p, nil
}
