package tensor

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// threads is the number of goroutines a large matrix multiply may run on.
var threads atomic.Int32

func init() { threads.Store(int32(runtime.GOMAXPROCS(0))) }

// SetThreads sets the number of goroutines, the caller's included, that a
// large matrix multiply (MatMul) splits its output over; it starts as
// GOMAXPROCS at program start. Results do not depend on it: the output is
// split by rows or columns, never along the sums, so every element is
// computed in the same order whatever n is. n = 1 runs every multiply on
// the calling goroutine. SetThreads may be called at any time, also while
// multiplies run on other goroutines; they pick the new value up at their
// next call.
//
// It panics if n < 1.
func SetThreads(n int) {
	if n < 1 {
		panic(fmt.Sprintf("tensor: SetThreads(%d): need at least 1", n))
	}
	threads.Store(int32(n))
}

// Threads returns the number of goroutines a large matrix multiply may run
// on (see SetThreads).
func Threads() int { return int(threads.Load()) }

// A job is a piece of work cut into chunks that any number of goroutines
// take in turn: run(i) does chunk i. Chunks must not depend on which
// goroutine runs them or in what order.
type job interface {
	chunks() int
	run(i int)
}

// A jobRun is one call's share-out of a job: the next chunk to take, and
// the helpers it waits for. Runs are kept on a free list (pool.free), so
// that a multiply in a training loop allocates nothing.
type jobRun struct {
	j    job
	next atomic.Int64
	wg   sync.WaitGroup
}

// work takes chunks until none are left.
func (r *jobRun) work() {
	n := int64(r.j.chunks())
	for i := r.next.Add(1) - 1; i < n; i = r.next.Add(1) - 1 {
		r.j.run(int(i))
	}
}

// freeList keeps idle values for reuse. A locked list rather than a
// sync.Pool, which every garbage collection empties.
type freeList[T any] struct {
	sync.Mutex
	list []*T
}

func (f *freeList[T]) get() *T {
	f.Lock()
	defer f.Unlock()
	k := len(f.list)
	if k == 0 {
		return new(T)
	}
	v := f.list[k-1]
	f.list = f.list[:k-1]
	return v
}

func (f *freeList[T]) put(v *T) {
	f.Lock()
	f.list = append(f.list, v)
	f.Unlock()
}

// The helper pool: goroutines started on demand and never stopped, waiting
// on an unbuffered channel, so that a send succeeds only when a helper is
// idle. A busy pool therefore never delays a caller, who works on its own
// job's chunks until they are done.
var pool struct {
	sync.Mutex
	helpers int
	runs    chan *jobRun
	free    freeList[jobRun]

	helped atomic.Int64 // turns taken by helpers, for tests
}

func init() { pool.runs = make(chan *jobRun) }

// helper serves jobs for ever.
func helper() {
	for r := range pool.runs {
		pool.helped.Add(1)
		r.work()
		r.wg.Done()
	}
}

// startHelpers makes sure n helpers exist.
func startHelpers(n int) {
	pool.Lock()
	defer pool.Unlock()
	for ; pool.helpers < n; pool.helpers++ {
		go helper()
	}
}

// parallel runs every chunk of j on up to n goroutines: the caller and
// whichever of n-1 helpers are idle. It returns when all chunks are done.
func parallel(j job, n int) {
	n = min(n, j.chunks())
	if n <= 1 {
		for i := range j.chunks() {
			j.run(i)
		}
		return
	}
	startHelpers(n - 1)
	r := pool.free.get()
	r.j = j
	r.next.Store(0)
	for range n - 1 {
		r.wg.Add(1)
		sent := true
		select {
		case pool.runs <- r:
		default:
			sent = false
		}
		if !sent {
			r.wg.Done() // the other helpers are busy: the caller does the rest
			break
		}
	}
	r.work()
	r.wg.Wait()
	r.j = nil
	pool.free.put(r)
}
