// Package lab serves the lab: a playground page that trains nnlab's own
// engine, compiled to WebAssembly, in a Web Worker. The page and the
// engine are embedded in the binary; Handler serves them and nothing else.
//
// The engine, static/lab.wasm.gz, is rebuilt from the module with
//
//	go generate ./cmd/train/internal/lab
//
// and a test fails when the committed file is not what that builds.
package lab

//go:generate go run ./genwasm
