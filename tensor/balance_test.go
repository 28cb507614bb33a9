package tensor

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

// withSpeeds cuts every split job by speeds for the rest of the test.
func withSpeeds(t *testing.T, speeds ...float64) {
	var v [maxWeighed]float64
	for i := range v {
		v[i] = 1
	}
	copy(v[:], speeds)
	fixedSpeeds = &v
	t.Cleanup(func() { fixedSpeeds = nil })
}

// setSpeeds sets the learned speeds of site.
func setSpeeds(site uint64, v ...float64) {
	speeds.mu.Lock()
	defer speeds.mu.Unlock()
	copy(speeds.v[siteSlot(site)][:], v)
}

func TestSplitCutsInProportionToSpeeds(t *testing.T) {
	site := siteOf(99, 1)
	for _, c := range []struct {
		units, parts int
		speeds       []float64
		want         []int // the cuts
	}{
		{100, 2, []float64{1, 1}, []int{0, 50, 100}},
		{100, 2, []float64{1, 3}, []int{0, 25, 100}},
		{100, 2, []float64{2, 1}, []int{0, 67, 100}}, // the nearest unit
		{100, 2, []float64{4, 0.25}, []int{0, 94, 100}},
		{90, 3, []float64{1, 2, 3}, []int{0, 15, 45, 90}},
		{3, 2, []float64{4, 0.25}, []int{0, 2, 3}}, // every chunk gets a unit
		{4, 3, []float64{0.25, 0.25, 4}, []int{0, 1, 2, 4}},
		{2, 5, []float64{1, 1, 1, 1, 1}, []int{0, 1, 2}},       // no more chunks than units
		{18, 9, nil, []int{0, 2, 4, 6, 8, 10, 12, 14, 16, 18}}, // past maxWeighed: equal
		{5, 1, nil, []int{0, 5}},
	} {
		setSpeeds(site, 1, 1, 1, 1, 1, 1, 1, 1)
		setSpeeds(site, c.speeds...)
		var s Split
		s.cut(site, c.units, c.parts)
		var got []int
		for i := range s.Chunks() {
			lo, hi := s.Bounds(i)
			if i == 0 {
				got = append(got, lo)
			}
			got = append(got, hi)
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%d units in %d parts at speeds %v: cuts %v, want %v", c.units, c.parts, c.speeds, got, c.want)
		}
	}
}

// learnFrom runs rounds of a job at site cut in a part per cost, part i
// taking cost[i] nanoseconds per unit, and returns part 0's units of the
// last cut.
func learnFrom(site uint64, rounds int, cost ...float64) int {
	var s Split
	for range rounds {
		s.cut(site, 1000, len(cost))
		var ns [maxWeighed]int64
		for i := range cost {
			lo, hi := s.Bounds(i)
			ns[i] = int64(float64(hi-lo) * cost[i])
		}
		learnSpeeds(&s, len(cost), &ns)
	}
	s.cut(site, 1000, len(cost))
	_, hi := s.Bounds(0)
	return hi
}

func TestLearnedSpeedsBalanceTheParts(t *testing.T) {
	// A part whose goroutine is twice as slow ends up with a third of the
	// work; the other way round, with two thirds.
	if got := learnFrom(siteOf(99, 2), 100, 100, 200); got < 660 || got > 673 {
		t.Errorf("part 0 twice as fast: %d of 1000 units, want about 667", got)
	}
	if got := learnFrom(siteOf(99, 3), 100, 300, 100); got < 245 || got > 255 {
		t.Errorf("part 0 three times as slow: %d of 1000 units, want about 250", got)
	}
	// Sites learn apart.
	if got := learnFrom(siteOf(99, 4), 1, 100, 100); got != 500 {
		t.Errorf("a new site: %d of 1000 units, want 500", got)
	}
	if got := learnFrom(siteOf(99, 5), 100, 100, 400); got < 795 || got > 805 {
		t.Errorf("part 1 four times as slow: part 0 has %d of 1000 units, want about 800", got)
	}
}

