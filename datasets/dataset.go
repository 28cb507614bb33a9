package datasets

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/nnlab/nnlab/tensor"
)

// Dataset is a data set: one row of features per example and its target,
// the index of its class (classification) or a number (regression, when
// Values is not nil).
type Dataset struct {
	// X holds the features, shape [n, d], one row per example.
	X *tensor.Tensor
	// Y holds each row's class, an index into Classes; nil for regression.
	Y []int
	// Classes names the classes; Y[i] indexes it. Nil for regression.
	Classes []string
	// Values holds each row's target for regression; nil for
	// classification.
	Values []float64
	// Features names the columns of X.
	Features []string
	// Target names the column the labels came from, for data read from a
	// CSV file; empty for generated data.
	Target string
	// Source describes the input a CSV data set was read from, its digest
	// included; nil for generated data and for parts such as Subset's.
	Source *CSVInfo
}

// IsRegression reports whether d's targets are numbers (Values) rather
// than classes.
func (d *Dataset) IsRegression() bool { return d.Values != nil }

// Len returns the number of examples (rows of X).
func (d *Dataset) Len() int {
	if d.IsRegression() {
		return len(d.Values)
	}
	return len(d.Y)
}

// NumFeatures returns the number of feature columns.
func (d *Dataset) NumFeatures() int { return d.X.Cols() }

// NumClasses returns the number of classes, whether or not each occurs.
func (d *Dataset) NumClasses() int { return len(d.Classes) }

// ClassCounts returns how many rows each class has, indexed like Classes.
// It panics if a label is outside the classes, as that is a broken Dataset
// rather than bad input.
func (d *Dataset) ClassCounts() []int {
	counts := make([]int, len(d.Classes))
	for i, y := range d.Y {
		if y < 0 || y >= len(counts) {
			panic(fmt.Sprintf("datasets: ClassCounts: Y[%d] = %d outside %d classes", i, y, len(counts)))
		}
		counts[y]++
	}
	return counts
}

// Subset returns a new Dataset holding copies of the rows idx, in that order;
// an index may repeat. It panics on an index out of range.
func (d *Dataset) Subset(idx []int) *Dataset {
	n, c := d.X.Rows(), d.X.Cols()
	if n != d.Len() {
		panic(fmt.Sprintf("datasets: Subset: X has shape %v but there are %d targets", d.X.Shape(), d.Len()))
	}
	src := d.X.Data()
	x := make([]float64, len(idx)*c)
	var y []int
	var values []float64
	if d.IsRegression() {
		values = make([]float64, len(idx))
	} else {
		y = make([]int, len(idx))
	}
	for k, i := range idx {
		if i < 0 || i >= n {
			panic(fmt.Sprintf("datasets: Subset: index %d out of range for %d rows", i, n))
		}
		copy(x[k*c:(k+1)*c], src[i*c:(i+1)*c])
		if values != nil {
			values[k] = d.Values[i]
		} else {
			y[k] = d.Y[i]
		}
	}
	return &Dataset{
		X:        tensor.New(x, len(idx), c),
		Y:        y,
		Values:   values,
		Classes:  slices.Clone(d.Classes),
		Features: append([]string(nil), d.Features...),
		Target:   d.Target,
	}
}

// Validate reports the first inconsistency in d: a missing or non-matrix X,
// row and label counts that differ, feature names that do not match the
// columns, a label outside Classes, or a feature that is NaN or infinite.
func (d *Dataset) Validate() error {
	if d.X == nil {
		return fmt.Errorf("datasets: X is nil")
	}
	if d.X.Dims() != 2 {
		return fmt.Errorf("datasets: X has shape %v, want [rows, features]", d.X.Shape())
	}
	n, c := d.X.Rows(), d.X.Cols()
	if d.IsRegression() {
		if err := d.validateValues(); err != nil {
			return err
		}
	} else if n != len(d.Y) {
		return fmt.Errorf("datasets: X has %d rows but Y has %d labels", n, len(d.Y))
	}
	if len(d.Features) != c {
		return fmt.Errorf("datasets: %d feature names for %d columns", len(d.Features), c)
	}
	if len(d.Classes) == 0 && n > 0 && !d.IsRegression() {
		return fmt.Errorf("datasets: %d rows but no classes", n)
	}
	for i, y := range d.Y {
		if y < 0 || y >= len(d.Classes) {
			return fmt.Errorf("datasets: Y[%d] = %d outside the %d classes", i, y, len(d.Classes))
		}
	}
	for k, v := range d.X.Data() {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("datasets: X[%d, %d] = %v, want a finite number", k/c, k%c, v)
		}
	}
	return nil
}

// validateValues checks a regression set's targets.
func (d *Dataset) validateValues() error {
	if d.Y != nil || d.Classes != nil {
		return fmt.Errorf("datasets: both Values (regression) and Y or Classes (classification) are set")
	}
	if n := d.X.Rows(); n != len(d.Values) {
		return fmt.Errorf("datasets: X has %d rows but Values has %d targets", n, len(d.Values))
	}
	for i, v := range d.Values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("datasets: Values[%d] = %v, want a finite number", i, v)
		}
	}
	return nil
}

// indexNames returns "0", "1", ..., the names generated sets give their
// classes.
func indexNames(k int) []string {
	names := make([]string, k)
	for i := range names {
		names[i] = strconv.Itoa(i)
	}
	return names
}
