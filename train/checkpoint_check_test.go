package train

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/layer"
)

// TestSaveRefusesInconsistentModel checks that Save never writes a file
// that LoadModel would reject or misread.
func TestSaveRefusesInconsistentModel(t *testing.T) {
	good := func() *Model {
		net := layer.MLP([]int{2, 8, 3}, layer.ReLU{}, layer.HeUniform{}, rand.New(rand.NewPCG(1, 2)))
		return &Model{Net: net, Sizes: []int{2, 8, 3}, Activation: layer.ReLU{}, Loss: layer.CrossEntropyLoss{},
			Classes: []string{"a", "b", "c"}, Features: []string{"x", "y"}}
	}
	cases := map[string]func(m *Model){
		"sizes":      func(m *Model) { m.Sizes = []int{2, 16, 3} },
		"activation": func(m *Model) { m.Activation = layer.Tanh{} },
		"classes":    func(m *Model) { m.Classes = nil },
		"features":   func(m *Model) { m.Features = []string{"x"} },
		"empty net":  func(m *Model) { m.Net = layer.NewSequential(); m.Sizes = nil },
		"extra layer": func(m *Model) {
			m.Net.Layers = append(m.Net.Layers, layer.Sigmoid{})
		},
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "m.safetensors")
	if err := good().Save(path); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	for name, spoil := range cases {
		m := good()
		spoil(m)
		err := m.Save(path)
		if !errors.Is(err, ErrBadModel) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: Save gave %v, want ErrBadModel naming the file", name, err)
		}
		if after, _ := os.ReadFile(path); string(after) != string(before) {
			t.Errorf("%s: the good file was replaced", name)
		}
	}
}

func TestModelTargetRoundTrip(t *testing.T) {
	net := layer.MLP([]int{2, 3, 1}, layer.ReLU{}, layer.HeUniform{}, rand.New(rand.NewPCG(1, 2)))
	path := filepath.Join(t.TempDir(), "m.safetensors")
	for _, target := range []string{"species", ""} {
		m := &Model{Net: net, Sizes: []int{2, 3, 1}, Activation: layer.ReLU{}, Loss: layer.BCEWithLogitsLoss{},
			Classes: []string{"a", "b"}, Features: []string{"x", "y"}, Target: target}
		if err := m.Save(path); err != nil {
			t.Fatal(err)
		}
		got, err := LoadModel(path)
		if err != nil || got.Target != target {
			t.Errorf("Target %q came back as %q (%v)", target, got.Target, err)
		}
	}
}
