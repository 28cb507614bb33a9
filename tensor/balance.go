package tensor

import (
	"math"
	"time"
	"unsafe"
)

// The goroutines of a split job do not run its chunks at one speed. On a
// shared virtual machine one vCPU may run slower than the other for
// seconds at a time (another tenant on its core), and a chunk that writes
// lines the other core has just read waits for their copies there to be
// dropped. With the medium workload's split jobs cut in equal halves on
// the 2-core machine docs/performance.md measures on, the two halves of
// a job never took the same time: in one run the helper's halves of the
// three large products took 24%, 49% and 38% longer than the caller's, in
// the next the caller's took 13–16% longer, and the helper's half of the
// second ReLU pass took four times the caller's in both. The caller then
// waited, or the helper idled, an eighth to a quarter of a step. So the
// pool learns the relative speed of each part's goroutine (the caller's
// part 0, a helper's its slot's part) per job site, from how long each
// took over its own chunk, and the next job at that site is cut in
// proportion.
// Where a cut falls never changes a result (every element is computed by
// the same operations whatever its chunk; the k order of every product's
// sums is fixed, see gemm_parallel.go), so the learning changes only how
// long a job takes, never what it computes.

// maxWeighed is how many parts have a learned speed; a job cut into more
// parts cuts them equal.
const maxWeighed = 8

// speedStep is the weight of one job's measure in the running estimate:
// about the last eight jobs count, a few steps of a training loop, so that
// the cut follows a slowdown within milliseconds while one job stopped by
// the OS moves it by at most an eighth of its error.
const speedStep = 1.0 / 8

// Bounds of a part's learned speed relative to the others' mean: a
// measure outside [minSpeedSample, maxSpeedSample] is taken to be a stop
// by the OS rather than a slow core and left out, and the estimate stays
// within [minSpeed, maxSpeed], so that a part always gets some work. A
// pass that writes lines the other core has just read can run at a
// quarter of the speed on that core (measured: the medium workload's
// second ReLU).
const (
	minSpeedSample, maxSpeedSample = 0.15, 6.0
	minSpeed, maxSpeed             = 0.25, 4.0
)

// siteSlots is how many job sites (see Split.Cut) may have learned speeds
// at once. A training step has a site per split job, met in the same
// order every step: a dozen for the medium workload on two threads, 49
// for seven 512-wide layers on four, more when loops train side by side.
// A site's slot is one of the siteProbes from a home its key picks, so a
// site loses its speeds only when more sites than that share its slots;
// a ring of slots taken oldest first would lose every site's speeds
// before their next use once a step had more sites than the ring slots.
const siteSlots, siteProbes = 256, 8

// speeds holds the learned relative speeds of each part's goroutine (1
// until learned) for up to siteSlots job sites, behind a lock: jobs on
// several goroutines may finish at once. A site's speeds are its own:
// which part runs slower depends on the job as much as on the core (who
// holds its operands in cache, which lines the other core read last); in
// one measured step the caller was the slower in one product and the
// helper in the next.
var speeds struct {
	mu   spinLock
	site [siteSlots]uint64 // 0: a free slot
	v    [siteSlots][maxWeighed]float64
	next int // which of a full home's slots a new site takes
}

// siteSlot returns the slot of site (not 0), taking for a new one a free
// slot of its home's, or else the next of them in turn, whose site loses
// its speeds; speeds.mu is held.
func siteSlot(site uint64) int {
	home, free := int((site>>1)%siteSlots), -1
	for p := range siteProbes {
		i := (home + p) % siteSlots
		if speeds.site[i] == site {
			return i
		}
		if speeds.site[i] == 0 && free < 0 {
			free = i
		}
	}
	i := free
	if i < 0 {
		i = (home + speeds.next) % siteSlots
		speeds.next = (speeds.next + 1) % siteProbes
	}
	speeds.site[i] = site
	for p := range speeds.v[i] {
		speeds.v[i][p] = 1
	}
	return i
}

// fixedSpeeds, when set, is every site's speeds, for tests that cut
// products unevenly on purpose.
var fixedSpeeds *[maxWeighed]float64

// speedsOf returns the learned speeds of parts 0 to n-1 (n <= maxWeighed)
// at site.
func speedsOf(site uint64, n int) (s [maxWeighed]float64) {
	if fixedSpeeds != nil {
		return *fixedSpeeds
	}
	speeds.mu.Lock()
	copy(s[:n], speeds.v[siteSlot(site)][:n])
	speeds.mu.Unlock()
	return s
}

// Kinds of job site, which siteOf hashes first: passes of two kinds over
// one buffer learn apart, such as an activation's gradient zeroed, then
// accumulated into by autograd's pass (a Cut), both in units of 8 values.
const (
	siteProduct uint64 = 1 + iota // a split product (gemm_parallel.go)
	siteCut                       // Split.Cut: another package's pass
	siteClear                     // clearFloats
	siteGather                    // gatherSplit
	sitePair                      // MatMulPair
)

