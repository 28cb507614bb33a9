package train

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/layer"
)

// TestModelEncodeMatchesSave checks that Encode writes the bytes Save
// writes to a file, so a model downloaded from the lab is a model file.
func TestModelEncodeMatchesSave(t *testing.T) {
	m := testModel(t, []int{2, 4, 1}, "relu", layer.BCEWithLogitsLoss{}, true, 3)
	path := filepath.Join(t.TempDir(), "m.safetensors")
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Fatalf("Encode wrote %d bytes that differ from Save's %d", buf.Len(), len(want))
	}
}

// TestModelEncodeRefusesInvalid checks that a bad model writes nothing.
func TestModelEncodeRefusesInvalid(t *testing.T) {
	m := testModel(t, []int{2, 4, 1}, "relu", layer.BCEWithLogitsLoss{}, false, 3)
	m.Sizes = []int{2, 5, 1}
	var buf bytes.Buffer
	err := m.Encode(&buf)
	if err == nil || !strings.Contains(err.Error(), "not encoded") {
		t.Fatalf("Encode of a model whose sizes disagree with its net: err %v", err)
	}
	if buf.Len() != 0 {
		t.Fatalf("Encode wrote %d bytes before failing", buf.Len())
	}
}
