//go:build linux && (!amd64 || purego)

package tensor

// currentCPU returns the CPU the calling thread runs on (which may change
// at any moment, so it is a hint for cache affinity, never for
// correctness).
func currentCPU() int { return getcpu() }
