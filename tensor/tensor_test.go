package tensor

import (
	"math"
	"strings"
	"testing"
)

func TestConstructors(t *testing.T) {
	tests := []struct {
		name  string
		make  func() *Tensor
		shape []int
		data  []float64
	}{
		{"New matrix", func() *Tensor { return New([]float64{1, 2, 3, 4, 5, 6}, 2, 3) }, []int{2, 3}, []float64{1, 2, 3, 4, 5, 6}},
		{"New vector", func() *Tensor { return New([]float64{7, 8}, 2) }, []int{2}, []float64{7, 8}},
		{"New empty", func() *Tensor { return New([]float64{}, 0, 3) }, []int{0, 3}, []float64{}},
		{"Zeros", func() *Tensor { return Zeros(3, 2) }, []int{3, 2}, make([]float64, 6)},
		{"Zeros rank 3", func() *Tensor { return Zeros(2, 1, 2) }, []int{2, 1, 2}, make([]float64, 4)},
		{"Zeros scalar", func() *Tensor { return Zeros() }, []int{}, []float64{0}},
		{"Full", func() *Tensor { return Full(2.5, 2, 2) }, []int{2, 2}, []float64{2.5, 2.5, 2.5, 2.5}},
		{"Scalar", func() *Tensor { return Scalar(-3) }, []int{}, []float64{-3}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x := tc.make()
			assertShape(t, "shape", x.Shape(), tc.shape)
			assertSlice(t, "data", x.Data(), tc.data, 0)
			if x.Len() != len(tc.data) || x.Dims() != len(tc.shape) {
				t.Errorf("Len %d Dims %d, want %d %d", x.Len(), x.Dims(), len(tc.data), len(tc.shape))
			}
		})
	}
}

func TestNewKeepsDataAndCopiesShape(t *testing.T) {
	data := []float64{1, 2, 3, 4}
	shape := []int{2, 2}
	x := New(data, shape...)
	data[3] = 40
	shape[0] = 4
	if x.At(1, 1) != 40 {
		t.Errorf("New copied its data: At(1,1) = %v, want 40", x.At(1, 1))
	}
	assertShape(t, "shape after caller edit", x.Shape(), []int{2, 2})
}

