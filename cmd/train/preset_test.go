package main

import (
	"bytes"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// --preset playground sets Playground's defaults, and a flag given
// explicitly wins over the preset.
func TestFitPresetPlayground(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mustCode(t, dir, nil, 0, "fit", "--preset", "playground", "--epochs", "2", "--out", "pg", "--quiet")
	m := readJSON(t, filepath.Join(dir, "pg", "metrics.json"))
	s := m["settings"].(map[string]any)
	want := map[string]any{
		"data": "circle", "test": 0.5, "batch": 10.0, "lr": 0.03, "opt": "sgd", "act": "tanh",
		"loss": "tanh_square", "init": "uniform:-0.5:0.5:0.1", "standardize": false,
	}
	for k, v := range want {
		if s[k] != v {
			t.Errorf("settings %s = %v, want %v", k, s[k], v)
		}
	}
	if h := s["hidden"].([]any); len(h) != 2 || h[0] != 4.0 || h[1] != 2.0 {
		t.Errorf("hidden %v, want [4 2]", h)
	}
	g := s["generate"].(map[string]any)
	if g["n"] != 500.0 || g["noise"] != 0.0 || g["playground_units"] != true {
		t.Errorf("generate %v, want 500 points, noise 0, Playground's units", g)
	}
	if num(t, m, "n_train") != 250 || num(t, m, "n_test") != 250 {
		t.Errorf("%v training and %v test rows, want 250 and 250", m["n_train"], m["n_test"])
	}
	// The points lie in Playground's [−6, 6]², not in [−1, 1]².
	gen, err := lookupBuiltin("data", "circle")
	if err != nil {
		t.Fatal(err)
	}
	ds, err := generate(gen, genOptions{N: 500, PlaygroundUnits: true}, 1)
	if err != nil {
		t.Fatal(err)
	}
	big := 0.0
	for _, v := range ds.X.Data() {
		big = max(big, math.Abs(v))
	}
	if big < 4 || big > 6 {
		t.Errorf("largest coordinate %v, want Playground's range (about 5)", big)
	}

	mustCode(t, dir, nil, 0, "fit", "--preset", "playground", "--epochs", "2", "--lr", "0.1", "--act", "relu", "--out", "over", "--quiet")
	s = readJSON(t, filepath.Join(dir, "over", "metrics.json"))["settings"].(map[string]any)
	if s["lr"] != 0.1 || s["act"] != "relu" || s["batch"] != 10.0 {
		t.Errorf("--lr 0.1 --act relu over the preset: lr %v act %v batch %v", s["lr"], s["act"], s["batch"])
	}
	r := mustCode(t, dir, nil, exitUsage, "fit", "--preset", "keras", "--out", "bad")
	if !strings.Contains(r.stderr, `--preset "keras": want playground`) {
		t.Errorf("unknown preset: %q", r.stderr)
	}
}

// A preset run resumes to the same bits.
func TestFitPresetResumeBitIdentical(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	base := []string{"fit", "--preset", "playground", "--epochs", "3", "--quiet"}
	mustCode(t, dir, nil, 0, append(slices.Clone(base), "--out", "whole")...)
	mustCode(t, dir, []string{interruptEnv + "=30"}, exitInterrupted, append(slices.Clone(base), "--out", "parts")...)
	mustCode(t, dir, nil, 0, "fit", "--resume", "--out", "parts", "--quiet")
	for _, f := range []string{"model.safetensors", "metrics.json", "history.csv"} {
		if !bytes.Equal(fileBytes(t, filepath.Join(dir, "whole", f)), fileBytes(t, filepath.Join(dir, "parts", f))) {
			t.Errorf("%s of the resumed preset run differs from the uninterrupted run's", f)
		}
	}
}
