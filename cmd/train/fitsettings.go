package main

import (
	"errors"
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
	if err := checkSplitSettings(s, resume); err != nil {
		return err
	}
	if err := checkExtras(s); err != nil {
		return err
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
	if s.Task != "" && s.Task != taskRegression {
		return fmt.Errorf("task %q: want %q or none", s.Task, taskRegression)
	}
	if _, err := canonicalTaskLoss(s); err != nil {
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
	if err := checkPenalties(s); err != nil {
		return err
	}
	if err := checkDropout(s); err != nil {
		return err
	}
	if s.Epochs < 1 || s.Epochs > maxEpochs {
		return usagef("--epochs must be from 1 to %d, got %d", maxEpochs, s.Epochs)
	}
	return atLeast("batch", s.Batch, 1)
}

// checkSplitSettings holds the split and early-stopping settings to fit's
// bounds: --test and --val in [0, 1), a part taken from a file has no
// fraction, early stopping watches a validation part (never the test
// part). With resume, the files of the parts must be regular files with a
// well-formed recorded digest, as the data file must.
func checkSplitSettings(s *fitSettings, resume bool) error {
	if !(s.Test >= 0 && s.Test < 1) {
		return usagef("--test must be a fraction from 0 (no test split) to 1 (exclusive), got %v", s.Test)
	}
	if !(s.Val >= 0 && s.Val < 1) {
		return usagef("--val must be a fraction of the training rows from 0 (no validation split) to 1 (exclusive), got %v", s.Val)
	}
	switch {
	case s.TestFile != nil && s.Test != 0:
		return fmt.Errorf("test_data and test %v both choose the test rows", s.Test)
	case s.ValFile != nil && s.Val != 0:
		return fmt.Errorf("val_data and val %v both choose the validation rows", s.Val)
	case s.EarlyStop < 0:
		return usagef("--early-stop must be at least 1, got %d", s.EarlyStop)
	case s.EarlyStop > 0 && s.Val == 0 && s.ValFile == nil:
		return fmt.Errorf("early_stop %d without a validation part (val or val_data): early stopping never watches the test rows", s.EarlyStop)
	case s.AutoVal && s.EarlyStop == 0:
		return fmt.Errorf("auto_val is set without early_stop")
	}
	for _, f := range []struct {
		key  string
		file *dataFile
	}{{"val_data", s.ValFile}, {"test_data", s.TestFile}} {
		if err := f.file.check(f.key, resume); err != nil {
			return err
		}
	}
	return nil
}

// check reports a part's file that its settings cannot name; with resume,
// one that is not a regular file or whose digest is not a SHA-256. A nil
// file is no part, and fine.
func (f *dataFile) check(key string, resume bool) error {
	switch {
	case f == nil:
		return nil
	case f.Name == "" || f.Path == "":
		return fmt.Errorf("%s names no file", key)
	case !resume:
		return nil
	}
	info, err := os.Stat(f.Path)
	switch {
	case err != nil:
		// Reported by the caller, which names the missing file.
	case !info.Mode().IsRegular():
		return fmt.Errorf("%s path %s is not a regular file", key, f.Path)
	case len(f.SHA256) != 64:
		return fmt.Errorf("%s sha256 %q is not a SHA-256 digest", key, f.SHA256)
	}
	return nil
}

// checkFilesExist reports a file of the run, its data or a part's, that is
// gone, naming it: a run cannot resume without it.
func (s *fitSettings) checkFilesExist() error {
	var files []string
	if s.Generate == nil {
		files = append(files, s.DataPath)
	}
	for _, f := range []*dataFile{s.ValFile, s.TestFile} {
		if f != nil {
			files = append(files, f.Path)
		}
	}
	for _, path := range files {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("cannot resume: the run's data file %s is gone", path)
		}
	}
	return nil
}
