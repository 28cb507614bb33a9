package tensor

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// currentCPU returns the CPU the calling thread runs on (which may change
// at any moment, so it is a hint for cache affinity, never for
// correctness), or 0 if the system does not say. A raw getcpu system call,
// some 100 ns: it keeps the goroutine's P, as osYield does.
func currentCPU() int {
	var cpu uint32
	if _, _, e := unix.RawSyscall(unix.SYS_GETCPU, uintptr(unsafe.Pointer(&cpu)), 0, 0); e != 0 {
		return 0
	}
	return int(cpu)
}
