package tensor

import (
	"math/rand/v2"
	"testing"
)

// withMinFloats sets the split threshold of memory passes for the rest of
// the test.
func withMinFloats(t *testing.T, v int) {
	old := splitMinFloats
	splitMinFloats = v
	t.Cleanup(func() { splitMinFloats = old })
}

func TestZeroAndGatherRowsSplitSameResult(t *testing.T) {
	// Zeroing and gathering cut into chunks (down to chunks of 8 values)
	// write what the whole pass writes, on 1 to 8 goroutines, for sizes
	// that do and do not divide evenly.
	withMinFloats(t, 8)
	defer SetThreads(Threads())
	rng := rand.New(rand.NewPCG(51, 52))
	for _, th := range []int{1, 2, 3, 4, 8} {
		SetThreads(th)
		for _, n := range []int{1, 7, 16, 100, 1001} {
			x := RandN(rng, n)
			x.Zero()
			for i, v := range x.Data() {
				if v != 0 {
					t.Fatalf("threads=%d n=%d: Zero left %v at %d", th, n, v, i)
				}
			}
		}
		for _, w := range []int{1, 3, 9, 40} {
			src := RandN(rng, 50, w)
			idx := make([]int, 37)
			for i := range idx {
				idx[i] = rng.IntN(50)
			}
			dst := Zeros(40, w)
			got := GatherRows(dst, src, idx)
			for k, r := range idx {
				for j := range w {
					if g, want := got.At(k, j), src.At(r, j); g != want {
						t.Fatalf("threads=%d w=%d: row %d col %d is %v, want %v", th, w, k, j, g, want)
					}
				}
			}
		}
	}
}

func TestGatherRowsBadIndexPanicsOnCaller(t *testing.T) {
	// A split gather with an index out of range panics where the caller
	// can recover it, not on a helper goroutine.
	withMinFloats(t, 8)
	defer SetThreads(Threads())
	SetThreads(4)
	src, dst := Zeros(10, 16), Zeros(8, 16)
	for _, bad := range []int{-1, 10} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("index %d: no panic", bad)
				}
			}()
			GatherRows(dst, src, []int{0, 1, 2, 3, 4, 5, bad, 7})
		}()
	}
}

func TestSplitPassesAllocateNothing(t *testing.T) {
	withMinFloats(t, 8)
	defer SetThreads(Threads())
	SetThreads(2)
	x, src, dst := Zeros(1000), Zeros(64, 32), Zeros(64, 32)
	idx := make([]int, 64)
	run := func() {
		x.Zero()
		GatherRows(dst, src, idx)
	}
	run()
	if n := testing.AllocsPerRun(50, run); n != 0 {
		t.Errorf("%v allocations per split Zero and GatherRows, want 0", n)
	}
}
