package tensor

import "math"

// Sum returns the sum of all elements.
func (t *Tensor) Sum() float64 {
	s := 0.0
	for _, v := range t.data {
		s += v
	}
	return s
}

// Mean returns the mean of all elements (NaN for an empty tensor).
func (t *Tensor) Mean() float64 { return t.Sum() / float64(len(t.data)) }

// Max returns the largest element (-Inf for an empty tensor).
func (t *Tensor) Max() float64 {
	m := math.Inf(-1)
	for _, v := range t.data {
		if v > m {
			m = v
		}
	}
	return m
}

// Norm returns the Euclidean norm of all elements.
func (t *Tensor) Norm() float64 {
	s := 0.0
	for _, v := range t.data {
		s += float64(v * v)
	}
	return math.Sqrt(s)
}

// ArgmaxRows returns, for each row of a matrix, the index of its largest
// element (the first one on ties, as PyTorch's argmax). It panics, naming
// a's shape, unless a is a matrix.
func ArgmaxRows(a *Tensor) []int {
	a.mustBe2D("ArgmaxRows")
	r, c := a.shape[0], a.shape[1]
	out := make([]int, r)
	for i := 0; i < r; i++ {
		row := a.data[i*c : (i+1)*c]
		best := 0
		for j, v := range row {
			if v > row[best] || (math.IsNaN(v) && !math.IsNaN(row[best])) {
				best = j
			}
		}
		out[i] = best
	}
	return out
}
