package main

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/nnlab/nnlab/train/safetensors"
)

// TestResumeCheckpointOfEarlierVersion resumes checkpoints written by the
// version whose optimizer configs read a zero as PyTorch's default (and
// whose AdamW needed NoWeightDecay), made with
//
//	NNLAB_INTERRUPT_AFTER_STEPS=10 train fit --data spiral --n 200 --epochs 6 --batch 24 --quiet --opt OPT --out OPT
//
// and checks that the resumed run ends with the model of an uninterrupted
// run of this version, to 1e-9: the settings the checkpoint holds are read
// as that version meant them (a misread epsilon or weight decay moves the
// weights by far more). Not to the bit: the checkpoint's first ten steps
// ran on amd64's assembly math.Exp, which internal/fmath replaced.
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
			whole, err := safetensors.ReadFile(filepath.Join(dir, "whole", "model.safetensors"))
			if err != nil {
				t.Fatal(err)
			}
			resumed, err := safetensors.ReadFile(filepath.Join(dir, "parts", "model.safetensors"))
			if err != nil {
				t.Fatal(err)
			}
			if len(whole.Tensors) != len(resumed.Tensors) || len(whole.Tensors) == 0 {
				t.Fatalf("the resumed model has %d tensors, the uninterrupted run's %d", len(resumed.Tensors), len(whole.Tensors))
			}
			for name, w := range whole.Tensors {
				r, ok := resumed.Tensors[name]
				if !ok || r.Len() != w.Len() {
					t.Fatalf("the resumed model's %s does not match the uninterrupted run's", name)
				}
				for i, v := range w.Data() {
					if got := r.Data()[i]; math.Abs(got-v) > 1e-9*max(1, math.Abs(v)) {
						t.Errorf("%s[%d]: resumed %v, uninterrupted %v", name, i, got, v)
					}
				}
			}
		})
	}
}
