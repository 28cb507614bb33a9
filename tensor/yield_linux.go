package tensor

import "syscall"

// osYield gives up the CPU to other threads waiting for it, which
// runtime.Gosched does not: on a machine with more busy threads than
// cores, the helper a caller waits for may be one of them.
//
// It is a raw system call, so that the goroutine keeps its P: through
// syscall.Syscall the runtime marks the P as in a system call, and when
// the OS runs another thread for longer than a tick of the runtime's
// monitor (20 µs and up), the monitor takes the P and hands it to another
// thread, starting one (and allocating some 5 KB for it) when none is
// idle: the bytes a 2-thread training step used to report now and then.
// sched_yield never blocks, so handing the P on gains nothing.
func osYield() { syscall.RawSyscall(syscall.SYS_SCHED_YIELD, 0, 0, 0) }