func TestConstructorPanics(t *testing.T) {
	tests := []struct {
		name string
		f    func()
		want []string
	}{
		{"New too few", func() { New([]float64{1, 2, 3}, 2, 2) }, []string{"New", "[2 2]", "3"}},
		{"New too many", func() { New([]float64{1, 2, 3}, 2) }, []string{"New", "[2]"}},
		{"New negative", func() { New(nil, -1, 2) }, []string{"New", "negative", "[-1 2]"}},
		{"Zeros negative", func() { Zeros(3, -2) }, []string{"Zeros", "[3 -2]"}},
		{"Reshape size", func() { Zeros(2, 3).Reshape(4, 2) }, []string{"Reshape", "[4 2]", "[2 3]"}},
		{"Reshape negative", func() { Zeros(2, 3).Reshape(-6) }, []string{"Reshape", "[-6]"}},
		{"Rows of vector", func() { Zeros(3).Rows() }, []string{"Rows", "[3]"}},
		{"Cols of rank 3", func() { Zeros(1, 2, 3).Cols() }, []string{"Cols", "[1 2 3]"}},
		{"Row of vector", func() { Zeros(3).Row(0) }, []string{"Cols", "[3]"}},
		{"Item of many", func() { Zeros(2, 2).Item() }, []string{"Item", "[2 2]", "4"}},
		{"At wrong rank", func() { Zeros(2, 2).At(1) }, []string{"At", "[2 2]"}},
		{"At out of range", func() { Zeros(2, 2).At(0, 2) }, []string{"At", "[0 2]", "[2 2]"}},
		{"At negative", func() { Zeros(2, 2).At(-1, 0) }, []string{"At", "[-1 0]"}},
		{"Set out of range", func() { Zeros(3).Set(1, 3) }, []string{"Set", "[3]"}},
		{"CopyFrom", func() { Zeros(2, 3).CopyFrom(Zeros(3, 2)) }, []string{"CopyFrom", "[2 3]", "[3 2]"}},
		{"mustSameShape", func() { mustSameShape("MyOp", Zeros(1, 2), Zeros(2)) }, []string{"MyOp", "[1 2]", "[2]"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { expectPanic(t, tc.f, tc.want...) })
	}
}

func TestAtSetRowMajor(t *testing.T) {
	x := Zeros(2, 3, 4)
	n := 0.0
	for i := 0; i < 2; i++ {
		for j := 0; j < 3; j++ {
			for k := 0; k < 4; k++ {
				x.Set(n, i, j, k)
				n++
			}
		}
	}
	for i, v := range x.Data() {
		if v != float64(i) {
			t.Fatalf("data[%d] = %v: Set is not row-major", i, v)
		}
	}
	if got := x.At(1, 2, 3); got != 23 {
		t.Errorf("At(1,2,3) = %v, want 23", got)
	}
}

func TestRowSharesStorage(t *testing.T) {
	x := New([]float64{1, 2, 3, 4, 5, 6}, 3, 2)
	if x.Rows() != 3 || x.Cols() != 2 {
		t.Fatalf("Rows, Cols = %d, %d", x.Rows(), x.Cols())
	}
	r := x.Row(1)
	assertSlice(t, "Row(1)", r, []float64{3, 4}, 0)
	r[0] = 30
	if x.At(1, 0) != 30 {
		t.Error("Row does not share storage")
	}
	if len(x.Row(2)) != 2 || cap(x.Row(0)) < 2 {
		t.Error("Row has the wrong length")
	}
}

func TestCloneIsDeep(t *testing.T) {
	x := New([]float64{1, 2, 3}, 3)
	c := x.Clone()
	c.Data()[0] = 100
	c.Shape()[0] = 7
	if x.Data()[0] != 1 || x.Shape()[0] != 3 {
		t.Error("Clone shares data or shape with its source")
	}
}

func TestCopyFillZero(t *testing.T) {
	x := Zeros(2, 2)
	x.CopyFrom(New([]float64{1, 2, 3, 4}, 2, 2))
	assertSlice(t, "CopyFrom", x.Data(), []float64{1, 2, 3, 4}, 0)
	x.Fill(-1)
	assertSlice(t, "Fill", x.Data(), []float64{-1, -1, -1, -1}, 0)
	x.Zero()
	assertSlice(t, "Zero", x.Data(), []float64{0, 0, 0, 0}, 0)
}

func TestReshape(t *testing.T) {
	x := New([]float64{1, 2, 3, 4, 5, 6}, 2, 3)
	tests := []struct {
		shape []int
		at    []int
		want  float64
	}{
		{[]int{3, 2}, []int{2, 0}, 5},
		{[]int{6}, []int{4}, 5},
		{[]int{1, 6}, []int{0, 5}, 6},
		{[]int{6, 1}, []int{3, 0}, 4},
		{[]int{3, 1, 2}, []int{1, 0, 1}, 4},
	}
	for _, tc := range tests {
		r := x.Reshape(tc.shape...)
		assertShape(t, "Reshape", r.Shape(), tc.shape)
		if got := r.At(tc.at...); got != tc.want {
			t.Errorf("Reshape(%v).At(%v) = %v, want %v", tc.shape, tc.at, got, tc.want)
		}
	}
	r := x.Reshape(6)
	r.Data()[0] = 10
	if x.At(0, 0) != 10 {
		t.Error("Reshape does not share storage")
	}
	assertShape(t, "source after Reshape", x.Shape(), []int{2, 3})
	s := []int{3, 2}
	r = x.Reshape(s...)
	s[0] = 99
	assertShape(t, "Reshape keeps the caller's slice", r.Shape(), []int{3, 2})
}

func TestShapePredicates(t *testing.T) {
	tests := []struct {
		a, b []int
		want bool
	}{
		{[]int{2, 3}, []int{2, 3}, true},
		{[]int{2, 3}, []int{3, 2}, false},
		{[]int{6}, []int{1, 6}, false},
		{[]int{}, []int{}, true},
		{nil, []int{}, true},
		{[]int{1}, []int{}, false},
	}
	for _, tc := range tests {
		if got := EqualShape(tc.a, tc.b); got != tc.want {
			t.Errorf("EqualShape(%v, %v) = %v", tc.a, tc.b, got)
		}
	}
	if !SameShape(Zeros(2, 3), Full(1, 2, 3)) || SameShape(Zeros(2, 3), Zeros(6)) {
		t.Error("SameShape is wrong")
	}
}

func TestItemIsFinite(t *testing.T) {
	if Scalar(4).Item() != 4 || New([]float64{5}, 1, 1).Item() != 5 {
		t.Error("Item is wrong")
	}
	tests := []struct {
		data []float64
		want bool
	}{
		{[]float64{1, -2, 0}, true},
		{[]float64{}, true},
		{[]float64{1, math.NaN()}, false},
		{[]float64{math.Inf(1), 1}, false},
		{[]float64{math.Inf(-1)}, false},
		{[]float64{math.MaxFloat64, -math.MaxFloat64}, true},
	}
	for _, tc := range tests {
		if got := New(tc.data, len(tc.data)).IsFinite(); got != tc.want {
			t.Errorf("IsFinite(%v) = %v", tc.data, got)
		}
	}
}

func TestString(t *testing.T) {
	s := New([]float64{1, 2.5, -3}, 3).String()
	if s != "Tensor[3][1 2.5 -3]" {
		t.Errorf("String = %q", s)
	}
	long := Zeros(4, 5).String()
	if !strings.Contains(long, "[4 5]") || !strings.Contains(long, "12 more") {
		t.Errorf("long String = %q: want the shape and an elision", long)
	}
}

// TestAtAllocatesNothing guards the lab's pictures, which read networks
// element by element: a variadic index that escaped would cost an
// allocation per element.
func TestAtAllocatesNothing(t *testing.T) {
	x := Zeros(3, 4)
	sum := 0.0
	if n := testing.AllocsPerRun(20, func() { x.Set(1, 2, 3); sum += x.At(2, 3) }); n != 0 {
		t.Errorf("At and Set: %v allocations, want 0", n)
	}
}
