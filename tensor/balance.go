package tensor

import (
	"math"
	"time"
)

// The goroutines of a split job do not always run at one speed. On a
// shared virtual machine one vCPU may run 10–30% slower than another for
// seconds at a time (another tenant's thread on its core, a host that
// throttles it), and a product cut in equal blocks then waits for its slow
// block: on the 2-core machine this project measures on, a step's caller
// and helper differed by 10–30% in every job of a run, one way in one run
// and the other way in the next. So the pool learns the relative speed of
// each part's goroutine from the products it runs (the caller's part 0, a
// helper's its slot's part) and the next products are cut in proportion.
// Where a block boundary falls never changes a result's bits (the k order
// of every sum is fixed; see gemm_parallel.go), so the learning changes
// only how long a product takes, never what it computes.

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
// within [minSpeed, maxSpeed], so that a part always gets some work.
const (
	minSpeedSample, maxSpeedSample = 0.4, 2.5
	minSpeed, maxSpeed             = 0.5, 2.0
)

// speeds holds the learned relative speed of each part's goroutine (1 for
// none learned yet), behind a lock: jobs on several goroutines may finish
// at once.
var speeds struct {
	mu spinLock
	v  [maxWeighed]float64
}

func init() {
	for i := range speeds.v {
		speeds.v[i] = 1
	}
}

// speedsOf returns the learned speeds of parts 0 to n-1 (n <= maxWeighed).
func speedsOf(n int) (s [maxWeighed]float64) {
	speeds.mu.Lock()
	copy(s[:n], speeds.v[:n])
	speeds.mu.Unlock()
	return s
}

// cutWeighed sets cuts[0..n] to the boundaries of n blocks of units,
// block i getting a share of units in proportion to speed[i], at least one
// unit each: cuts[0] = 0, cuts[n] = units. It needs n <= units and
// n <= maxWeighed.
func cutWeighed(cuts *[maxWeighed + 1]int, units, n int, speed *[maxWeighed]float64) {
	total := 0.0
	for i := range n {
		total += speed[i]
	}
	sum := 0.0
	cuts[0] = 0
	for i := 1; i < n; i++ {
		sum += speed[i-1]
		c := int(math.Round(float64(units) * sum / total))
		cuts[i] = min(max(c, cuts[i-1]+1), units-(n-i))
	}
	cuts[n] = units
}

// A weighedJob is a Job whose chunks are cut by learned speeds: it reports
// the share of its work chunk i holds, so that the pool can learn from how
// long each part's goroutine took over it.
type weighedJob interface {
	Job
	share(i int) float64
}

// learnSpeeds updates the learned speeds from a run of j in which every
// part i < n was run by its own goroutine and took ns[i] nanoseconds.
func learnSpeeds(j weighedJob, n int, ns *[maxWeighed]int64) {
	var rate [maxWeighed]float64
	mean := 0.0
	for i := range n {
		if ns[i] <= 0 {
			return // run by another part's goroutine, or not timed
		}
		rate[i] = j.share(i) / float64(ns[i])
		mean += rate[i] / float64(n)
	}
	speeds.mu.Lock()
	defer speeds.mu.Unlock()
	known := 0.0
	for i := range n {
		known += speeds.v[i] / float64(n)
	}
	for i := range n {
		r := rate[i] / mean
		if r < minSpeedSample || r > maxSpeedSample {
			return
		}
	}
	for i := range n {
		// The measure is relative to this job's parts' mean; scale it to
		// the estimate's, which parts beyond n share.
		r := rate[i] / mean * known
		speeds.v[i] = min(max(speeds.v[i]+speedStep*(r-speeds.v[i]), minSpeed), maxSpeed)
	}
}

// timedRun runs chunk i of j and returns how long it took in nanoseconds.
func timedRun(j Job, i int) int64 {
	t := time.Now()
	j.Run(i)
	return max(int64(time.Since(t)), 1)
}
