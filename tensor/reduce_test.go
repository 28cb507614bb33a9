package tensor

import (
	"math"
	"testing"
)

func TestWholeReductions(t *testing.T) {
	x := New([]float64{3, -4, 1, 0}, 2, 2)
	if x.Sum() != 0 || x.Mean() != 0 || x.Max() != 3 || !closeTo(x.Norm(), math.Sqrt(26), 1e-15) {
		t.Errorf("Sum %v Mean %v Max %v Norm %v", x.Sum(), x.Mean(), x.Max(), x.Norm())
	}
	y := New([]float64{2, 4, 9}, 3)
	if y.Sum() != 15 || y.Mean() != 5 || y.Max() != 9 {
		t.Errorf("Sum %v Mean %v Max %v", y.Sum(), y.Mean(), y.Max())
	}
	e := Zeros(0)
	if e.Sum() != 0 || !math.IsNaN(e.Mean()) || !math.IsInf(e.Max(), -1) || e.Norm() != 0 {
		t.Errorf("empty: Sum %v Mean %v Max %v Norm %v", e.Sum(), e.Mean(), e.Max(), e.Norm())
	}
}

func TestSumMeanAxis(t *testing.T) {
	a := New([]float64{1, 2, 3, 4, 5, 6}, 2, 3)
	tests := []struct {
		name  string
		got   *Tensor
		shape []int
		want  []float64
	}{
		{"SumAxis 0", SumAxis(a, 0), []int{3}, []float64{5, 7, 9}},
		{"SumAxis 1", SumAxis(a, 1), []int{2}, []float64{6, 15}},
		{"MeanAxis 0", MeanAxis(a, 0), []int{3}, []float64{2.5, 3.5, 4.5}},
		{"MeanAxis 1", MeanAxis(a, 1), []int{2}, []float64{2, 5}},
	}
	for _, tc := range tests {
		assertShape(t, tc.name, tc.got.Shape(), tc.shape)
		assertSlice(t, tc.name, tc.got.Data(), tc.want, 1e-15)
	}
	expectPanic(t, func() { SumAxis(a, 2) }, "SumAxis", "axis 2", "[2 3]")
	expectPanic(t, func() { SumAxis(Zeros(4), 0) }, "SumAxis", "[4]")
	expectPanic(t, func() { MeanAxis(a, -1) }, "SumAxis", "axis -1")
}

func TestArgmaxRows(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		name string
		rows [][]float64
		want []int
	}{
		{"distinct", [][]float64{{1, 3, 2}, {5, -1, 0}, {-3, -2, -1}}, []int{1, 0, 2}},
		{"ties take the first", [][]float64{{2, 2, 1}, {0, 7, 7}, {4, 4, 4}}, []int{0, 1, 0}},
		{"one column", [][]float64{{9}, {-9}}, []int{0, 0}},
		{"infinities", [][]float64{{-inf, -inf, 1}, {inf, inf, 0}}, []int{2, 0}},
		// PyTorch treats NaN as the largest value; the first one wins.
		{"NaN wins", [][]float64{{1, nan, 5}, {nan, 3, nan}, {2, 9, nan}}, []int{1, 0, 2}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := len(tc.rows[0])
			var data []float64
			for _, r := range tc.rows {
				data = append(data, r...)
			}
			got := ArgmaxRows(New(data, len(tc.rows), c))
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("got %v, want %v", got, tc.want)
				}
			}
		})
	}
	expectPanic(t, func() { ArgmaxRows(Zeros(3)) }, "ArgmaxRows", "[3]")
}
