package tensor

import "fmt"

// AddMM sets dst = bias + op(a)·op(b), the vector bias (of dst's width)
// added to every row: PyTorch's addmm(bias, a, b), which nn.Linear runs.
// As there, each row of dst starts as the bias and the product is added
// to it (MatMul with beta = 1), so the bits are those of copying the bias
// into every row and then calling MatMul. The packed kernels copy the
// bias into each tile of dst just before the tile's product, on the
// goroutine that computes it, so that its lines are written while the
// kernel computes rather than in a pass of their own, and never move
// between cores' caches in between.
//
// It panics, naming the shapes, unless a, b and dst are matrices of
// compatible shapes and bias a vector of dst's width, or if dst shares
// storage with a, b or bias.
func AddMM(dst, bias, a, b *Tensor, transA, transB bool) {
	m, n, k := matMulShape("AddMM", dst, a, b, transA, transB)
	if bias.Dims() != 1 || bias.Len() != n {
		panic(fmt.Sprintf("tensor: AddMM: bias %v does not fit rows of %v", bias.shape, dst.shape))
	}
	mustNotOverlap("AddMM", dst, bias)
	if m == 0 || n == 0 {
		return
	}
	g := gemmJob{transA: transA, transB: transB, m: m, n: n, k: k, alpha: 1, beta: 1,
		a: a.data, b: b.data, c: dst.data, lda: a.shape[1], ldb: b.shape[1], ldc: n, bias: bias.data}
	if k == 0 || m*n*k <= smallMatMulMax(transB) {
		g.fillBias(-1)
		MatMul(dst, a, b, transA, transB, 1, 1)
		return
	}
	gemmSplit(gemmActive, Threads(), g)
}
