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
