package tensor

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// The helper pool: goroutines started on demand and never stopped, each
// with a slot through which a caller hands it a run. An idle helper spins
// on its slot for a while (helperSpin) before it parks: a training step
// runs a split product or update every few tens of microseconds, and
// waking a parked goroutine costs several microseconds and more on a busy
// machine (the runtime has to wake a thread and steal the goroutine), a
// delay the caller would spend waiting for the helper's chunks. A parked
// helper also takes a wait record (sudog) from the runtime, which
// allocates when a collection has emptied the runtime's cache; a helper
// kept busy by a training loop never parks. A busy pool never delays a
// caller, who works on its own job's chunks until they are done.
var pool struct {
	sync.Mutex
	slots atomic.Pointer[[]*helperSlot] // replaced, never changed, when helpers are added
	free  FreeList[jobRun]

	helped atomic.Int64 // turns taken by helpers, for tests
}

// helperSpin is how long an idle helper waits for work before parking.
const helperSpin = 500 * time.Microsecond

// A spinner paces a goroutine polling for a condition. It yields to the
// scheduler every spinYield of polling, so that goroutines without a P
// get to run, and after every poll when the pool's goroutines outnumber
// the Ps (Threads() above GOMAXPROCS), where a goroutine spinning on the
// only P would hold up the one it waits for until the runtime preempts
// it. Yielding is not cheap (the scheduler takes a global lock and may
// wake threads), hence not on every poll otherwise. Every spinYield it
// also yields the CPU to other threads (osYield): on a machine with more
// busy threads than cores, the OS may have stopped the very helper a
// caller waits for.
type spinner struct {
	polls     int
	crowded   bool
	start, at time.Time // when the wait began, when it last yielded
}

// spinYield is how long a goroutine polls before yielding.
const spinYield = 50 * time.Microsecond

func newSpinner() spinner {
	crowded := false
	if p := pool.slots.Load(); p != nil {
		crowded = len(*p) >= runtime.GOMAXPROCS(0)
	}
	now := time.Now()
	return spinner{crowded: crowded, start: now, at: now}
}

// poll paces one poll and returns how long the wait has lasted, or 0
// between the polls that look at the clock.
func (s *spinner) poll() time.Duration {
	if s.crowded {
		runtime.Gosched()
	}
	s.polls++
	if s.polls%256 != 0 {
		return 0
	}
	now := time.Now()
	if now.Sub(s.at) >= spinYield {
		runtime.Gosched()
		osYield()
		s.at = now
	}
	return now.Sub(s.start)
}

// Marks in a helper's slot besides a handed run.
var (
	parkedRun = new(jobRun) // the helper is parked on its wake channel
	busyRun   = new(jobRun) // the helper took the run handed to it
)

// A helperSlot is one helper's mailbox: nil while it spins idle,
// parkedRun while it is parked, a run handed to it until it takes it,
// busyRun while it works on it. Padded so that two helpers' slots do not
// share a cache line.
// part is the chunk the helper runs first (see jobRun.work): slot i's
// is i+1.
type helperSlot struct {
	_    [64]byte
	run  atomic.Pointer[jobRun]
	wake chan struct{} // a token after a run is handed to a parked helper
	part int
	_    [48]byte
}

// hand offers r to the helper if it is idle and reports whether it did.
// The caller counts the helper in r.pending first, since the helper may
// take r and finish before hand returns.
func (s *helperSlot) hand(r *jobRun) bool {
	r.pending.Add(1)
	if s.run.CompareAndSwap(nil, r) {
		return true
	}
	if s.run.CompareAndSwap(parkedRun, r) {
		select {
		case s.wake <- struct{}{}:
		default: // a token is waiting already
		}
		return true
	}
	r.pending.Add(-1)
	return false
}

// revoke takes r back if the helper has not taken it yet, so that a
// caller who ran every chunk itself never waits for a helper that did
// not get going, say because the OS gave its thread's core to another
// process.
func (s *helperSlot) revoke(r *jobRun) {
	if s.run.Load() == r && s.run.CompareAndSwap(r, nil) {
		r.pending.Add(-1)
	}
}

// helper serves the runs handed to its slot for ever.
func helper(s *helperSlot) {
	for {
		r := s.take()
		pool.helped.Add(1)
		r.work(s.part)
		s.run.Store(nil)  // idle again: callers may hand it the next run
		r.pending.Add(-1) // the helper's last touch of r
	}
}

// take returns the next run handed to s: it polls the slot for
// helperSpin, then parks until a caller wakes it.
func (s *helperSlot) take() *jobRun {
	sp := newSpinner()
	for {
		switch r := s.run.Load(); r {
		case nil:
			if sp.poll() >= helperSpin && s.run.CompareAndSwap(nil, parkedRun) {
				<-s.wake
			}
		case parkedRun: // woken by a token left from a revoked run
			<-s.wake
		default:
			if s.run.CompareAndSwap(r, busyRun) {
				return r
			}
		}
	}
}

// helperSlots returns the slots of at least n helpers, starting helpers
// as needed.
func helperSlots(n int) []*helperSlot {
	if p := pool.slots.Load(); p != nil && len(*p) >= n {
		return *p
	}
	pool.Lock()
	defer pool.Unlock()
	var slots []*helperSlot
	if p := pool.slots.Load(); p != nil {
		slots = *p
	}
	if len(slots) >= n {
		return slots
	}
	grown := append(slots[:len(slots):len(slots)], make([]*helperSlot, n-len(slots))...)
	for i := len(slots); i < n; i++ {
		s := &helperSlot{wake: make(chan struct{}, 1), part: i + 1}
		grown[i] = s
		go helper(s)
	}
	pool.slots.Store(&grown)
	return grown
}

// parallel runs every chunk of j on up to n goroutines: the caller and
// whichever of n-1 helpers are idle. It returns when all chunks are done.
func parallel(j Job, n int) { parallelSplit(j, nil, n) }

// parallelSplit is parallel for a job cut by s, or by no Split when s is
// nil.
func parallelSplit(j Job, s *Split, n int) {
	n = min(n, j.Chunks())
	if n <= 1 {
		for i := range j.Chunks() {
			j.Run(i)
		}
		return
	}
	r := pool.free.Get()
	r.j = j
	r.next.Store(0)
	r.taken.Store(0)
	r.split = s
	r.ns = [maxWeighed]int64{}
	slots := helperSlots(n - 1)
	handed, tried := 0, 0
	for ; tried < len(slots) && handed < n-1; tried++ {
		if slots[tried].hand(r) {
			handed++
		}
	}
	r.work(0)
	for _, s := range slots[:tried] {
		s.revoke(r)
	}
	// Helpers still at work are on their last chunks, since none are left
	// to take: wait for them by polling rather than by blocking, which
	// would take a record (a sudog) from the runtime's caches, allocated
	// anew whenever a garbage collection has emptied them.
	for sp := newSpinner(); r.pending.Load() != 0; {
		sp.poll()
	}
	if s != nil && n <= maxWeighed && j.Chunks() == n && s.Chunks() == n && n <= runtime.GOMAXPROCS(0) {
		learnSpeeds(s, n, &r.ns)
	}
	r.j, r.split = nil, nil
	pool.free.Put(r)
}
