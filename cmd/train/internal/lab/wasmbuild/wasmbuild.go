// Package wasmbuild builds the lab's WebAssembly engine reproducibly: the
// same sources and Go version give the same bytes, so a test can rebuild
// it and compare with the committed copy.
package wasmbuild

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
)

// Package is the import path of the engine's main package.
const Package = "github.com/nnlab/nnlab/cmd/train/internal/lab/wasm"

// Build compiles the engine for GOOS=js GOARCH=wasm with -trimpath, no VCS
// stamp and no symbol table, and returns the .wasm bytes. dir is any
// directory inside the module.
func Build(dir string) ([]byte, error) {
	tmp, err := os.MkdirTemp("", "nnlab-wasm")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "lab.wasm")
	cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=false", "-ldflags=-s -w", "-o", out, Package)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0", "GOFLAGS=", "GOWASM=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("building the lab's wasm: %v\n%s", err, stderr.Bytes())
	}
	return os.ReadFile(out)
}

// Compress returns b gzip-compressed with a fixed header (no name, no
// time), so that equal input gives equal output.
func Compress(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(b); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Decompress reverses Compress.
func Decompress(b []byte) ([]byte, error) {
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}
