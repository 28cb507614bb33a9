package train

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

// withThreads runs the rest of the test at GOMAXPROCS procs and n threads.
func withThreads(t *testing.T, procs, n int) {
	oldProcs, oldThreads := runtime.GOMAXPROCS(procs), tensor.Threads()
	tensor.SetThreads(n)
	t.Cleanup(func() {
		runtime.GOMAXPROCS(oldProcs)
		tensor.SetThreads(oldThreads)
	})
}

// stepper returns a function that runs loop's next step.
func stepper(t *testing.T, w workload, loop *stepLoop, batch int) func() {
	steps, i := w.samples/batch, 0
	return func() {
		if _, err := loop.step(i % steps); err != nil {
			t.Fatal(err)
		}
		i++
	}
}

func TestStepAllocatesNothingOnTwoThreads(t *testing.T) {
	// A steady-state step whose products are split over two goroutines
	// allocates nothing, also across garbage collections, which empty the
	// runtime's central cache of the records (sudogs) that a goroutine
	// blocking on a channel or a WaitGroup takes: a collection every 50
	// steps, 2000 steps in all, and not one byte from the step (an idle
	// helper parking after a collection is the runtime's, see idleHelperPark).
	//
	// The runtime also allocates, once per call site, when it caches a
	// type assertion, which it does at about one call in a thousand: the
	// tiny workload's steps, cheap and through the same activation
	// code, warm those caches first.
	_, tiny := tinyWorkload.setup(t, tinyWorkload.batch)
	warm := stepper(t, tinyWorkload, tiny, tinyWorkload.batch)
	for range 6000 {
		warm()
	}
	withThreads(t, 2, 2)
	_, loop := mediumWorkload.setup(t, 16)
	step := stepper(t, mediumWorkload, loop, 16)
	for range 3 {
		step()
	}
	if n := testing.AllocsPerRun(200, step); n != 0 {
		t.Errorf("a steady-state step on two threads allocates %v times, want 0", n)
	}
	// The memory profile, recording every allocation, tells the step's
	// from the runtime's own: after a collection the scavenger, for one,
	// may grow its timer heap. Every allocation the step makes has a frame
	// of this module on its stack, in the caller or in a helper.
	defer func(rate int) { runtime.MemProfileRate = rate }(runtime.MemProfileRate)
	runtime.MemProfileRate = 1
	before, after := make([]runtime.MemProfileRecord, 1<<14), make([]runtime.MemProfileRecord, 1<<14)
	settle := func(recs []runtime.MemProfileRecord) int {
		for range 3 { // the profile lags up to two collections
			runtime.GC()
		}
		n, ok := runtime.MemProfile(recs, true)
		if !ok {
			t.Fatalf("memory profile of %d records", n)
		}
		return n
	}
	var stats runtime.MemStats
	nb := settle(before)
	runtime.ReadMemStats(&stats)
	total := stats.TotalAlloc
	for range 40 {
		runtime.GC()
		for range 50 {
			step()
		}
	}
	runtime.ReadMemStats(&stats)
	total = stats.TotalAlloc - total
	na := settle(after)
	bytes := map[[32]uintptr]int64{}
	for _, r := range after[:na] {
		bytes[r.Stack0] += r.AllocBytes
	}
	for _, r := range before[:nb] {
		bytes[r.Stack0] -= r.AllocBytes
	}
	for stack, n := range bytes {
		if n != 0 && ownFrame(stack[:]) && !idleHelperPark(stack[:]) {
			t.Errorf("2000 steps on two threads allocated %d bytes at\n%s", n, describeStack(stack[:]))
		}
		if n != 0 {
			t.Logf("runtime: %d bytes at\n%s", n, describeStack(stack[:]))
		}
	}
	t.Logf("TotalAlloc grew by %d bytes", total)
}

// idleHelperPark reports whether stack is an idle pool helper parking on
// its channel and the runtime taking a wait record (sudog) for it: a
// helper parks only after 0.5 ms without work, as while the test forces a
// collection, and after a collection empties the runtime's cache of them
// its park allocates one (112 bytes), once per helper per collection, not
// per step. The step's caller never blocks (it yields), which this test
// holds to 0 bytes.
func idleHelperPark(stack []uintptr) bool {
	frames := runtime.CallersFrames(stack)
	sudog, helper := false, false
	for {
		f, more := frames.Next()
		sudog = sudog || f.Function == "runtime.acquireSudog"
		helper = helper || f.Function == "github.com/nnlab/nnlab/tensor.helper"
		if !more {
			return sudog && helper
		}
	}
}

// ownFrame reports whether stack runs through this module's code.
func ownFrame(stack []uintptr) bool {
	frames := runtime.CallersFrames(stack)
	for {
		f, more := frames.Next()
		if strings.HasPrefix(f.Function, "github.com/nnlab/nnlab/") {
			return true
		}
		if !more {
			return false
		}
	}
}

// describeStack lists the functions of stack, one a line.
func describeStack(stack []uintptr) string {
	var b strings.Builder
	frames := runtime.CallersFrames(stack)
	for {
		f, more := frames.Next()
		if f.Function != "" {
			fmt.Fprintf(&b, "\t%s:%d\n", f.Function, f.Line)
		}
		if !more {
			return b.String()
		}
	}
}

// wideRun trains the wide workload (on fewer samples, two steps an epoch)
// for two epochs on threads goroutines at learning rate lr, and returns the
// weights, the history and the error.
func wideRun(t *testing.T, threads int, lr float64) (map[string]*tensor.Tensor, *History, error) {
	withThreads(t, runtime.GOMAXPROCS(0), threads)
	w := wideWorkload
	w.samples = 2 * w.batch
	w.lr = lr
	tr0, loop := w.setup(t, w.batch)
	tr := &Trainer{Net: tr0.Net, Loss: tr0.Loss, Optimizer: tr0.Optimizer, Epochs: 2, BatchSize: w.batch, Shuffle: true, Seed: 5}
	hist, err := tr.Fit(context.Background(), loop.data, nil)
	return snapshot(tr.Net), hist, err
}

func TestWideTrainingSameBitsAnyThreads(t *testing.T) {
	// The wide workload, whose products and optimizer updates are split
	// over every goroutine there is, trains to the same bits on 1, 2, 3,
	// 4 and 8 goroutines; so does a run whose first update overflows,
	// which the guard refuses with the same message whatever the split.
	for _, lr := range []float64{1e-3, math.MaxFloat64} {
		want, wantHist, wantErr := wideRun(t, 1, lr)
		if (wantErr != nil) != (lr > 1) {
			t.Fatalf("lr %g: training gave %v", lr, wantErr)
		}
		for _, th := range []int{2, 3, 4, 8} {
			got, hist, err := wideRun(t, th, lr)
			if fmt.Sprint(err) != fmt.Sprint(wantErr) {
				t.Fatalf("lr %g, threads %d: error %v, want %v", lr, th, err, wantErr)
			}
			if d := weightsDiff(got, want); d != "" {
				t.Fatalf("lr %g, threads %d: %s", lr, th, d)
			}
			if !reflect.DeepEqual(historyBits(hist), historyBits(wantHist)) {
				t.Fatalf("lr %g, threads %d: history %v, want %v", lr, th, hist, wantHist)
			}
		}
	}
}

// historyBits returns h's columns and the bits of its values.
func historyBits(h *History) []string {
	if h == nil {
		return nil
	}
	out := append([]string(nil), h.Columns...)
	for _, r := range h.Rows {
		for _, v := range r {
			out = append(out, fmt.Sprint(math.Float64bits(v)))
		}
	}
	return out
}
