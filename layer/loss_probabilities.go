package layer

import (
	"math"

	"github.com/nnlab/nnlab/internal/fmath"
	"github.com/nnlab/nnlab/tensor"
)

// The readings of outputs as probabilities that the built-in losses'
// Probabilities methods share.

func clip01(v float64) float64 { return math.Min(1, math.Max(0, v)) }

func nonNegative(v float64) float64 { return math.Max(0, v) }

// oneVsRest maps each output through p, the probability of its class
// against the rest; with several outputs it normalises each row to sum to
// one, or makes it uniform where all are 0.
func oneVsRest(out *tensor.Tensor, p func(float64) float64) *tensor.Tensor {
	q := out.Clone()
	for i, v := range q.Data() {
		q.Data()[i] = p(v)
	}
	if q.Cols() == 1 {
		return q
	}
	return rowwise(q, normaliseInPlace)
}

// rowwise returns a copy of out [n, k] with f applied to each row.
func rowwise(out *tensor.Tensor, f func(row []float64)) *tensor.Tensor {
	q := out.Clone()
	for i := range q.Rows() {
		f(q.Row(i))
	}
	return q
}

func normaliseInPlace(row []float64) {
	s := 0.0
	for _, v := range row {
		s += v
	}
	for j := range row {
		if s > 0 {
			row[j] /= s
		} else {
			row[j] = 1 / float64(len(row))
		}
	}
}

func expInPlace(row []float64) {
	for j, v := range row {
		row[j] = fmath.Exp(v)
	}
}

func softmaxInPlace(row []float64) {
	m := math.Inf(-1)
	for _, v := range row {
		m = math.Max(m, v)
	}
	s := 0.0
	for j, v := range row {
		row[j] = fmath.Exp(v - m)
		s += row[j]
	}
	for j := range row {
		row[j] /= s
	}
}
