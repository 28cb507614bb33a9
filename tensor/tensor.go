package tensor

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Tensor is a dense float64 array: a shape and row-major data. The zero
// value holds nothing and is not usable; make tensors with [New], [Zeros],
// [Full] or [Scalar].
type Tensor struct {
	shape []int
	data  []float64
}

// New returns a tensor of the given shape backed by data, which it keeps
// (no copy). It panics if len(data) is not the product of shape.
func New(data []float64, shape ...int) *Tensor {
	n := checkShape("New", shape)
	if len(data) != n {
		panic(fmt.Sprintf("tensor: New: %d values do not fill shape %v (%d)", len(data), shape, n))
	}
	return &Tensor{shape: append([]int(nil), shape...), data: data}
}

// Zeros returns a tensor of the given shape filled with zeros. It panics,
// naming the shape, if a dimension is negative or the element count
// overflows an int.
func Zeros(shape ...int) *Tensor {
	n := checkShape("Zeros", shape)
	return &Tensor{shape: append([]int(nil), shape...), data: make([]float64, n)}
}

// Full returns a tensor of the given shape filled with v.
func Full(v float64, shape ...int) *Tensor {
	t := Zeros(shape...)
	t.Fill(v)
	return t
}

// Scalar returns a tensor of shape [] holding v.
func Scalar(v float64) *Tensor { return &Tensor{shape: []int{}, data: []float64{v}} }

func checkShape(op string, shape []int) int {
	n := 1
	for _, d := range shape {
		if d < 0 {
			// A copy, so that shape does not escape and callers may pass
			// shapes on the stack.
			panic(fmt.Sprintf("tensor: %s: negative dimension in shape %v", op, append([]int(nil), shape...)))
		}
		if d != 0 && n > math.MaxInt/d {
			panic(fmt.Sprintf("tensor: %s: shape %v has more elements than an int can count", op, append([]int(nil), shape...)))
		}
		n *= d
	}
	return n
}

// Shape returns the tensor's shape. The caller must not modify it.
func (t *Tensor) Shape() []int { return t.shape }

// Data returns the tensor's row-major storage, shared, not copied.
func (t *Tensor) Data() []float64 { return t.data }

// Len returns the number of elements.
func (t *Tensor) Len() int { return len(t.data) }

// Dims returns the number of dimensions.
func (t *Tensor) Dims() int { return len(t.shape) }

// Rows returns the first dimension of a matrix (2-D tensor). It panics for
// other ranks.
func (t *Tensor) Rows() int { t.mustBe2D("Rows"); return t.shape[0] }

// Cols returns the second dimension of a matrix (2-D tensor). It panics for
// other ranks.
func (t *Tensor) Cols() int { t.mustBe2D("Cols"); return t.shape[1] }

func (t *Tensor) mustBe2D(op string) {
	if len(t.shape) != 2 {
		panic(fmt.Sprintf("tensor: %s: need a matrix, have shape %v", op, t.shape))
	}
}

// Item returns the single value of a tensor with one element. It panics,
// naming t's shape, for any other number of elements.
func (t *Tensor) Item() float64 {
	if len(t.data) != 1 {
		panic(fmt.Sprintf("tensor: Item: shape %v has %d elements, not 1", t.shape, len(t.data)))
	}
	return t.data[0]
}

// At returns the element at the given indices, one per dimension. It
// panics, naming the indices and t's shape, if they do not fit.
func (t *Tensor) At(idx ...int) float64 { return t.data[t.offset("At", idx)] }

// Set stores v at the given indices, one per dimension. It panics as At
// does.
func (t *Tensor) Set(v float64, idx ...int) { t.data[t.offset("Set", idx)] = v }

func (t *Tensor) offset(op string, idx []int) int {
	if len(idx) != len(t.shape) {
		panic(fmt.Sprintf("tensor: %s: %d indices for shape %v", op, len(idx), t.shape))
	}
	off := 0
	for i, x := range idx {
		if x < 0 || x >= t.shape[i] {
			// A copy in the message keeps idx from escaping, so that At
			// and Set allocate nothing.
			panic(fmt.Sprintf("tensor: %s: index %v out of range for shape %v", op, slices.Clone(idx), t.shape))
		}
		off = off*t.shape[i] + x
	}
	return off
}

// Row returns row i of a matrix as a slice sharing the tensor's storage.
// It panics unless t is a matrix with a row i.
func (t *Tensor) Row(i int) []float64 {
	c := t.Cols()
	return t.data[i*c : (i+1)*c]
}

// Clone returns a deep copy.
func (t *Tensor) Clone() *Tensor {
	return &Tensor{shape: append([]int(nil), t.shape...), data: append([]float64(nil), t.data...)}
}

// CopyFrom copies src's values into t. It panics, naming both shapes, if
// they differ.
func (t *Tensor) CopyFrom(src *Tensor) {
	mustSameShape("CopyFrom", t, src)
	copy(t.data, src.data)
}

// Reshape returns a tensor sharing t's storage with a new shape of the same
// size. It panics, naming both shapes, if the sizes differ or a dimension
// is negative.
func (t *Tensor) Reshape(shape ...int) *Tensor {
	n := checkShape("Reshape", shape)
	if n != len(t.data) {
		panic(fmt.Sprintf("tensor: Reshape: shape %v (%d) from %v (%d)", shape, n, t.shape, len(t.data)))
	}
	return &Tensor{shape: append([]int(nil), shape...), data: t.data}
}

// Fill sets every element to v.
func (t *Tensor) Fill(v float64) {
	for i := range t.data {
		t.data[i] = v
	}
}

// Zero sets every element to 0.
func (t *Tensor) Zero() { clearFloats(t.data) }

// SameShape reports whether a and b have equal shapes.
func SameShape(a, b *Tensor) bool { return EqualShape(a.shape, b.shape) }

// EqualShape reports whether two shapes are equal.
func EqualShape(a, b []int) bool { return slices.Equal(a, b) }

// mustSameShape panics, naming op and both shapes, unless a and b have equal
// shapes.
func mustSameShape(op string, a, b *Tensor) {
	if !SameShape(a, b) {
		panic(fmt.Sprintf("tensor: %s: shape mismatch %v and %v", op, a.shape, b.shape))
	}
}

// IsFinite reports whether every element is neither NaN nor infinite.
func (t *Tensor) IsFinite() bool {
	for _, v := range t.data {
		// v-v is 0 for every finite v and NaN for NaN and ±Inf: one test
		// instead of three, since a trainer checks every gradient each step.
		if v-v != 0 {
			return false
		}
	}
	return true
}

// String formats the tensor for humans, eliding long data.
func (t *Tensor) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Tensor%v[", t.shape)
	for i, v := range t.data {
		if i == 8 && len(t.data) > 10 {
			fmt.Fprintf(&b, " … (%d more)", len(t.data)-8)
			break
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%.6g", v)
	}
	b.WriteByte(']')
	return b.String()
}
