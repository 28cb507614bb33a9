package tensor

import (
	"math"
	"math/bits"
	"strings"
	"testing"
)

func mustPanicWith(t *testing.T, what, want string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		if r == nil {
			t.Fatalf("%s did not panic", what)
		}
		if msg, _ := r.(string); !strings.Contains(msg, want) {
			t.Fatalf("%s panicked with %v, want a message containing %q", what, r, want)
		}
	}()
	f()
}

func TestMatMulRefusesSharedStorage(t *testing.T) {
	store := make([]float64, 8)
	for i := range store {
		store[i] = float64(i + 1)
	}
	a := New(store[:4], 2, 2)
	b := New([]float64{1, 0, 0, 1}, 2, 2)
	mustPanicWith(t, "MatMul(a, a, b)", "shares storage", func() { MatMul(a, a, b, false, false, 1, 0) })
	mustPanicWith(t, "MatMul(b, a, b)", "shares storage", func() { MatMul(b, a, b, false, false, 1, 0) })
	overlapping := New(store[2:6], 2, 2) // rows 1 of a and the next row
	mustPanicWith(t, "MatMul into a view overlapping a", "shares storage", func() { MatMul(overlapping, a, b, false, false, 1, 0) })
	// Neighbouring, not overlapping, storage is fine.
	next := New(store[4:8], 2, 2)
	MatMul(next, a, b, false, false, 1, 0)
	if got := next.Data(); got[0] != 1 || got[3] != 4 {
		t.Errorf("a·I into the next slice = %v, want a", got)
	}
}

func TestElementwiseRefusesShiftedViews(t *testing.T) {
	store := []float64{1, 2, 3, 4, 5}
	a := New(store[:4], 4)
	shifted := New(store[1:5], 4)
	mustPanicWith(t, "Add into a shifted view", "partly overlaps", func() { Add(shifted, a, a) })
	mustPanicWith(t, "Sub from a shifted view", "partly overlaps", func() { Sub(a, shifted, a) })
	mustPanicWith(t, "MulElem", "partly overlaps", func() { MulElem(shifted, a, a) })
	mustPanicWith(t, "AddScaled", "partly overlaps", func() { AddScaled(shifted, 2, a) })
	// dst may be an operand itself.
	Add(a, a, a)
	if got := a.Data(); got[0] != 2 || got[3] != 8 {
		t.Errorf("Add(a, a, a) = %v, want 2a", got)
	}
}

func TestShapeOverflowPanics(t *testing.T) {
	mustPanicWith(t, "Zeros", "more elements than an int", func() { Zeros(math.MaxInt/2, 3) })
	big := 1 << (bits.UintSize/2 + 8) // its square overflows an int of any size
	mustPanicWith(t, "New", "more elements than an int", func() { New(nil, big, big) })
	if z := Zeros(0, math.MaxInt); z.Len() != 0 {
		t.Errorf("Zeros(0, MaxInt) has %d elements, want 0", z.Len())
	}
}
