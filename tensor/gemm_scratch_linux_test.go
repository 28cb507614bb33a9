package tensor

import (
	"runtime"
	"testing"

	"golang.org/x/sys/unix"
)

// onCPU runs f on the calling goroutine's thread pinned to CPU c, and
// reports false if the system refused the pin.
func onCPU(t *testing.T, c int, f func()) bool {
	t.Helper()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var old, set unix.CPUSet
	if err := unix.SchedGetaffinity(0, &old); err != nil {
		t.Fatal(err)
	}
	set.Set(c)
	if err := unix.SchedSetaffinity(0, &set); err != nil {
		return false
	}
	defer unix.SchedSetaffinity(0, &old)
	if got, sys := currentCPU(), getcpu(); got != c || sys != c {
		t.Fatalf("pinned to CPU %d, currentCPU() = %d, getcpu() = %d", c, got, sys)
	}
	f()
	return true
}

func TestGemmWorkStaysOnItsCPU(t *testing.T) {
	// Scratch put back on a CPU is what that CPU takes next, even when
	// another CPU put scratch back later and takes first; a CPU whose
	// shelf is empty takes another's rather than allocating.
	var set unix.CPUSet
	if err := unix.SchedGetaffinity(0, &set); err != nil {
		t.Fatal(err)
	}
	var cpus []int
	for c := 0; c < gemmShelves && len(cpus) < 2; c++ {
		if set.IsSet(c) {
			cpus = append(cpus, c)
		}
	}
	if len(cpus) < 2 {
		t.Skip("fewer than two CPUs to pin to")
	}
	// Empty the shelves, so that what follows sees only its own scratch.
	var held []*gemmWork
	for c := range gemmShelves {
		for w := gemmWorkFree.shelves[c]; w != nil; w = gemmWorkFree.shelves[c] {
			gemmWorkFree.shelves[c] = w.next
			held = append(held, w)
		}
	}
	defer func() {
		for _, w := range held {
			putGemmWork(w)
		}
	}()
	var a, b, got0, got1, stolen *gemmWork
	pin := func(c int, f func()) {
		if !onCPU(t, c, f) {
			t.Skipf("cannot pin to CPU %d", c)
		}
	}
	pin(cpus[1], func() { a = getGemmWork() })
	pin(cpus[0], func() { b = getGemmWork(); putGemmWork(b) })
	pin(cpus[1], func() { putGemmWork(a) })
	if gemmWorkFree.shelves[cpus[0]] != b || gemmWorkFree.shelves[cpus[1]] != a {
		t.Fatalf("scratch put back on CPUs %d and %d is not on their shelves", cpus[0], cpus[1])
	}
	// CPU 0 takes first: from one shared list it would take a, the
	// scratch put last.
	pin(cpus[0], func() { got0 = getGemmWork() })
	pin(cpus[1], func() { got1 = getGemmWork() })
	if got0 != b || got1 != a {
		t.Errorf("CPU %d took back scratch %p (its own %p), CPU %d %p (its own %p)", cpus[0], got0, b, cpus[1], got1, a)
	}
	pin(cpus[0], func() { putGemmWork(got0) })
	pin(cpus[1], func() { stolen = getGemmWork() })
	if stolen != b {
		t.Errorf("CPU %d with an empty shelf took %p, want CPU %d's idle %p", cpus[1], stolen, cpus[0], b)
	}
	putGemmWork(stolen)
	putGemmWork(got1)
}
