package tensor

import "fmt"

// MatMul computes dst = alpha·op(a)·op(b) + beta·dst, where op transposes
// its operand when the matching flag is set. It works on the tensors' own
// slices: a transpose is a flag, never a copy of the operand. A small
// product runs on the small path (unpacked assembly tiles on amd64 with
// AVX2+FMA or AVX-512, plain loops elsewhere; see matmul_small.go), a
// larger one in a packed assembly kernel where the CPU has one, in
// OpenBLAS under the openblas build tag, and in gonum's pure-Go Dgemm
// elsewhere (see gemm.go). With beta = 0
// dst's old contents are ignored; with beta = 1 the product accumulates into
// dst, which backward passes use to add gradients in place.
//
// It panics unless a, b and dst are matrices of compatible shapes, or
// if dst shares storage with a or b.
func MatMul(dst, a, b *Tensor, transA, transB bool, alpha, beta float64) {
	MatMulThreads(Threads(), dst, a, b, transA, transB, alpha, beta)
}

// MatMulThreads is MatMul split over at most threads goroutines, the
// caller's included, where MatMul takes Threads(). The result is the same
// for any threads. A job that runs independent products side by side (a
// layer's two gradient products) runs each with fewer threads, so that
// each stays on the core that started it.
//
// It panics as MatMul does, and if threads < 1.
func MatMulThreads(threads int, dst, a, b *Tensor, transA, transB bool, alpha, beta float64) {
	if threads < 1 {
		panic(fmt.Sprintf("tensor: MatMulThreads: %d threads", threads))
	}
	m, n, k := matMulShape("MatMul", dst, a, b, transA, transB)
	if m == 0 || n == 0 {
		return
	}
	if k == 0 || alpha == 0 {
		scaleBeta(dst.data, beta) // nothing to add: as in BLAS, a and b are not read
		return
	}
	if m*n*k <= smallMatMulMax(transB) {
		smallActive.fn(transA, transB, m, n, k, alpha, a.data, a.shape[1], b.data, b.shape[1], beta, dst.data, n)
		return
	}
	gemmThreads(gemmActive, threads, transA, transB, m, n, k, alpha, a.data, a.shape[1], b.data, b.shape[1], beta, dst.data, n)
}

// matMulShape returns the m×k by k×n shape of op(a)·op(b) into dst, for
// the function called name. It panics unless a, b and dst are matrices
// of compatible shapes, or if dst shares storage with a or b.
func matMulShape(name string, dst, a, b *Tensor, transA, transB bool) (m, n, k int) {
	if a.Dims() != 2 || b.Dims() != 2 || dst.Dims() != 2 {
		panic(fmt.Sprintf("tensor: %s: need matrices, have %v and %v into %v", name, a.shape, b.shape, dst.shape))
	}
	m, k = a.shape[0], a.shape[1]
	if transA {
		m, k = k, m
	}
	k2, n := b.shape[0], b.shape[1]
	if transB {
		k2, n = n, k2
	}
	if k != k2 || dst.shape[0] != m || dst.shape[1] != n {
		panic(fmt.Sprintf("tensor: %s: shapes %v%s and %v%s do not give %v",
			name, a.shape, tick(transA), b.shape, tick(transB), dst.shape))
	}
	mustNotOverlap(name, dst, a)
	mustNotOverlap(name, dst, b)
	return m, n, k
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
