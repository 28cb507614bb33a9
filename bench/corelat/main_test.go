package main

import (
	"runtime"
	"testing"
	"time"
)

func TestRoundTripMeasuresTwoCPUs(t *testing.T) {
	// Also at GOMAXPROCS=1, as a user may run it: each side spins, so on
	// one P every round trip would wait for two preemptions (10 ms each
	// at least; 44 ms a round trip measured here). A cache line's round
	// trip is under a microsecond, but on a loaded machine each side may
	// wait for the OS to run its pinned thread, a time slice of a few
	// milliseconds per hand-over: the bound, 10 ms, leaves room for that.
	cpus, err := allowedCPUs()
	if err != nil {
		t.Skip(err)
	}
	if len(cpus) < 2 {
		t.Skip("one CPU allowed: no pair to measure")
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	const n = 200
	d, err := roundTrip(cpus[0], cpus[1], n)
	if err != nil {
		t.Fatal(err)
	}
	if d <= 0 || d/n > 10*time.Millisecond {
		t.Errorf("%d round trips took %v, want more than 0 and at most 10 ms each", n, d)
	}
	if p := runtime.GOMAXPROCS(0); p != 1 {
		t.Errorf("roundTrip left GOMAXPROCS at %d, want the caller's 1", p)
	}
}

func TestAllowedCPUsAreSortedAndDistinct(t *testing.T) {
	cpus, err := allowedCPUs()
	if err != nil {
		t.Skip(err)
	}
	if len(cpus) == 0 || len(cpus) > runtime.NumCPU() {
		t.Fatalf("allowedCPUs() = %v with %d CPUs usable", cpus, runtime.NumCPU())
	}
	for i := 1; i < len(cpus); i++ {
		if cpus[i] <= cpus[i-1] {
			t.Fatalf("allowedCPUs() = %v, not increasing", cpus)
		}
	}
}
