package train

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/nnlab/nnlab/layer"
)

// FuzzLoadCheckpoint feeds LoadCheckpoint mutations of a valid training
// checkpoint: it must return a checkpoint or an error, never panic, and a
// checkpoint it accepts must save again (Save refuses what Load refuses,
// and the other way round) and restore into a trainer or be refused.
func FuzzLoadCheckpoint(f *testing.F) {
	data := newCircleSplit(f, 5)
	ck := pausedCheckpointTB(f, runConfig{seed: 51, diagnostics: true}, data, 30)
	dir := f.TempDir()
	path := filepath.Join(dir, "seed.safetensors")
	if err := SaveCheckpoint(path, ck); err != nil {
		f.Fatal(err)
	}
	seed, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Fuzz(func(t *testing.T, b []byte) {
		in := filepath.Join(t.TempDir(), "ck.safetensors")
		if err := os.WriteFile(in, b, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := LoadCheckpoint(in)
		if err != nil {
			return
		}
		if err := SaveCheckpoint(filepath.Join(t.TempDir(), "again.safetensors"), got); err != nil {
			t.Fatalf("a checkpoint LoadCheckpoint accepted is refused by SaveCheckpoint: %v", err)
		}
		if got.State != nil {
			tr := &Trainer{Net: got.Model.Net, Loss: layer.BCEWithLogitsLoss{}}
			_ = tr.Restore(*got.State)
		}
	})
}
