// Command genwasm rebuilds the lab's engine, static/lab.wasm.gz, and
// records the Go version that built it in static/lab.wasm.version. Run it
// with `go generate ./cmd/train/internal/lab` from the module's root.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"github.com/nnlab/nnlab/cmd/train/internal/lab/wasmbuild"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "genwasm:", err)
		os.Exit(1)
	}
}

func run() error {
	b, err := wasmbuild.Build(".")
	if err != nil {
		return err
	}
	gz, err := wasmbuild.Compress(b)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join("static", "lab.wasm.gz"), gz, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join("static", "lab.wasm.version"), []byte(runtime.Version()+"\n"), 0o644); err != nil {
		return err
	}
	fmt.Printf("static/lab.wasm.gz: %d bytes (%d uncompressed), built by %s\n", len(gz), len(b), runtime.Version())
	return nil
}
