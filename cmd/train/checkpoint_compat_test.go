package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestResumeCheckpointOfEarlierVersion resumes checkpoints written by the
// version whose optimizer configs read a zero as PyTorch's default (and
// whose AdamW needed NoWeightDecay), made with
//
//	NNLAB_INTERRUPT_AFTER_STEPS=10 train fit --data spiral --n 200 --epochs 6 --batch 24 --quiet --opt OPT --out OPT
//
// and checks that the resumed run ends with the model of an uninterrupted
// run of this version, bit for bit.
func TestResumeCheckpointOfEarlierVersion(t *testing.T) {
	t.Parallel()
	for _, opt := range []string{"adam", "adamw", "rmsprop"} {
		t.Run(opt, func(t *testing.T) {
			t.Parallel()
			old, err := os.ReadFile(filepath.Join("testdata", "checkpoints-v1", opt+".safetensors"))
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			mustCode(t, dir, nil, 0, "fit", "--data", "spiral", "--n", "200", "--epochs", "6", "--batch", "24",
				"--quiet", "--opt", opt, "--out", "whole")
			if err := os.MkdirAll(filepath.Join(dir, "parts"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "parts", checkpointName), old, 0o644); err != nil {
				t.Fatal(err)
			}
			mustCode(t, dir, nil, 0, "fit", "--resume", "--out", "parts", "--quiet")
			whole, err := os.ReadFile(filepath.Join(dir, "whole", "model.safetensors"))
			if err != nil {
				t.Fatal(err)
			}
			resumed, err := os.ReadFile(filepath.Join(dir, "parts", "model.safetensors"))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(whole, resumed) {
				t.Error("the model resumed from the earlier version's checkpoint differs from an uninterrupted run's")
			}
		})
	}
}
