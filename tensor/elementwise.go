package tensor

import "fmt"

// Map sets dst[i] = f(a[i]). dst may be a. It panics, naming both shapes,
// if dst and a differ in shape or dst is a view shifted against a.
func Map(dst, a *Tensor, f func(float64) float64) {
	mustSameShape("Map", dst, a)
	mustNotShift("Map", dst, a)
	for i, v := range a.data {
		dst.data[i] = f(v)
	}
}

// Apply sets dst[i] = f(a[i], b[i]). dst may be a or b. It panics, naming
// the shapes, unless dst, a and b have one shape.
func Apply(dst, a, b *Tensor, f func(x, y float64) float64) {
	mustSameShape("Apply", a, b)
	mustSameShape("Apply", dst, a)
	mustNotShift("Apply", dst, a)
	mustNotShift("Apply", dst, b)
	for i, v := range a.data {
		dst.data[i] = f(v, b.data[i])
	}
}

// Add sets dst = a + b elementwise. dst may alias either operand. It
// panics, naming the shapes, unless dst, a and b have one shape.
func Add(dst, a, b *Tensor) {
	mustSameShape("Add", a, b)
	mustSameShape("Add", dst, a)
	mustNotShift("Add", dst, a)
	mustNotShift("Add", dst, b)
	for i, v := range a.data {
		dst.data[i] = v + b.data[i]
	}
}

// Sub sets dst = a - b elementwise. dst may alias either operand. It
// panics, naming the shapes, unless dst, a and b have one shape.
func Sub(dst, a, b *Tensor) {
	mustSameShape("Sub", a, b)
	mustSameShape("Sub", dst, a)
	mustNotShift("Sub", dst, a)
	mustNotShift("Sub", dst, b)
	for i, v := range a.data {
		dst.data[i] = v - b.data[i]
	}
}

// MulElem sets dst = a ⊙ b (elementwise product); the matrix product is
// [MatMul]. dst may alias either operand. It panics, naming the shapes,
// unless dst, a and b have one shape.
func MulElem(dst, a, b *Tensor) {
	mustSameShape("MulElem", a, b)
	mustSameShape("MulElem", dst, a)
	mustNotShift("MulElem", dst, a)
	mustNotShift("MulElem", dst, b)
	for i, v := range a.data {
		dst.data[i] = v * b.data[i]
	}
}

// AddScaled sets dst += alpha·a, the BLAS axpy. It panics, naming both
// shapes, if dst and a differ in shape.
func AddScaled(dst *Tensor, alpha float64, a *Tensor) {
	mustSameShape("AddScaled", dst, a)
	mustNotShift("AddScaled", dst, a)
	for i, v := range a.data {
		dst.data[i] += float64(alpha * v)
	}
}

// Scale multiplies every element of t by s in place.
func (t *Tensor) Scale(s float64) { scale(t.data, s) }

// AddRowVector sets dst[i,j] = a[i,j] + v[j]: it broadcasts the row vector v
// (shape [n] or [1,n]) over the rows of the [m,n] matrix a. dst may be a.
// It panics, naming the shapes, unless a is a matrix, v a row vector of
// its width and dst of a's shape.
func AddRowVector(dst, a, v *Tensor) {
	a.mustBe2D("AddRowVector")
	n := a.shape[1]
	if v.Len() != n || v.Dims() > 2 || (v.Dims() == 2 && v.shape[0] != 1) {
		panic(fmt.Sprintf("tensor: AddRowVector: row vector %v does not broadcast over %v", v.shape, a.shape))
	}
	mustSameShape("AddRowVector", dst, a)
	for i := 0; i < a.shape[0]; i++ {
		row, out := a.data[i*n:(i+1)*n], dst.data[i*n:(i+1)*n]
		for j, b := range v.data {
			out[j] = row[j] + b
		}
	}
}

// SumRows sets dst[j] = beta·dst[j] + Σ_i a[i,j]: the column sums of the
// [m,n] matrix a into a vector of n, the adjoint of [AddRowVector]. As in
// [MatMul], beta = 0 ignores dst's old contents, NaN included. It panics,
// naming the shapes, unless a is a matrix and dst has n elements.
func SumRows(dst, a *Tensor, beta float64) {
	a.mustBe2D("SumRows")
	n := a.shape[1]
	if dst.Len() != n {
		panic(fmt.Sprintf("tensor: SumRows: column sums of %v do not fit %v", a.shape, dst.shape))
	}
	d := dst.data[:n]
	scaleBeta(d, beta)
	// Each column's sum stays in a register from the first row to the
	// last, sixteen (AVX2, sumrows_amd64.s), eight or four columns per
	// pass down a: the additions are those of adding a into dst row after
	// row, in the same order, so the bits are too, without a load and a
	// store of dst per element.
	m, x := a.shape[0], a.data
	j := sumColumns(d, x, m, n)
	for ; j+8 <= n; j += 8 {
		q := d[j : j+8 : j+8]
		s0, s1, s2, s3, s4, s5, s6, s7 := q[0], q[1], q[2], q[3], q[4], q[5], q[6], q[7]
		for i := 0; i < m; i++ {
			r := x[i*n+j:][:8:8]
			s0, s1, s2, s3 = s0+r[0], s1+r[1], s2+r[2], s3+r[3]
			s4, s5, s6, s7 = s4+r[4], s5+r[5], s6+r[6], s7+r[7]
		}
		q[0], q[1], q[2], q[3], q[4], q[5], q[6], q[7] = s0, s1, s2, s3, s4, s5, s6, s7
	}
	for ; j+4 <= n; j += 4 {
		q := d[j : j+4 : j+4]
		s0, s1, s2, s3 := q[0], q[1], q[2], q[3]
		for i := 0; i < m; i++ {
			r := x[i*n+j:][:4:4]
			s0, s1, s2, s3 = s0+r[0], s1+r[1], s2+r[2], s3+r[3]
		}
		q[0], q[1], q[2], q[3] = s0, s1, s2, s3
	}
	for ; j < n; j++ {
		s := d[j]
		for i := 0; i < m; i++ {
			s += x[i*n+j]
		}
		d[j] = s
	}
}
