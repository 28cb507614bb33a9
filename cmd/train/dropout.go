package main

import (
	"math/rand/v2"

	"github.com/nnlab/nnlab/layer"
)

// fit's --dropout p: a Dropout layer after every hidden activation
// (layer.MLPWithDropout), active in training steps only; its masks come
// from the trainer's generator, seeded from --seed and saved in
// checkpoints, so that runs and resumes stay bit-identical.

// checkDropout checks --dropout in s.
func checkDropout(s *fitSettings) error {
	if !(s.Dropout >= 0 && s.Dropout < 1) {
		return usagef("--dropout must be in [0, 1), got %v", s.Dropout)
	}
	return nil
}

// newNet builds the network of s: layer.MLP, or with --dropout
// layer.MLPWithDropout, whose Dense layers PyTorch numbers 0, 3, 6, ...
func newNet(s *fitSettings, sizes []int, act layer.Activation, ini layer.Initializer, rng *rand.Rand) *layer.Sequential {
	if s.Dropout > 0 {
		return layer.MLPWithDropout(sizes, act, s.Dropout, ini, rng)
	}
	return layer.MLP(sizes, act, ini, rng)
}
