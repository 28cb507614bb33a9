package main

import (
	"bytes"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

// Names are read in any case: the same run, spelt two ways, gives the
// same model.
func TestNamesAnyCase(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	base := []string{"fit", "--n", "100", "--epochs", "2", "--quiet"}
	mustCode(t, dir, nil, 0, append(base, "--data", "moons", "--act", "relu", "--opt", "adam", "--loss", "cross_entropy", "--out", "lower")...)
	mustCode(t, dir, nil, 0, append(base, "--data", "Moons", "--act", "ReLU", "--opt", "Adam", "--loss", "Cross_Entropy", "--out", "mixed")...)
	if !bytes.Equal(fileBytes(t, filepath.Join(dir, "lower", "model.safetensors")), fileBytes(t, filepath.Join(dir, "mixed", "model.safetensors"))) {
		t.Error("the same run spelt in mixed case gave another model")
	}
	s, _ := readJSON(t, filepath.Join(dir, "mixed", "metrics.json"))["settings"].(map[string]any)
	if s["act"] != "relu" || s["opt"] != "adam" {
		t.Errorf("settings record act %v opt %v, want the canonical relu and adam", s["act"], s["opt"])
	}
}

func TestVersion(t *testing.T) {
	t.Parallel()
	r := mustCode(t, t.TempDir(), nil, 0, "--version")
	for _, want := range []string{"train ", "github.com/nnlab/nnlab", runtime.Version(), "matrix kernel: " + tensor.Kernel()} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("--version lacks %q:\n%s", want, r.stdout)
		}
	}
}
