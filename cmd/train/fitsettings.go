package main

import (
	"fmt"
	"math"
	"os"

	"github.com/nnlab/nnlab/layer"
)

// checkSettings validates a run's settings as fit validates its flags, so
// that a checkpoint's settings, which --resume trusts, are held to the same
// bounds: a hand-edited or corrupt file must not ask for a hidden layer of
// 0 units, 10^12 points or a device as its data. The fresh fit path calls
// it after reading the flags, --resume after reading the checkpoint; with
// resume, the data file must also be a regular file (not /dev/zero, a FIFO
// or a directory) and its recorded digest well formed.
func checkSettings(s *fitSettings, resume bool) error {
	if s.Generate != nil {
		if err := s.Generate.check(minPoints); err != nil {
			return err
		}
	} else if resume {
		info, err := os.Stat(s.DataPath)
		switch {
		case err != nil:
			// Reported by the caller, which names the missing file.
		case !info.Mode().IsRegular():
			return fmt.Errorf("data_path %s is not a regular file", s.DataPath)
		case len(s.DataSHA256) != 64:
			return fmt.Errorf("data_sha256 %q is not a SHA-256 digest", s.DataSHA256)
		}
	}
	if !(s.Test > 0 && s.Test < 1) {
		return usagef("--test must be a fraction between 0 and 1 (exclusive), got %v", s.Test)
	}
	for i, h := range s.Hidden {
		if h < 1 || h > maxHidden {
			return usagef("--hidden: layer %d is %d; want a whole number from 1 to %d", i+1, h, maxHidden)
		}
	}
	if _, err := layer.ParseActivation(s.Act); err != nil {
		return usagef("--act: %v", err)
	}
	if s.Init != "auto" {
		if _, err := layer.ParseInit(s.Init); err != nil {
			return usagef("--init: %v", err)
		}
	}
	if _, err := canonicalLoss(s.Loss); err != nil {
		return err
	}
	if err := oneOf("opt", s.Opt, "adam", "sgd", "adamw", "rmsprop"); err != nil {
		return err
	}
	if !(s.LR > 0) || math.IsInf(s.LR, 1) {
		return usagef("--lr must be greater than 0 and finite, got %v", s.LR)
	}
	if !(s.Momentum >= 0 && s.Momentum < 1) {
		return usagef("--momentum must be in [0, 1), got %v", s.Momentum)
	}
	if !(s.WeightDecay >= 0) || math.IsInf(s.WeightDecay, 1) {
		return usagef("--weight-decay must be 0 or more and finite, got %v", s.WeightDecay)
	}
	if s.Epochs < 1 || s.Epochs > maxEpochs {
		return usagef("--epochs must be from 1 to %d, got %d", maxEpochs, s.Epochs)
	}
	return atLeast("batch", s.Batch, 1)
}
