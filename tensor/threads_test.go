package tensor

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// splittableGemms returns the implementations that gemmThreads splits: the
// registered ones that allow it, and the packed driver over Go tiles of
// odd sizes with shrunken blocks, which runs on every architecture.
func splittableGemms() []gemmImpl {
	var gs []gemmImpl
	for _, g := range gemmImpls {
		if g.splitRows > 0 {
			gs = append(gs, g)
		}
	}
	for _, t := range [][2]int{{3, 5}, {4, 4}} {
		k := tileGoKernel(t[0], t[1])
		gs = append(gs, gemmImpl{name: fmt.Sprintf("go%dx%d", t[0], t[1]), fn: k.gemm, biasFn: k.gemmBias, rowsFn: k.run,
			splitRows: t[0], splitCols: t[1]})
	}
	return gs
}

// counted wraps g's function to count its calls, the blocks a split
// product was cut into.
func counted(g gemmImpl, calls *atomic.Int64) gemmImpl {
	fn := g.fn
	g.fn = func(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int,
		b []float64, ldb int, beta float64, c []float64, ldc int) {
		calls.Add(1)
		fn(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
	}
	return g
}

// withMinMulAdds sets the split threshold for the rest of the test.
func withMinMulAdds(t *testing.T, v int) {
	old := parMinMulAdds
	parMinMulAdds = v
	t.Cleanup(func() { parMinMulAdds = old })
}

func TestMatMulSameBitsAnyThreads(t *testing.T) {
	// Split by rows (m > n) and by columns, with every transpose and both
	// kinds of beta, over 1 to 8 goroutines: the bits are those of one
	// call on the whole product, and the product really is cut up.
	withMinMulAdds(t, 1000)
	rng := rand.New(rand.NewPCG(31, 32))
	for _, g := range splittableGemms() {
		// gonum's blocks of c must each hold four 64×64 blocks (see
		// gonumBlocked): only the last two shapes split there.
		for si, d := range [][3]int{{203, 37, 150}, {45, 261, 130}, {129, 131, 70}, {520, 260, 70}, {260, 520, 70}} {
			mustSplit := g.sameBits == nil || si >= 3
			for _, f := range [][2]bool{{false, false}, {true, false}, {false, true}, {true, true}} {
				for _, beta := range []float64{0, 1.3} {
					tc := gemmCase{m: d[0], n: d[1], k: d[2], transA: f[0], transB: f[1], alpha: 0.7, beta: beta}
					a, b, c0 := tc.operands(rng)
					lda, ldb := tc.lds()
					want := append([]float64(nil), c0...)
					g.fn(tc.transA, tc.transB, tc.m, tc.n, tc.k, tc.alpha, a, lda, b, ldb, tc.beta, want, tc.n)
					for _, th := range []int{1, 2, 3, 4, 8} {
						var calls atomic.Int64
						c := append([]float64(nil), c0...)
						gemmThreads(counted(g, &calls), th, tc.transA, tc.transB, tc.m, tc.n, tc.k, tc.alpha,
							a, lda, b, ldb, tc.beta, c, tc.n)
						assertBits(t, fmt.Sprintf("%s %v threads=%d", g.name, tc, th), c, want)
						if mustSplit && th > 1 && calls.Load() < 2 {
							t.Fatalf("%s %v threads=%d: %d block(s), want the product split", g.name, tc, th, calls.Load())
						}
					}
				}
			}
		}
	}
}

func TestMatMulSplitsOnlyLargeProducts(t *testing.T) {
	// At the real threshold the medium workload's layers split, its
	// 10-wide one too, but not that layer at a batch of 64; MatMul's
	// result is the one-thread one.
	defer SetThreads(Threads())
	rng := rand.New(rand.NewPCG(33, 34))
	for _, tc := range []struct {
		sh    gemmShape
		split bool
	}{{mediumShapes[0], true}, {mediumShapes[7], true}, {mediumShapes[2], true},
		{gemmShape{"fwd3_64x256x10", gemmCase{m: 64, n: 10, k: 256, transB: true, alpha: 1}}, false}} {
		var calls atomic.Int64
		a, b, c := tc.sh.operands(rng)
		lda, ldb := tc.sh.lds()
		gemmThreads(counted(gemmActive, &calls), 4, tc.sh.transA, tc.sh.transB, tc.sh.m, tc.sh.n, tc.sh.k, 1,
			a, lda, b, ldb, 0, c, tc.sh.n)
		if split := calls.Load() > 1; split != tc.split && gemmActive.splitRows > 0 {
			t.Errorf("%s: %d blocks, want split %v", tc.sh.name, calls.Load(), tc.split)
		}
		x, w := RandN(rng, 128, 784), RandN(rng, 256, 784)
		var want *Tensor
		for _, th := range []int{1, 2, 4} {
			SetThreads(th)
			got := Zeros(128, 256)
			MatMul(got, x, w, false, true, 1, 0)
			if want == nil {
				want = got
			}
			assertBits(t, fmt.Sprintf("MatMul threads=%d", th), got.Data(), want.Data())
		}
	}
}

func TestParallelRunsEveryChunkOnceWithHelpers(t *testing.T) {
	// Every chunk runs exactly once, and idle helpers take part: the
	// goroutine that takes chunk 0 first waits for another chunk to start,
	// which only a helper can do, however loaded the machine is. More
	// than 64 chunks: those past 64 are taken without a claim bit.
	const chunks = 100
	before := pool.helped.Load()
	j := &countJob{n: chunks, runs: make([]atomic.Int32, chunks), waitFirst: true}
	parallel(j, 3)
	for i := range j.runs {
		if r := j.runs[i].Load(); r != 1 {
			t.Fatalf("chunk %d ran %d times, want 1", i, r)
		}
	}
	if pool.helped.Load() == before {
		t.Fatal("no helper took part")
	}
}

func TestWorkRunsItsPartFirstThenTheRest(t *testing.T) {
	// A goroutine runs its own part first, then takes the chunks in
	// order, each once: two goroutines' parts never run twice.
	var order []int
	j := &orderJob{n: 70, order: &order}
	r := &jobRun{j: j}
	r.work(2)
	r.work(1) // a late helper: every chunk, its part included, is taken
	want := []int{2, 0, 1}
	for i := 3; i < 70; i++ {
		want = append(want, i)
	}
	if !slices.Equal(order, want) {
		t.Fatalf("chunks ran in order %v, want %v", order, want)
	}
}

// orderJob records the order its chunks run in, on one goroutine.
type orderJob struct {
	n     int
	order *[]int
}

func (j *orderJob) Chunks() int { return j.n }
func (j *orderJob) Run(i int)   { *j.order = append(*j.order, i) }

func TestParallelNeverWaitsForAHelperThatDidNotStart(t *testing.T) {
	// A helper handed a run but not yet at work is taken back: calls of
	// a few chunks, far quicker than waking a parked helper, all return
	// with every chunk run once, whatever the helpers were doing.
	for range 2000 {
		j := &countJob{n: 4, runs: make([]atomic.Int32, 4)}
		parallel(j, 4)
		for i := range j.runs {
			if r := j.runs[i].Load(); r != 1 {
				t.Fatalf("chunk %d ran %d times, want 1", i, r)
			}
		}
	}
}

// countJob counts the runs of each of its chunks. With waitFirst, chunk 0
// (taken first) waits until another chunk has started.
type countJob struct {
	n         int
	runs      []atomic.Int32
	waitFirst bool
	started   atomic.Int32
}

func (j *countJob) Chunks() int { return j.n }

func (j *countJob) Run(i int) {
	j.runs[i].Add(1)
	if i > 0 {
		j.started.Add(1)
		return
	}
	for j.waitFirst && j.started.Load() == 0 {
		runtime.Gosched()
	}
}

func TestMatMulThreadsAllocateNothingAndLeakNoGoroutines(t *testing.T) {
	// The helpers are a fixed pool: a multiply split over 4 goroutines
	// allocates nothing in steady state, and repeated multiplies, also
	// from several callers at once, start no goroutines beyond the pool.
	defer SetThreads(Threads())
	SetThreads(4)
	rng := rand.New(rand.NewPCG(35, 36))
	sh := mediumShapes[0]
	a, b, c := sh.operands(rng)
	x, w, dst := New(a, sh.m, sh.k), New(b, sh.n, sh.k), New(c, sh.m, sh.n)
	run := func() { MatMul(dst, x, w, false, true, 1, 0) }
	run()
	if n := testing.AllocsPerRun(20, run); n != 0 {
		t.Errorf("%v allocations per split multiply, want 0", n)
	}
	base := runtime.NumGoroutine()
	pool.Lock()
	helpers := len(*pool.slots.Load())
	pool.Unlock()
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			d := Zeros(sh.m, sh.n)
			for range 10 {
				MatMul(d, x, w, false, true, 1, 0)
			}
		})
	}
	wg.Wait()
	pool.Lock()
	if len(*pool.slots.Load()) != helpers {
		t.Errorf("%d helpers after the multiplies, %d before", len(*pool.slots.Load()), helpers)
	}
	pool.Unlock()
	// A caller's goroutine has returned from wg.Wait's point of view before
	// it has exited, so wait for the count to come down; a leak never does.
	deadline := time.Now().Add(30 * time.Second)
	for runtime.NumGoroutine() > base && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > base {
		t.Errorf("%d goroutines 30 s after the multiplies, %d before", n, base)
	}
}

