package tensor

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestBinaryElementwise(t *testing.T) {
	a := New([]float64{1, -2, 3, 0.5}, 2, 2)
	b := New([]float64{4, 5, -6, 2}, 2, 2)
	tests := []struct {
		name string
		op   func(dst, a, b *Tensor)
		want []float64
	}{
		{"Add", Add, []float64{5, 3, -3, 2.5}},
		{"Sub", Sub, []float64{-3, -7, 9, -1.5}},
		{"MulElem", MulElem, []float64{4, -10, -18, 1}},
		{"Apply", func(d, x, y *Tensor) { Apply(d, x, y, math.Max) }, []float64{4, 5, 3, 2}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dst := Zeros(2, 2)
			tc.op(dst, a, b)
			assertSlice(t, "dst", dst.Data(), tc.want, 0)
			// dst may alias either operand.
			x := a.Clone()
			tc.op(x, x, b)
			assertSlice(t, "dst=a", x.Data(), tc.want, 0)
			y := b.Clone()
			tc.op(y, a, y)
			assertSlice(t, "dst=b", y.Data(), tc.want, 0)
		})
	}
}

func TestBinaryElementwisePanics(t *testing.T) {
	ops := map[string]func(dst, a, b *Tensor){
		"Add": Add, "Sub": Sub, "MulElem": MulElem,
		"Apply": func(d, x, y *Tensor) { Apply(d, x, y, math.Min) },
	}
	for name, op := range ops {
		t.Run(name, func(t *testing.T) {
			expectPanic(t, func() { op(Zeros(2, 3), Zeros(2, 3), Zeros(3, 2)) }, name, "[2 3]", "[3 2]")
			expectPanic(t, func() { op(Zeros(6), Zeros(2, 3), Zeros(2, 3)) }, name, "[6]", "[2 3]")
		})
	}
	expectPanic(t, func() { Map(Zeros(2), Zeros(3), math.Abs) }, "Map", "[2]", "[3]")
	expectPanic(t, func() { AddScaled(Zeros(2, 1), 1, Zeros(1, 2)) }, "AddScaled", "[2 1]", "[1 2]")
}

func TestMapAddScaledScale(t *testing.T) {
	a := New([]float64{-1, 4, -9}, 3)
	dst := Zeros(3)
	Map(dst, a, math.Abs)
	assertSlice(t, "Map", dst.Data(), []float64{1, 4, 9}, 0)
	Map(dst, dst, math.Sqrt)
	assertSlice(t, "Map in place", dst.Data(), []float64{1, 2, 3}, 0)
	AddScaled(dst, -2, a)
	assertSlice(t, "AddScaled", dst.Data(), []float64{3, -6, 21}, 0)
	dst.Scale(0.5)
	assertSlice(t, "Scale", dst.Data(), []float64{1.5, -3, 10.5}, 0)
	dst.Scale(1)
	assertSlice(t, "Scale(1)", dst.Data(), []float64{1.5, -3, 10.5}, 0)
}

func TestAddRowVector(t *testing.T) {
	a := New([]float64{1, 2, 3, 4, 5, 6}, 2, 3)
	want := []float64{11, 22, 33, 14, 25, 36}
	for _, v := range []*Tensor{New([]float64{10, 20, 30}, 3), New([]float64{10, 20, 30}, 1, 3)} {
		dst := Zeros(2, 3)
		AddRowVector(dst, a, v)
		assertSlice(t, "AddRowVector", dst.Data(), want, 0)
	}
	in := a.Clone()
	AddRowVector(in, in, New([]float64{10, 20, 30}, 3))
	assertSlice(t, "AddRowVector in place", in.Data(), want, 0)
	col := New([]float64{1, 2, 3}, 3, 1)
	AddRowVector(col, col, New([]float64{0.5}, 1))
	assertSlice(t, "AddRowVector over one column", col.Data(), []float64{1.5, 2.5, 3.5}, 0)
}

func TestAddRowVectorPanics(t *testing.T) {
	tests := []struct {
		name      string
		dst, a, v *Tensor
		want      []string
	}{
		{"length", Zeros(2, 3), Zeros(2, 3), Zeros(2), []string{"AddRowVector", "[2]", "[2 3]"}},
		{"column vector", Zeros(2, 3), Zeros(2, 3), Zeros(3, 1), []string{"AddRowVector", "[3 1]", "[2 3]"}},
		{"matrix", Zeros(2, 3), Zeros(2, 3), Zeros(2, 3), []string{"AddRowVector", "[2 3]"}},
		{"rank 3", Zeros(2, 3), Zeros(2, 3), Zeros(1, 1, 3), []string{"AddRowVector", "[1 1 3]"}},
		{"a not matrix", Zeros(6), Zeros(6), Zeros(6), []string{"AddRowVector", "[6]"}},
		{"dst", Zeros(3, 2), Zeros(2, 3), Zeros(3), []string{"AddRowVector", "[3 2]", "[2 3]"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			expectPanic(t, func() { AddRowVector(tc.dst, tc.a, tc.v) }, tc.want...)
		})
	}
}

func TestSumRows(t *testing.T) {
	a := New([]float64{1, 2, 3, 4, 5, 6}, 2, 3)
	tests := []struct {
		name string
		dst  *Tensor
		beta float64
		want []float64
	}{
		{"beta 0", New([]float64{100, 100, 100}, 3), 0, []float64{5, 7, 9}},
		{"beta 0 ignores NaN", Full(math.NaN(), 3), 0, []float64{5, 7, 9}},
		{"beta 1 accumulates", New([]float64{1, 1, 1}, 3), 1, []float64{6, 8, 10}},
		{"beta 2", New([]float64{1, 2, 3}, 1, 3), 2, []float64{7, 11, 15}},
	}
	for _, tc := range tests {
		SumRows(tc.dst, a, tc.beta)
		assertSlice(t, tc.name, tc.dst.Data(), tc.want, 0)
	}
	expectPanic(t, func() { SumRows(Zeros(2), a, 0) }, "SumRows", "[2 3]", "[2]")
	expectPanic(t, func() { SumRows(Zeros(3), Zeros(6), 0) }, "SumRows", "[6]")
}

// TestSumRowsIsAdjointOfAddRowVector checks <AddRowVector(0, v), g> =
// <v, SumRows(g)>, the identity the bias gradient relies on.
func TestSumRowsIsAdjointOfAddRowVector(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 10; trial++ {
		m, n := 1+rng.IntN(6), 1+rng.IntN(6)
		v, g := RandN(rng, n), RandN(rng, m, n)
		bv := Zeros(m, n)
		AddRowVector(bv, Zeros(m, n), v)
		sg := Zeros(n)
		SumRows(sg, g, 0)
		lhs, rhs := 0.0, 0.0
		for i, x := range bv.Data() {
			lhs += x * g.Data()[i]
		}
		for j, x := range v.Data() {
			rhs += x * sg.Data()[j]
		}
		if !closeTo(lhs, rhs, 1e-12) {
			t.Fatalf("[%d %d]: %v != %v", m, n, lhs, rhs)
		}
	}
}