func TestLearnedSpeedsStayWithinBounds(t *testing.T) {
	// A part ten times as slow as the other, 0.18 of their mean speed,
	// keeps minSpeed; one of eight ten times as fast as the rest, 4.7,
	// gets maxSpeed.
	site := siteOf(99, 8)
	learnFrom(site, 100, 100, 1000)
	if got := speedsOf(site, 2); got[1] != minSpeed {
		t.Errorf("part 1 ten times as slow: speeds %v, want part 1 at %v", got[:2], minSpeed)
	}
	site = siteOf(99, 9)
	learnFrom(site, 100, 10, 100, 100, 100, 100, 100, 100, 100)
	if got := speedsOf(site, 8); got[0] != maxSpeed {
		t.Errorf("part 0 of 8 ten times as fast: speeds %v, want part 0 at %v", got, maxSpeed)
	}
}

func TestLearnedSpeedsIgnoreAStoppedPart(t *testing.T) {
	// A part that took 20 times its share (its thread stopped by the OS)
	// or that another goroutine ran (0) leaves the speeds as they were.
	site := siteOf(99, 6)
	setSpeeds(site, 1, 1)
	var s Split
	s.cut(site, 1000, 2)
	for _, ns := range [][2]int64{{500, 10000}, {500, 0}, {0, 500}} {
		learnSpeeds(&s, 2, &[maxWeighed]int64{ns[0], ns[1]})
		if got := speedsOf(site, 2); got[0] != 1 || got[1] != 1 {
			t.Errorf("after parts of %v ns: speeds %v, want 1 and 1", ns, got[:2])
		}
	}
	// A measure moves the speeds an eighth of the way to it: 4/3 and 2/3.
	learnSpeeds(&s, 2, &[maxWeighed]int64{500, 1000})
	if got := speedsOf(site, 2); math.Abs(got[0]-(1+1.0/24)) > 1e-12 || math.Abs(got[1]-(1-1.0/24)) > 1e-12 {
		t.Errorf("after parts of 500 and 1000 ns: speeds %v, want 1±1/24", got[:2])
	}
}

