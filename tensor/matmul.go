package tensor

import (
	"fmt"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

// MatMul computes dst = alpha·op(a)·op(b) + beta·dst, where op transposes
// its operand when the matching flag is set. It runs gonum's Dgemm directly
// on the tensors' slices: a transpose is a flag, never a copy. With beta = 0
// dst's old contents are ignored; with beta = 1 the product accumulates into
// dst, which backward passes use to add gradients in place.
//
// It panics unless a, b and dst are matrices of compatible shapes.
func MatMul(dst, a, b *Tensor, transA, transB bool, alpha, beta float64) {
	if a.Dims() != 2 || b.Dims() != 2 || dst.Dims() != 2 {
		panic(fmt.Sprintf("tensor: MatMul: need matrices, have %v and %v into %v", a.shape, b.shape, dst.shape))
	}
	m, k := a.shape[0], a.shape[1]
	if transA {
		m, k = k, m
	}
	k2, n := b.shape[0], b.shape[1]
	if transB {
		k2, n = n, k2
	}
	if k != k2 || dst.shape[0] != m || dst.shape[1] != n {
		panic(fmt.Sprintf("tensor: MatMul: shapes %v%s and %v%s do not give %v",
			a.shape, tick(transA), b.shape, tick(transB), dst.shape))
	}
	if m == 0 || n == 0 {
		return
	}
	if k == 0 {
		scaleBeta(dst.data, beta)
		return
	}
	ta, tb := blas.NoTrans, blas.NoTrans
	if transA {
		ta = blas.Trans
	}
	if transB {
		tb = blas.Trans
	}
	blas64.Gemm(ta, tb, alpha,
		blas64.General{Rows: a.shape[0], Cols: a.shape[1], Stride: a.shape[1], Data: a.data},
		blas64.General{Rows: b.shape[0], Cols: b.shape[1], Stride: b.shape[1], Data: b.data},
		beta,
		blas64.General{Rows: m, Cols: n, Stride: n, Data: dst.data})
}

// Mul returns the matrix product a·b in a new tensor.
func Mul(a, b *Tensor) *Tensor {
	if a.Dims() != 2 || b.Dims() != 2 {
		panic(fmt.Sprintf("tensor: Mul: need matrices, have %v and %v", a.shape, b.shape))
	}
	dst := Zeros(a.shape[0], b.shape[1])
	MatMul(dst, a, b, false, false, 1, 0)
	return dst
}

func tick(t bool) string {
	if t {
		return "ᵀ"
	}
	return ""
}

// scaleBeta applies a BLAS-style beta to a destination: beta = 0 clears it
// rather than multiplying, so that NaN or Inf there is ignored, as Dgemm
// ignores C when beta is 0.
func scaleBeta(x []float64, beta float64) {
	if beta == 0 {
		clear(x)
		return
	}
	scale(x, beta)
}

func scale(x []float64, beta float64) {
	if beta == 1 {
		return
	}
	for i := range x {
		x[i] *= beta
	}
}
