//go:build !linux

package tensor

// currentCPU returns 0 where there is no portable way to ask which CPU
// runs the caller: every multiply's scratch then shares one shelf.
func currentCPU() int { return 0 }
