package tensor

import "testing"

func TestGatherRows(t *testing.T) {
	src := New([]float64{
		0, 1, 2, 3, 4, 5, 6, 7, 8, 9, // short rows, copied value by value
		10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
		20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
	}, 3, 10)
	wide := src.Reshape(1, 30) // a long row, copied in one call
	tests := []struct {
		name string
		dst  *Tensor
		src  *Tensor
		idx  []int
		want []float64
	}{
		{"full batch of pairs", Zeros(3, 2), src.Reshape(15, 2), []int{7, 0, 14}, []float64{14, 15, 0, 1, 28, 29}},
		{"partial batch", Zeros(4, 2), src.Reshape(15, 2), []int{3, 3}, []float64{6, 7, 6, 7}},
		{"columns", Zeros(2), src.Reshape(30), []int{29, 4}, []float64{29, 4}},
		{"long rows", Zeros(2, 30), wide, []int{0, 0}, append(append([]float64(nil), wide.Data()...), wide.Data()...)},
	}
	for _, tc := range tests {
		got := GatherRows(tc.dst, tc.src, tc.idx)
		assertShape(t, tc.name, got.Shape(), append([]int{len(tc.idx)}, tc.src.Shape()[1:]...))
		assertSlice(t, tc.name, got.Data(), tc.want, 0)
		if full := len(tc.idx) == tc.dst.Shape()[0]; full != (got == tc.dst) {
			t.Errorf("%s: returned dst itself %v, want %v", tc.name, got == tc.dst, full)
		}
	}
	dst, idx := Zeros(2, 10), []int{2, 1}
	if n := testing.AllocsPerRun(10, func() { GatherRows(dst, src, idx) }); n != 0 {
		t.Errorf("gathering a full batch allocates %v times, want 0", n)
	}
	expectPanic(t, func() { GatherRows(Zeros(1, 10), src, idx) }, "GatherRows", "2 rows")
	expectPanic(t, func() { GatherRows(Zeros(2, 3), src, idx) }, "GatherRows", "[3 10]", "[2 3]")
}
