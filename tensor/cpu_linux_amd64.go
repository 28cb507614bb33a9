//go:build !purego

package tensor

// cpuLSL reads the CPU number from the segment limit Linux keeps for
// its vDSO's getcpu (selector 0x7b, limit node<<12 | cpu), with LSL, an
// unprivileged instruction, where this CPU has neither RDPID nor RDTSCP
// to ask: some 20 ns against a system call's 1 µs. ok is false if the
// segment is not there (another kernel behind the Linux ABI).
func cpuLSL() (cpu int, ok bool)

// currentCPU returns the CPU the calling thread runs on (which may change
// at any moment, so it is a hint for cache affinity, never for
// correctness).
func currentCPU() int {
	if cpu, ok := cpuLSL(); ok {
		return cpu
	}
	return getcpu()
}
