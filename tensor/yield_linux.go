package tensor

import "syscall"

// osYield gives up the CPU to other threads waiting for it, which
// runtime.Gosched does not: on a machine with more busy threads than
// cores, the helper a caller waits for may be one of them.
func osYield() { syscall.Syscall(syscall.SYS_SCHED_YIELD, 0, 0, 0) }
