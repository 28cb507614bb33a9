//go:build !linux

package tensor

// osYield does nothing where there is no portable way to yield the CPU;
// runtime.Gosched still lets other goroutines run.
func osYield() {}
