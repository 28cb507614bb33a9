package main

import (
	"math"

	"github.com/nnlab/nnlab/layer"
)

// fit's --l1 and --l2: penalties over the network's weights (not its
// biases) added to every step's loss; the history logs their sum apart,
// as train_penalty.

// checkPenalties checks --l1 and --l2 in s.
func checkPenalties(s *fitSettings) error {
	for _, p := range []struct {
		name string
		v    float64
	}{{"l1", s.L1}, {"l2", s.L2}} {
		if !(p.v >= 0) || math.IsInf(p.v, 1) {
			return usagef("--%s must be 0 or more and finite, got %v", p.name, p.v)
		}
	}
	return nil
}

// penalties returns the penalties s asks for over net's weights.
func penalties(s *fitSettings, net *layer.Sequential) []layer.Penalty {
	var ps []layer.Penalty
	if s.L1 > 0 {
		ps = append(ps, layer.NewL1(net, s.L1))
	}
	if s.L2 > 0 {
		ps = append(ps, layer.NewL2(net, s.L2))
	}
	return ps
}

// weightCount is how many of a network's weights (biases apart) are
// exactly zero, which an L1 penalty is meant to bring about, and how many
// are within smallWeight of it.
type weightCount struct {
	Weights int `json:"weights"`
	Zero    int `json:"zero"`
	Small   int `json:"below_1e-3"`
}

// smallWeight is the magnitude below which a weight counts as small: with
// a subgradient step, an L1 penalty leaves a weight it pushes to zero
// oscillating around it by about the learning rate times λ.
const smallWeight = 1e-3

// countWeights counts net's weights that are zero and small.
func countWeights(net *layer.Sequential) weightCount {
	var c weightCount
	for _, w := range layer.Weights(net) {
		for _, v := range w.Value().Data() {
			c.Weights++
			if v == 0 {
				c.Zero++
			}
			if math.Abs(v) < smallWeight {
				c.Small++
			}
		}
	}
	return c
}
