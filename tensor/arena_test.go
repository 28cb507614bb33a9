package tensor

import "testing"

// TestArena checks the positional reuse: after Reset the same sequence of
// shapes gets the same tensors back, cleared; a smaller shape reuses the
// storage, a larger one gets new storage, and a nil Arena allocates.
func TestArena(t *testing.T) {
	var a Arena
	x, y := a.Zeros(2, 3), a.Zeros(4)
	x.Fill(7)
	y.Fill(7)
	xStore, yStore := &x.Data()[0], &y.Data()[0]
	a.Reset()
	tests := []struct {
		name  string
		shape []int
		want  *Tensor  // the tensor this position must return, nil for a new one
		store *float64 // the storage it must reuse
	}{
		{"same shape", []int{2, 3}, x, xStore},
		{"smaller", []int{3}, y, yStore},
		{"new position", []int{5}, nil, nil},
	}
	for _, tc := range tests {
		got := a.Zeros(tc.shape...)
		assertShape(t, tc.name, got.Shape(), tc.shape)
		assertSlice(t, tc.name, got.Data(), make([]float64, got.Len()), 0)
		if tc.want != nil && (got != tc.want || &got.Data()[0] != tc.store) {
			t.Errorf("%s: a new tensor or new storage, want the ones from before Reset", tc.name)
		}
	}
	a.Reset()
	before := &x.Data()[0]
	if big := a.Zeros(10, 10); big != x || &big.Data()[0] == before || big.Len() != 100 {
		t.Error("a larger shape at a used position did not get new storage in the same tensor")
	}
	var none *Arena
	if p, q := none.Zeros(2), none.Zeros(2); p == q || p.Len() != 2 {
		t.Error("a nil Arena does not allocate fresh tensors")
	}
	none.Reset() // harmless
}

func TestArenaAllocatesNothingOnceWarm(t *testing.T) {
	var a Arena
	step := func() {
		a.Reset()
		a.Zeros(8, 4)
		a.Zeros(8)
		a.Zeros()
	}
	step()
	if n := testing.AllocsPerRun(20, step); n != 0 {
		t.Errorf("a warm Arena allocates %v times per round, want 0", n)
	}
}

// TestArenaUncleared checks that Uncleared recycles like Zeros, position
// by position, but leaves the values in place, and that a nil Arena or a
// new position still gives zeros.
func TestArenaUncleared(t *testing.T) {
	var a Arena
	x := a.Zeros(2, 3)
	x.Fill(7)
	a.Reset()
	got := a.Uncleared(3, 2)
	if got != x {
		t.Fatal("Uncleared did not return the tensor of its position")
	}
	assertShape(t, "recycled", got.Shape(), []int{3, 2})
	assertSlice(t, "recycled", got.Data(), []float64{7, 7, 7, 7, 7, 7}, 0)
	assertSlice(t, "new position", a.Uncleared(4).Data(), make([]float64, 4), 0)
	a.Reset()
	assertSlice(t, "Zeros after Uncleared", a.Zeros(2, 3).Data(), make([]float64, 6), 0)
	var none *Arena
	assertSlice(t, "nil Arena", none.Uncleared(3).Data(), make([]float64, 3), 0)
	expectPanic(t, func() { a.Uncleared(-1) }, "Arena.Uncleared")
}
