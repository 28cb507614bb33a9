package tensor

import (
	"fmt"
	"runtime"
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

// A Job is a piece of work cut into chunks that any number of goroutines
// take in turn: Run(i) does chunk i, for i in [0, Chunks()). Chunks must
// not depend on which goroutine runs them or in what order, and Chunks
// must return the same number while the job runs.
type Job interface {
	Chunks() int
	Run(i int)
}

// Parallel runs every chunk of j on up to Threads() goroutines: the caller
// and whichever helpers of a fixed pool are idle, so that a busy pool never
// delays it. It returns when every chunk is done, and allocates nothing
// once the pool has started. Chunks run on the caller alone when
// Threads() is 1. The packages above tensor split their large
// elementwise passes (optimizer updates, activations) with it, through
// ParallelSplit, which also cuts them by the goroutines' speeds.
func Parallel(j Job) { parallel(j, Threads()) }

// A jobRun is one call's share-out of a job: the next chunk to take, the
// chunks taken, and how many helpers handed the run have not finished it.
// Runs are kept on a free list (pool.free), so that a multiply in a
// training loop allocates nothing.
type jobRun struct {
	j       Job
	next    atomic.Int64
	taken   atomic.Uint64 // bit i: chunk i (< 64) is taken
	pending atomic.Int32

	// For a job cut by learned speeds: its Split, and how long each
	// part's goroutine took over its own part (0 if another ran it).
	split *Split
	ns    [maxWeighed]int64
}

// work runs chunk part first, unless another goroutine has taken it, then
// takes chunks in turn until none are left. The caller's part is 0 and a
// helper's is fixed (see helperSlot), so that when a job has a chunk per
// goroutine, consecutive jobs cut alike or nearly (the rows of a gradient
// zeroed, accumulated and updated; a Split's cut moves by a few units)
// give each goroutine about the same part of the data each time, part it
// has in its core's cache rather than the other's. The goroutine that
// runs its own part times it when the job has a Split (see learnSpeeds).
func (r *jobRun) work(part int) {
	n := int64(r.j.Chunks())
	if int64(part) < min(n, 64) && r.take(part) {
		if r.split != nil && part < maxWeighed {
			r.ns[part] = timedRun(r.j, part)
		} else {
			r.j.Run(part)
		}
	}
	for i := r.next.Add(1) - 1; i < n; i = r.next.Add(1) - 1 {
		if i >= 64 || r.take(int(i)) {
			r.j.Run(int(i))
		}
	}
}

// take claims chunk i < 64 and reports whether it was free.
func (r *jobRun) take(i int) bool {
	bit := uint64(1) << i
	return r.taken.Or(bit)&bit == 0
}

// FreeList keeps idle values for reuse, such as the Jobs a package hands
// to Parallel, so that splitting work allocates nothing in a training
// loop: a locked list rather than a sync.Pool, which every garbage
// collection empties, behind a lock whose waiters never park (a parked
// goroutine's wait record can allocate). Its zero value is an empty list,
// safe for concurrent use.
type FreeList[T any] struct {
	mu   spinLock
	list []*T
}

// Get returns an idle value, or a new zero one when none is idle.
func (f *FreeList[T]) Get() *T {
	f.mu.Lock()
	defer f.mu.Unlock()
	k := len(f.list)
	if k == 0 {
		return new(T)
	}
	v := f.list[k-1]
	f.list = f.list[:k-1]
	return v
}

// Put keeps v for a later Get.
func (f *FreeList[T]) Put(v *T) {
	f.mu.Lock()
	f.list = append(f.list, v)
	f.mu.Unlock()
}

// Len returns how many idle values f holds.
func (f *FreeList[T]) Len() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.list)
}