// siteOf hashes the numbers that name a job site into a key that is never
// 0: FNV-1a over whole words, whose low bits depend only on the low bits
// of the numbers (a product carries upwards only), then mixed (the
// finalizer of MurmurHash3), so that the low bits siteSlot picks a home
// by differ between large buffers, whose addresses end in the same 13
// zero bits, of the same shape.
func siteOf(kind uint64, xs ...int) uint64 {
	h := uint64(14695981039346656037) ^ kind
	for _, x := range xs {
		h = (h ^ uint64(x)) * 1099511628211
	}
	h = (h ^ h>>33) * 0xff51afd7ed558ccd
	h = (h ^ h>>33) * 0xc4ceb9fe1a85ec53
	return (h ^ h>>33) | 1
}

// A Split cuts a pass over units of work into chunks for ParallelSplit,
// one per goroutine, in proportion to the speeds the pool has learned for
// the pass (equal until it has, and when there are more than maxWeighed).
// A Job embeds it, which gives the job its Chunks method, and runs chunk
// i over the units Bounds(i) returns. Where the cuts fall must not change
// what the job computes, only how the work is shared. Its zero value has
// no chunks.
type Split struct {
	key          uint64
	units, count int
	cuts         [maxWeighed + 1]int // chunk i is units [cuts[i], cuts[i+1]) when count <= maxWeighed
}

// Cut cuts units into parts chunks (fewer when there are fewer units, one
// when parts < 2) for the pass that writes site, its first output value:
// a training loop's steps write the same buffers, so the address tells
// apart the passes of a step, whose goroutines' speeds differ. The address
// is only a key; the Split keeps no pointer. Passes cut with Cut that
// write one buffer in as many units share their speeds.
func (s *Split) Cut(site *float64, units, parts int) { s.cutAt(siteCut, site, units, parts) }

// cutAt is Cut for a site of the given kind.
func (s *Split) cutAt(kind uint64, site *float64, units, parts int) {
	s.cut(siteOf(kind, int(uintptr(unsafe.Pointer(site))), units), units, parts)
}

// cut is Cut for a site key.
func (s *Split) cut(key uint64, units, parts int) {
	s.key, s.units, s.count = key, units, max(min(parts, units), 1)
	if s.count > maxWeighed {
		return
	}
	speed := speedsOf(key, s.count)
	total, sum := 0.0, 0.0
	for i := range s.count {
		total += speed[i]
	}
	s.cuts[0] = 0
	for i := 1; i < s.count; i++ {
		sum += speed[i-1]
		c := int(math.Round(float64(units) * sum / total))
		s.cuts[i] = min(max(c, s.cuts[i-1]+1), units-(s.count-i))
	}
	s.cuts[s.count] = units
}

// Chunks returns the number of chunks.
func (s *Split) Chunks() int { return s.count }

// Bounds returns the units [lo, hi) of chunk i.
func (s *Split) Bounds(i int) (lo, hi int) {
	if s.count > maxWeighed {
		return i * s.units / s.count, (i + 1) * s.units / s.count
	}
	return s.cuts[i], s.cuts[i+1]
}

// share returns the fraction of the units in chunk i.
func (s *Split) share(i int) float64 {
	lo, hi := s.Bounds(i)
	return float64(hi-lo) / float64(max(s.units, 1))
}

// learnSpeeds updates the learned speeds of the site of a job cut by s
// from a run in which every part i < n was run by its own goroutine and
// took ns[i] nanoseconds. The caller learns only when there are at least
// as many Ps as parts: with fewer, a part's time counts the time the
// runtime gave other parts on its P (measured at GOMAXPROCS 1 and two
// threads: the caller's part, stopped for the helper's, seemed the slower
// and drifted to the least share), which says nothing of the cores.
func learnSpeeds(s *Split, n int, ns *[maxWeighed]int64) {
	var rate [maxWeighed]float64
	mean := 0.0
	for i := range n {
		if ns[i] <= 0 {
			return // run by another part's goroutine
		}
		rate[i] = s.share(i) / float64(ns[i])
		mean += rate[i] / float64(n)
	}
	for i := range n {
		if r := rate[i] / mean; r < minSpeedSample || r > maxSpeedSample {
			return
		}
	}
	speeds.mu.Lock()
	defer speeds.mu.Unlock()
	v := &speeds.v[siteSlot(s.key)]
	for i := range n {
		v[i] = min(max(v[i]+float64(speedStep*(rate[i]/mean-v[i])), minSpeed), maxSpeed)
	}
}

// timedRun runs chunk i of j and returns how long it took in nanoseconds;
// a variable so that tests can give each part the speed they choose.
var timedRun = func(j Job, i int) int64 {
	t := time.Now()
	j.Run(i)
	return max(int64(time.Since(t)), 1)
}

// ParallelSplit is Parallel for a job cut by s (usually a Split the job
// embeds): it also times each goroutine's own chunk, from which the
// pool learns the speeds the next Cut for the same site divides by. It
// learns nothing when s has not as many chunks as j.
func ParallelSplit(j Job, s *Split) { parallelSplit(j, s, Threads()) }
