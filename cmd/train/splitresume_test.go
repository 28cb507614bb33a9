package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A run whose parts come from files (--test-data, so --test is 0, and
// --val-data) resumes to the same files, bit for bit, as a run never
// interrupted: the saved settings pass the checks --resume makes. A part's
// file changed since the run started stops the resume, naming the file.
func TestFitResumeSplitFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeBC(t, dir, "bc.csv", 150, 6, false)
	writeBC(t, dir, "v.csv", 40, 7, false)
	writeBC(t, dir, "t.csv", 60, 8, false)
	base := []string{"fit", "--data", "bc.csv", "--val-data", "v.csv", "--test-data", "t.csv", "--early-stop", "50",
		"--epochs", "4", "--quiet"}
	mustCode(t, dir, nil, 0, append(base, "--out", "whole")...)
	// 150 rows make 5 steps an epoch: stop in the second epoch.
	for _, out := range []string{"parts", "changed"} {
		mustCode(t, dir, []string{interruptEnv + "=7"}, exitInterrupted, append(base, "--out", out)...)
	}
	mustCode(t, dir, nil, 0, "fit", "--resume", "--out", "parts", "--quiet")
	for _, f := range []string{"model.safetensors", "metrics.json", "history.csv", "split.json"} {
		a, _ := os.ReadFile(filepath.Join(dir, "whole", f))
		b, _ := os.ReadFile(filepath.Join(dir, "parts", f))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s of the resumed run differs from the uninterrupted run's", f)
		}
	}
	writeBC(t, dir, "v.csv", 41, 7, false)
	r := mustCode(t, dir, nil, 1, "fit", "--resume", "--out", "changed", "--quiet")
	if want := "v.csv has changed since the run started"; !strings.Contains(r.stderr, want) {
		t.Errorf("stderr %q, want it to contain %q", r.stderr, want)
	}
}
