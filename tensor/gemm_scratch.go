package tensor

import "unsafe"

// gemmWork is the scratch one multiply needs: the packed blocks and an
// mr×nr tile for the edges. Buffers are kept for reuse, so that a training
// loop's multiplies allocate nothing in steady state.
type gemmWork struct {
	a, b, tile []float64
	rows       []*float64 // the tiles' rows of op(a), panel by panel (gemm_arows.go)
	next       *gemmWork  // the next idle scratch on its shelf
}

// gemmShelves is how many shelves of idle scratch there are; CPU c uses
// shelf c mod gemmShelves.
const gemmShelves = 64

// gemmWorkFree holds idle scratch on a shelf per CPU, the CPU that last
// packed into it. A multiply takes scratch from its own CPU's shelf first:
// packing writes hundreds of kilobytes, and writing lines that another
// core's cache holds costs a transfer per line. From one shared list, the
// two blocks of a split product took each other's scratch whenever they
// finished in the other order. Only when its shelf is empty does a
// multiply take another CPU's scratch, and only when every shelf is empty
// a new one, so that there is never more scratch than multiplies have run
// at once.
//
// Locked lists rather than a sync.Pool: a pool is emptied by every garbage
// collection, and refilling it would allocate megabytes in the middle of a
// training run; its lock never parks a waiter, which could allocate
// (spinLock), and the shelves are linked through the scratch itself, so
// that putting never allocates. maxA and maxB are the largest packed
// blocks any multiply has needed: scratch taken grows to them at once, so
// that which scratch a block falls to (an accident of scheduling once
// products are split over goroutines) cannot make a training loop
// allocate at its thousandth step.
var gemmWorkFree struct {
	spinLock
	shelves    [gemmShelves]*gemmWork
	maxA, maxB int
}

func getGemmWork() *gemmWork {
	cpu := currentCPU() % gemmShelves
	f := &gemmWorkFree
	f.Lock()
	defer f.Unlock()
	w := f.shelves[cpu]
	for i := 1; w == nil && i < gemmShelves; i++ {
		cpu = (cpu + 1) % gemmShelves
		w = f.shelves[cpu]
	}
	if w != nil {
		f.shelves[cpu], w.next = w.next, nil
	} else {
		w = new(gemmWork)
	}
	if cap(w.a) < f.maxA {
		w.a = alignedFloats(f.maxA)
	}
	if cap(w.b) < f.maxB {
		w.b = alignedFloats(f.maxB)
	}
	return w
}

// putGemmWork shelves w for the CPU the caller runs on, whose cache holds
// what w packed last.
func putGemmWork(w *gemmWork) {
	clear(w.rows) // not to keep an operand alive
	cpu := currentCPU() % gemmShelves
	f := &gemmWorkFree
	f.Lock()
	w.next, f.shelves[cpu] = f.shelves[cpu], w
	f.maxA, f.maxB = max(f.maxA, cap(w.a)), max(f.maxB, cap(w.b))
	f.Unlock()
}

// alignedFloats returns a slice of n float64s whose first element sits on a
// 64-byte boundary, so that packed panels load without splitting cache lines.
func alignedFloats(n int) []float64 {
	s := make([]float64, n+8)
	off := int(uintptr(unsafe.Pointer(&s[0]))%64) / 8
	if off != 0 {
		off = 8 - off
	}
	return s[off : off+n : off+n]
}

// grow returns buf if it holds n values, else a new aligned buffer.
func grow(buf []float64, n int) []float64 {
	if cap(buf) >= n {
		return buf[:n]
	}
	return alignedFloats(n)
}
