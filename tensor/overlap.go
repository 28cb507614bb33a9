package tensor

import (
	"fmt"
	"unsafe"
)

// Tensors may share storage: RowSlice and Reshape return views. An
// elementwise op reads a[i] before it writes dst[i], so dst may be an
// operand itself (the same elements, in the same places), but not a view
// shifted against it, whose writes would land on elements not yet read.
// A matrix product reads every operand element many times, so its dst
// must share no element with a or b (gonum's rule too).

// span returns the address range [lo, hi) of s's elements.
func span(s []float64) (lo, hi uintptr) {
	if len(s) == 0 {
		return 0, 0
	}
	lo = uintptr(unsafe.Pointer(unsafe.SliceData(s)))
	return lo, lo + uintptr(len(s))*8
}

// overlap reports whether a and b share an element, and whether they are
// the same elements in the same places.
func overlap(a, b []float64) (shared, same bool) {
	alo, ahi := span(a)
	blo, bhi := span(b)
	if alo == ahi || blo == bhi || ahi <= blo || bhi <= alo {
		return false, false
	}
	return true, alo == blo && ahi == bhi
}

// mustNotShift panics, naming op, if dst overlaps src other than exactly.
func mustNotShift(op string, dst, src *Tensor) {
	if shared, same := overlap(dst.data, src.data); shared && !same {
		panic(fmt.Sprintf("tensor: %s: dst %v partly overlaps an operand %v (a view shifted against it); use a separate dst", op, dst.shape, src.shape))
	}
}

// mustNotOverlap panics, naming op, if dst shares any element with src.
func mustNotOverlap(op string, dst, src *Tensor) {
	if shared, _ := overlap(dst.data, src.data); shared {
		panic(fmt.Sprintf("tensor: %s: dst %v shares storage with an operand %v; the product needs a separate dst", op, dst.shape, src.shape))
	}
}