func TestSetThreads(t *testing.T) {
	defer SetThreads(Threads())
	SetThreads(3)
	if Threads() != 3 {
		t.Fatalf("Threads() = %d after SetThreads(3)", Threads())
	}
	expectPanic(t, func() { SetThreads(0) }, "SetThreads(0)")
}

func TestGemmWorkGrowsToTheLargestBlocks(t *testing.T) {
	// Scratch taken from the free list already holds the largest packed
	// blocks any multiply has needed, whichever goroutine used it before:
	// otherwise which scratch a block of a split product falls to could
	// make a training loop allocate megabytes at any step.
	big := getGemmWork()
	idle := getGemmWork()
	big.a, big.b = grow(big.a, 3000), grow(big.b, 5000)
	putGemmWork(idle)
	putGemmWork(big)
	w1, w2 := getGemmWork(), getGemmWork()
	for _, w := range []*gemmWork{w1, w2} {
		if cap(w.a) < 3000 || cap(w.b) < 5000 {
			t.Errorf("scratch of %d and %d values, want at least 3000 and 5000", cap(w.a), cap(w.b))
		}
	}
	putGemmWork(w1)
	putGemmWork(w2)
}

func TestFreeListReusesWhatWasPut(t *testing.T) {
	var f FreeList[[4]float64]
	a := f.Get()
	if a == nil || f.Len() != 0 {
		t.Fatalf("Get on an empty list: %v, Len %d", a, f.Len())
	}
	a[0] = 7
	f.Put(a)
	if f.Len() != 1 {
		t.Fatalf("Len after Put = %d, want 1", f.Len())
	}
	if b := f.Get(); b != a || f.Len() != 0 {
		t.Fatalf("Get after Put gave %p (want %p), Len %d", b, a, f.Len())
	}
	if c := f.Get(); c == a || c[0] != 0 {
		t.Fatalf("Get on an emptied list gave the kept value or a non-zero one: %v", c)
	}
}