func TestSplitProductsSameBitsAnyCut(t *testing.T) {
	// Products cut as unevenly as the learned speeds allow, either way
	// round, by rows and by columns, with and without a bias: the bits
	// of one call on the whole product, and the blocks really are uneven.
	withMinMulAdds(t, 1)
	rng := rand.New(rand.NewPCG(51, 52))
	for _, sp := range [][]float64{{0.25, 4}, {4, 0.25}, {0.25, 1, 4}} {
		withSpeeds(t, sp...)
		for _, g := range splittableGemms() {
			for _, d := range [][3]int{{37, 203, 41}, {520, 260, 70}} {
				tc := gemmCase{m: d[0], n: d[1], k: d[2], transB: true, alpha: 1, beta: 1}
				a, b, c0 := tc.operands(rng)
				lda, ldb := tc.lds()
				bias := RandN(rng, tc.n).Data()
				want := make([]float64, tc.m*tc.n)
				for i := range tc.m {
					copy(want[i*tc.n:], bias)
				}
				g.fn(false, true, tc.m, tc.n, tc.k, 1, a, lda, b, ldb, 1, want, tc.n)
				th := len(sp)
				var mu sync.Mutex
				var blocks []int
				record := func(m, n int) {
					mu.Lock()
					blocks = append(blocks, m*n)
					mu.Unlock()
				}
				g2 := g
				g2.fn = func(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int,
					b []float64, ldb int, beta float64, c []float64, ldc int) {
					record(m, n)
					g.fn(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
				}
				if g.biasFn != nil {
					g2.biasFn = func(transA, transB bool, m, n, k int, a []float64, lda int,
						b []float64, ldb int, bias, c []float64, ldc int) {
						record(m, n)
						g.biasFn(transA, transB, m, n, k, a, lda, b, ldb, bias, c, ldc)
					}
				}
				c := append([]float64(nil), c0...)
				gemmSplit(g2, th, gemmJob{transB: true, m: tc.m, n: tc.n, k: tc.k, alpha: 1, beta: 1,
					a: a, b: b, c: c, lda: lda, ldb: ldb, ldc: tc.n, bias: bias})
				what := fmt.Sprintf("%s %v speeds %v", g.name, d, sp)
				assertBits(t, what, c, want)
				if g.sameBits != nil {
					continue // gonum's blocks are 64 wide: too coarse to show the cut
				}
				if len(blocks) != th || max(blocks[0], blocks[len(blocks)-1]) < 3*min(blocks[0], blocks[len(blocks)-1]) {
					t.Errorf("%s: blocks of %v elements, want %d, the largest three times the smallest", what, blocks, th)
				}
			}
		}
	}
}

func TestSplitPassesSameValuesAnyCut(t *testing.T) {
	// Zeroing and gathering cut unevenly write what the whole pass writes.
	old := splitMinFloats
	splitMinFloats = 64
	defer func() { splitMinFloats = old }()
	withSpeeds(t, 0.25, 4)
	oldThreads := Threads()
	SetThreads(2)
	defer SetThreads(oldThreads)
	rng := rand.New(rand.NewPCG(53, 54))
	s := RandN(rng, 1001).Data()
	clearFloats(s)
	for i, v := range s {
		if v != 0 {
			t.Fatalf("cleared value %d = %v", i, v)
		}
	}
	src := RandN(rng, 50, 7).Data()
	idx := []int{3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4, 6, 2, 6, 4, 3}
	got, want := make([]float64, len(idx)*7), make([]float64, len(idx)*7)
	gatherSplit(got, src, idx, 7)
	gatherRows(want, src, idx, 0, 7)
	assertBits(t, "gathered rows", got, want)
}

// pacedJob is a job of two chunks whose chunk 0, which the caller takes
// first, waits until chunk 1 has started, which only a helper can do
// then: each part is run, and timed, by its own goroutine.
type pacedJob struct {
	Split
	started atomic.Bool
}

func (j *pacedJob) Run(i int) {
	if i == 1 {
		j.started.Store(true)
		return
	}
	for !j.started.Load() {
		runtime.Gosched()
	}
}

// withCosts makes part i of every split job seem to take cost[i]
// nanoseconds per unit, for the rest of the test.
func withCosts(t *testing.T, cost ...int64) {
	old := timedRun
	timedRun = func(j Job, i int) int64 {
		j.Run(i)
		lo, hi := j.(*pacedJob).Bounds(i)
		return int64(hi-lo) * cost[i]
	}
	t.Cleanup(func() { timedRun = old })
}

// withProcs runs the rest of the test at GOMAXPROCS procs and n threads.
func withProcs(t *testing.T, procs, n int) {
	oldProcs, oldThreads := runtime.GOMAXPROCS(procs), Threads()
	SetThreads(n)
	t.Cleanup(func() {
		runtime.GOMAXPROCS(oldProcs)
		SetThreads(oldThreads)
	})
}

// pacedRounds runs rounds of a pacedJob over units at site under
// ParallelSplit, and returns part 0's units of the next cut.
func pacedRounds(site *float64, units, rounds int) int {
	var j pacedJob
	for range rounds {
		j.started.Store(false)
		j.Cut(site, units, 2)
		ParallelSplit(&j, &j.Split)
	}
	j.Cut(site, units, 2)
	_, hi := j.Bounds(0)
	return hi
}

func TestParallelSplitLearnsFromEachPartsOwnTime(t *testing.T) {
	// Each goroutine times its own part, and the next cut at the site
	// follows: the cut learnSpeeds makes from the same times.
	withProcs(t, 2, 2)
	withCosts(t, 100, 200)
	buf := make([]float64, 1)
	want := learnFrom(siteOf(99, 7), 100, 100, 200)
	if got := pacedRounds(&buf[0], 1000, 100); got != want {
		t.Errorf("part 0 twice as fast: %d of 1000 units, want %d", got, want)
	}
}

func TestParallelSplitLearnsNothingWhenItsGoroutinesShareAP(t *testing.T) {
	// With fewer Ps than parts, a part's time counts the others' that
	// ran on its P meanwhile: measured at GOMAXPROCS 1 and two threads,
	// the caller's part, stopped by the runtime for the helper's, drifted
	// to the least share. Such times teach nothing.
	withProcs(t, 1, 2)
	withCosts(t, 100, 200)
	buf := make([]float64, 1)
	if got := pacedRounds(&buf[0], 1000, 100); got != 500 {
		t.Errorf("two parts on one P: part 0 has %d of 1000 units, want 500", got)
	}
}

func TestZeroingAndGatheringLearnApartFromOtherPasses(t *testing.T) {
	// An activation's gradient is zeroed, then autograd's ReLU pass (a
	// Split.Cut) accumulates into it, both in units of 8 values; a batch
	// is gathered by rows, which a pass of another package may cut too.
	// Each pass has its own speeds: the site of a Cut over the same
	// buffer and units, set to give part 0 a sixteenth, cuts neither.
	withMinFloats(t, 8)
	withProcs(t, 2, 2)
	var cut atomic.Int64 // where the last split job's parts met
	old := timedRun
	timedRun = func(j Job, i int) int64 {
		lo, hi := j.(interface{ Bounds(int) (int, int) }).Bounds(i)
		if i == 0 {
			lo = hi
		}
		cut.Store(int64(lo))
		j.Run(i)
		return 1
	}
	t.Cleanup(func() { timedRun = old })
	buf, src := make([]float64, 1024), make([]float64, 1024)
	idx := make([]int, 128)
	for _, c := range []struct {
		name string
		run  func()
	}{
		{"clearFloats", func() { clearFloats(buf) }},
		{"gatherSplit", func() { gatherSplit(buf, src, idx, 8) }},
	} {
		var s Split
		s.Cut(&buf[0], 128, 2)
		setSpeeds(s.key, 0.25, 4)
		s.Cut(&buf[0], 128, 2)
		_, skewed := s.Bounds(0)
		c.run()
		if got := cut.Load(); got == int64(skewed) {
			t.Errorf("%s cut 128 units at %d, as another pass's speeds over its buffer say", c.name, got)
		}
	}
}

// clearSpeeds forgets every site's speeds for the rest of the test, and
// again after it.
func clearSpeeds(t *testing.T) {
	forget := func() {
		speeds.mu.Lock()
		defer speeds.mu.Unlock()
		speeds.site = [len(speeds.site)]uint64{}
	}
	forget()
	t.Cleanup(forget)
}

func TestSpeedsKeptForEverySiteOfALargeStep(t *testing.T) {
	// A step of seven 512-wide layers over four threads has 42 split
	// jobs, and loops may train side by side: every site keeps its speeds
	// while 100 sites are cut in turn, step after step, though they are
	// passes of one shape over large buffers, whose addresses differ only
	// above their 13 lowest bits (Go allocates them in whole pages).
	clearSpeeds(t)
	const sites = 100
	for step := range 3 {
		for i := range sites {
			site := siteOf(siteCut, 0x40100000+i<<16, 1024)
			want := 1 + float64(i)/sites
			if step > 0 {
				if got := speedsOf(site, 2); got[0] != want || got[1] != 1 {
					t.Fatalf("step %d, site %d of %d: speeds %v, want %v and 1", step, i, sites, got[:2], want)
				}
			}
			setSpeeds(site, want, 1)
		}
	}
}

func TestParallelSplitLearnsOnlyFromAPartPerGoroutine(t *testing.T) {
	// A job cut for three threads run on two (SetThreads between), and a
	// Split that is not the job's, teach their sites nothing.
	withProcs(t, 2, 3)
	withCosts(t, 100, 200, 300)
	buf := make([]float64, 2)
	var j pacedJob
	j.Cut(&buf[0], 1000, 3)
	SetThreads(2)
	ParallelSplit(&j, &j.Split)
	var other Split
	other.Cut(&buf[1], 1000, 3)
	j.Cut(&buf[0], 1000, 2)
	j.started.Store(false)
	ParallelSplit(&j, &other)
	for _, s := range []*Split{&j.Split, &other} {
		if got := speedsOf(s.key, 3); got[0] != 1 || got[1] != 1 || got[2] != 1 {
			t.Errorf("speeds %v, want 1s", got[:3])
		}
	}
}
