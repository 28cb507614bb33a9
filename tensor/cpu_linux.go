package tensor

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// getcpu returns the CPU the calling thread runs on, from the getcpu
// system call, or 0 if it fails. A raw call, so that the goroutine keeps
// its P (see osYield); some 1 µs on a virtual machine.
func getcpu() int {
	var cpu uint32
	if _, _, e := unix.RawSyscall(unix.SYS_GETCPU, uintptr(unsafe.Pointer(&cpu)), 0, 0); e != 0 {
		return 0
	}
	return int(cpu)
}
