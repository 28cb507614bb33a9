package tensor

import (
	"fmt"
	"math"
)

// fmaGemm is the assembly kernels' arithmetic written in Go, so that a
// build without them (-tags purego, arm64, WebAssembly, an x86 CPU without
// AVX2 and FMA) computes the same bits: the lab's page must show the run
// `train fit` makes. Each element of c is, as in gemm_packed.go and
// gemm_small.go, a sum over k blocks of at most gemmKC (balanced), and
// within a block s = fma(a, b, s) for p = 0, 1, ... from s = 0, then
// c = alpha·s (beta = 0, c not read) or fma(beta, c, alpha·s), later
// blocks with beta = 1. gonum's Dgemm and the plain loops of
// matmul_small.go round otherwise (a product and then a sum, in their own
// order); they stay registered for tests and benchmarks, ranked below.
//
// math.FMA is one instruction on amd64 and arm64 and exact software
// elsewhere (WebAssembly has no fused multiply-add), where it costs
// several times a multiply and an add: the price of the same bits.
func fmaGemm(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int,
	b []float64, ldb int, beta float64, c []float64, ldc int) {
	if len(c) < (m-1)*ldc+n || len(a) < gemmExtent(transA, m, k, lda) || len(b) < gemmExtent(transB, k, n, ldb) {
		panic(fmt.Sprintf("tensor: gemm: slices of %d, %d, %d values are too short for %d×%d×%d",
			len(a), len(b), len(c), m, k, n))
	}
	ai, ap := lda, 1 // op(a)[i, p] = a[i·ai + p·ap]
	if transA {
		ai, ap = 1, lda
	}
	kcb := balanced(k, gemmKC, 1)
	for pc := 0; pc < k; pc += kcb {
		kb := min(kcb, k-pc)
		bet := beta
		if pc > 0 {
			bet = 1 // later k blocks add to the first block's result
		}
		for i := range m {
			ar := a[i*ai+pc*ap:]
			cr := c[i*ldc : i*ldc+n]
			if transB {
				fmaDots(kb, ar, ap, b[pc:], ldb, alpha, bet, cr)
			} else {
				fmaRows(kb, ar, ap, b[pc*ldb:], ldb, alpha, bet, cr)
			}
		}
	}
}

// gemmKC is the k block of every kernel (gemm_amd64.go's kc), on which
// the bits of a long sum depend.
const gemmKC = 256

// fmaDots sets row cr of c from the dot products of the row of op(a) at
// ar (stride ap) with the rows of b (b stored transposed, row stride ldb),
// over kb steps.
func fmaDots(kb int, ar []float64, ap int, b []float64, ldb int, alpha, beta float64, cr []float64) {
	for j := range cr {
		bj := b[j*ldb:][:kb]
		s := 0.0
		if ap == 1 {
			for p, y := range bj {
				s = math.FMA(ar[p], y, s)
			}
		} else {
			for p, y := range bj {
				s = math.FMA(ar[p*ap], y, s)
			}
		}
		cr[j] = fmaFinish(s, alpha, beta, cr[j])
	}
}

// fmaRows sets row cr of c from the row of op(a) at ar (stride ap) times
// the kb rows of b (row stride ldb), a strip of columns at a time, each
// column's sum kept in acc in the order of p.
func fmaRows(kb int, ar []float64, ap int, b []float64, ldb int, alpha, beta float64, cr []float64) {
	var acc [64]float64
	for j0 := 0; j0 < len(cr); j0 += len(acc) {
		s := acc[:min(len(acc), len(cr)-j0)]
		clear(s)
		for p := range kb {
			x := ar[p*ap]
			for j, y := range b[p*ldb+j0:][:len(s)] {
				s[j] = math.FMA(x, y, s[j])
			}
		}
		for j, v := range s {
			cr[j0+j] = fmaFinish(v, alpha, beta, cr[j0+j])
		}
	}
}

// fmaFinish is a kernel's last step for one element: alpha·s, added to
// beta·c unless beta is zero (then c is not read, as in BLAS).
func fmaFinish(s, alpha, beta, c float64) float64 {
	s *= alpha
	if beta == 0 {
		return s
	}
	return math.FMA(beta, c, s)
}

func init() {
	// Every element is computed alone in a fixed order, so any split of
	// the output has the same bits. The small path takes what the packed
	// kernels would (gemm_small_amd64.go's limits for AVX2), whichever
	// registered kernel wins.
	registerGemm(gemmImpl{name: "fma-go", rank: 5, fn: fmaGemm, splitRows: 4, splitCols: 4})
	registerSmall(smallImpl{name: "small-fma-go", rank: 5, fn: fmaGemm, max: 40 * 40 * 40, maxT: 8192})
}
