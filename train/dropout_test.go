package train

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/train/safetensors"
)

// TestTrainerDropoutModes: dropout changes training, the epoch's
// measurements run in evaluation mode (the last val_loss is what Evaluate
// gives afterwards, which a training-mode pass with fresh masks would not
// be), and Fit leaves the network in the mode it found it in.
func TestTrainerDropoutModes(t *testing.T) {
	data := newCircleSplit(t, 6)
	plain := runConfig{seed: 31, epochs: 2}.build(t, nil)
	if _, err := plain.Fit(context.Background(), data.train, data.test); err != nil {
		t.Fatal(err)
	}
	tr := runConfig{seed: 31, epochs: 2, dropout: 0.5}.build(t, nil)
	h, err := tr.Fit(context.Background(), data.train, data.test)
	if err != nil {
		t.Fatal(err)
	}
	if !tr.Net.Training() {
		t.Error("Fit left a network it found in training mode in evaluation mode")
	}
	if a, b := snapshot(plain.Net)["0.weight"].Data(), snapshot(tr.Net)["0.weight"].Data(); slices.Equal(a, b) {
		t.Error("dropout 0.5 trained the same weights as no dropout")
	}
	if got, want := h.Last(ColValLoss), Evaluate(tr.Net, tr.Loss, data.test).Loss; got != want {
		t.Errorf("val_loss %v, Evaluate %v: the epoch was not measured in evaluation mode", got, want)
	}
	tr.Net.Eval()
	tr.Epochs = 3
	if _, err := tr.Fit(context.Background(), data.train, data.test); err != nil {
		t.Fatal(err)
	}
	if tr.Net.Training() {
		t.Error("Fit left a network it found in evaluation mode in training mode")
	}
}

// TestModelWithDropoutRoundTrip saves a model with dropout: the tensors
// have PyTorch's names (0., 3., 6.), the metadata the p, and the loaded
// model predicts what the saved one does, in evaluation mode.
func TestModelWithDropoutRoundTrip(t *testing.T) {
	data := newCircleSplit(t, 6)
	tr := runConfig{seed: 32, epochs: 1, dropout: 0.25}.build(t, nil)
	if _, err := tr.Fit(context.Background(), data.train, nil); err != nil {
		t.Fatal(err)
	}
	m := &Model{Net: tr.Net, Sizes: circleSizes, Activation: layer.ReLU{}, Loss: tr.Loss,
		Classes: data.classes, Features: data.features}
	path := filepath.Join(t.TempDir(), "m.safetensors")
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	f, err := safetensors.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for name := range f.Tensors {
		names = append(names, name)
	}
	slices.Sort(names)
	if want := []string{"0.bias", "0.weight", "3.bias", "3.weight", "6.bias", "6.weight"}; !slices.Equal(names, want) {
		t.Errorf("tensors %v, want %v", names, want)
	}
	if f.Metadata[MetaDropout] != "0.25" {
		t.Errorf("metadata %q = %q, want 0.25", MetaDropout, f.Metadata[MetaDropout])
	}
	got, err := LoadModel(path)
	if err != nil {
		t.Fatal(err)
	}
	if p, period, _ := mlpDropout(got.Net); p != 0.25 || period != 3 {
		t.Errorf("loaded network %v", got.Net)
	}
	if a, b := m.PredictProba(data.test.X), got.PredictProba(data.test.X); !slices.Equal(a.Data(), b.Data()) {
		t.Error("the loaded model predicts otherwise")
	}
}

// TestRestoreDropoutState: a State without the dropout generator (an
// older checkpoint) restores; a corrupt one is an error.
func TestRestoreDropoutState(t *testing.T) {
	tr := runConfig{seed: 33}.build(t, nil)
	s := State{RNG: mustMarshal(newDropoutRNG(1))}
	if err := tr.Restore(s); err != nil {
		t.Errorf("a State without dropout_rng: %v", err)
	}
	s.DropoutRNG = []byte("bad")
	if err := tr.Restore(s); err == nil || err.Error() != "train: restore: corrupt dropout generator state" {
		t.Errorf("a corrupt dropout_rng: %v", err)
	}
}

func TestLoadRejectsBadDropout(t *testing.T) {
	m := testModel(t, []int{2, 3, 1}, "relu", layer.BCEWithLogitsLoss{}, false, 3)
	for _, raw := range []string{"x", "1.5", "-0.1", "NaN"} {
		if _, _, err := parseDropout(map[string]string{MetaDropout: raw}); err == nil {
			t.Errorf("dropout %q accepted", raw)
		}
	}
	// Dropout metadata on a file whose weights sit where MLP puts them
	// names the tensor it misses.
	path := filepath.Join(t.TempDir(), "m.safetensors")
	if err := SaveCheckpoint(path, &Checkpoint{Model: m, Extra: map[string]string{}}); err != nil {
		t.Fatal(err)
	}
	f, _ := safetensors.ReadFile(path)
	f.Metadata[MetaDropout] = "0.5"
	if err := safetensors.WriteFile(path, f.Tensors, f.Metadata); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadModel(path); err == nil {
		t.Error("a file with dropout metadata and MLP's names loaded")
	}
}