// TestFreeListWaitersNeverPark holds a FreeList's lock while another
// goroutine calls Get, and checks that the waiter polls rather than
// parks: a goroutine parked on a lock takes a wait record (sudog) that
// the runtime allocates after a garbage collection, so a training step
// whose two goroutines put back their scratch at once would allocate.
// Under a sync.Mutex the waiter parks within microseconds.
func TestFreeListWaitersNeverPark(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	var f FreeList[int]
	f.Put(new(int))
	f.mu.Lock()
	var got atomic.Bool
	go func() {
		f.Put(f.Get())
		got.Store(true)
	}()
	buf := make([]byte, 1<<16)
	waiter := func() string { // the waiting goroutine's stack, if it is waiting in the list
		for _, g := range strings.Split(string(buf[:runtime.Stack(buf, true)]), "\n\n") {
			if strings.Contains(g, "tensor.(*FreeList[") {
				return g
			}
		}
		return ""
	}
	for waiter() == "" { // wait until it is in Get
		runtime.Gosched()
	}
	for range 200 {
		if g := waiter(); strings.Contains(g, "semacquire") || strings.Contains(g, "[sync.Mutex.Lock]") {
			f.mu.Unlock()
			t.Fatalf("a goroutine waiting for the list parked:\n%s", g)
		}
		runtime.Gosched()
	}
	f.mu.Unlock()
	for !got.Load() {
		runtime.Gosched()
	}
	if f.Len() != 1 {
		t.Errorf("the list holds %d values, want the 1 put back", f.Len())
	}
}
