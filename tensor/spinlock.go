package tensor

import (
	"runtime"
	"sync/atomic"
)

// A spinLock is a mutex whose waiters never park: one that finds it held
// polls, and yields to the scheduler between polls. A waiter on a held
// sync.Mutex parks on a semaphore before long, which takes a wait record
// (a sudog) from the runtime, and the runtime allocates one anew when a
// garbage collection has emptied its cache. The free lists of a training
// step's scratch and jobs are taken by two goroutines at the same moment
// (the two halves of a split product end together), so under a mutex a
// step could allocate. The sections these locks guard are a few loads and
// stores. The zero value is unlocked.
type spinLock struct{ held atomic.Bool }

// spinPolls is how many times a waiter polls before it yields: enough to
// cover a free list's few stores on another core.
const spinPolls = 64

// Lock takes l, waiting while another goroutine holds it.
func (l *spinLock) Lock() {
	for i := 1; !l.held.CompareAndSwap(false, true); i++ {
		if i%spinPolls == 0 {
			runtime.Gosched() // the holder may need this P to get on
		}
	}
}

// Unlock releases l.
func (l *spinLock) Unlock() { l.held.Store(false) }
