package main

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/train"
)

// A run with dropout resumes to the same bits: the masks' generator is in
// the checkpoint.
func TestFitDropoutResumeBitIdentical(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	base := []string{"fit", "--data", "spiral", "--n", "200", "--epochs", "4", "--batch", "24", "--quiet", "--dropout", "0.3"}
	mustCode(t, dir, nil, 0, append(base, "--out", "whole")...)
	mustCode(t, dir, nil, 0, append(slices.Clone(base[:len(base)-2]), "--out", "plain")...)
	mustCode(t, dir, []string{interruptEnv + "=10"}, exitInterrupted, append(base, "--out", "parts")...)
	mustCode(t, dir, nil, 0, "fit", "--resume", "--out", "parts", "--quiet")
	for _, f := range []string{"model.safetensors", "metrics.json", "history.csv"} {
		if !bytes.Equal(fileBytes(t, filepath.Join(dir, "whole", f)), fileBytes(t, filepath.Join(dir, "parts", f))) {
			t.Errorf("%s of the resumed dropout run differs from the uninterrupted run's", f)
		}
	}
	if bytes.Equal(fileBytes(t, filepath.Join(dir, "whole", "history.csv")), fileBytes(t, filepath.Join(dir, "plain", "history.csv"))) {
		t.Error("--dropout 0.3 trained exactly as a run without dropout")
	}
	m, err := train.LoadModel(filepath.Join(dir, "whole", "model.safetensors"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := m.Net.StateDict()["3.weight"]; !ok {
		t.Errorf("the dropout model's state dict lacks 3.weight (nn.Sequential numbering): %v", len(m.Net.StateDict()))
	}
	// eval runs the model in evaluation mode: the same numbers twice.
	a := mustCode(t, dir, nil, 0, "eval", "--model", "whole", "--data", "spiral", "--json")
	b := mustCode(t, dir, nil, 0, "eval", "--model", "whole", "--data", "spiral", "--json")
	if a.stdout != b.stdout {
		t.Error("eval of a dropout model differs between two runs")
	}
	for _, p := range []string{"1", "-0.1", "1.5"} {
		r := mustCode(t, dir, nil, exitUsage, fitArgs("spiral", "bad", "--dropout", p)...)
		if !strings.Contains(r.stderr, "--dropout must be in [0, 1)") {
			t.Errorf("--dropout %s: %q", p, r.stderr)
		}
	}
}
