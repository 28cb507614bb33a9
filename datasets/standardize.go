package datasets

import (
	"fmt"
	"math"

	"github.com/nnlab/nnlab/tensor"
)

// Standardizer rescales each feature column to mean 0 and standard
// deviation 1, as scikit-learn's StandardScaler. Fit it on the training rows
// only and apply it to every part, so that the test rows tell the model
// nothing during training.
type Standardizer struct {
	// Mean holds each column's mean.
	Mean []float64
	// Std holds each column's population standard deviation, or 1 for a
	// constant column.
	Std []float64
}

// FitStandardizer returns the column means and population standard
// deviations of the matrix x. A constant column gets standard deviation 1,
// so that it maps to 0 instead of dividing by zero. It panics if x is not a
// matrix with at least one row.
func FitStandardizer(x *tensor.Tensor) Standardizer {
	if x.Dims() != 2 || x.Rows() == 0 {
		panic(fmt.Sprintf("datasets: FitStandardizer: need a matrix with rows, have shape %v", x.Shape()))
	}
	n, c := x.Rows(), x.Cols()
	data := x.Data()
	s := Standardizer{Mean: make([]float64, c), Std: make([]float64, c)}
	lo, hi := make([]float64, c), make([]float64, c)
	copy(lo, data[:c])
	copy(hi, data[:c])
	for i := 0; i < n; i++ {
		for j, v := range data[i*c : (i+1)*c] {
			s.Mean[j] += v
			lo[j] = min(lo[j], v)
			hi[j] = max(hi[j], v)
		}
	}
	for j := range s.Mean {
		s.Mean[j] /= float64(n)
	}
	// Two passes rather than a running sum of squares, which loses every
	// digit when the mean is large against the spread.
	for i := 0; i < n; i++ {
		for j, v := range data[i*c : (i+1)*c] {
			dv := v - s.Mean[j]
			s.Std[j] += float64(dv * dv)
		}
	}
	for j := range s.Std {
		if lo[j] == hi[j] {
			// The rounded mean of a constant column need not equal
			// the constant, and the tiny deviations left would be
			// blown up to ±1; test constancy exactly instead.
			s.Mean[j], s.Std[j] = lo[j], 1
			continue
		}
		s.Std[j] = math.Sqrt(s.Std[j] / float64(n))
	}
	return s
}

// Transform returns a standardised copy of x, which must have one column per
// fitted feature.
func (s Standardizer) Transform(x *tensor.Tensor) *tensor.Tensor {
	y := x.Clone()
	s.TransformInPlace(y)
	return y
}

// TransformInPlace standardises x in place. It panics if x is not a matrix
// with one column per fitted feature.
func (s Standardizer) TransformInPlace(x *tensor.Tensor) {
	if x.Dims() != 2 || x.Cols() != len(s.Mean) || len(s.Std) != len(s.Mean) {
		panic(fmt.Sprintf("datasets: Standardizer.Transform: shape %v for a standardizer of %d means and %d deviations", x.Shape(), len(s.Mean), len(s.Std)))
	}
	c := len(s.Mean)
	data := x.Data()
	for i := 0; i < len(data); i += c {
		row := data[i : i+c]
		for j := range row {
			row[j] = (row[j] - s.Mean[j]) / s.Std[j]
		}
	}
}
