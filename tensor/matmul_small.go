package tensor

import "fmt"

// Small products go to a path of their own: below some m·n·k, a general
// GEMM's set-up costs more than the arithmetic. gonum's Dgemm spends
// microseconds per call on checks and dispatch; the packed kernels copy
// both operands and pad a product with 16 or 1 columns to whole 24- or
// 12-wide tiles. MatMul runs a product on the active small path (the
// highest-ranked one registered) when m·n·k is at most its limit:
//
//   - small-avx512, small-avx2 (amd64; gemm_small.go): unpacked assembly
//     tiles, whose bits match the packed kernels'.
//   - loops (everywhere): the plain Go loops below.
//
// The limits come from BenchmarkMatMulSmall and BenchmarkMatMul
// (GOMAXPROCS=1, on the 2-core AVX-512 machine of docs/performance.md).

// smallImpl is a multiply for small products: it takes every product with
// m·n·k up to max, or up to maxT when b is transposed.
type smallImpl struct {
	name      string
	rank      int // the highest-ranked implementation is MatMul's
	fn        gemmFunc
	max, maxT int
}

// smallImpls lists every small path registered for this build and CPU:
// the loops always, then the assembly tiles the CPU supports.
var smallImpls = []smallImpl{{name: "loops", rank: 0, fn: loopsGemm, max: loopsMax, maxT: loopsMax}}

// smallActive is the small path MatMul uses.
var smallActive = smallImpls[0]

// registerSmall adds a small path at init time; the highest rank wins.
func registerSmall(s smallImpl) {
	smallImpls = append(smallImpls, s)
	if s.rank > smallActive.rank {
		smallActive = s
	}
}

// Limits of the loops. They beat gonum's Dgemm on every product of the
// tiny workload and on cubes up to 32³, and lose from 40³ on. Where the
// fastest GEMM is OpenBLAS or a packed kernel but no unpacked tiles are
// registered (-tags openblas on arm64, or on an x86 CPU without AVX2),
// they win only where one dimension is 1 (against the packed kernels,
// 32×1×16: 0.26 µs against 0.58–0.71), and lose by 2× from m·n·k = 1,024
// (32×16×2: 1.3 µs against 0.63–0.88).
const (
	loopsMax       = 32 * 32 * 32
	loopsMaxPacked = 512
)

// smallMatMulMax returns the largest m·n·k that MatMul hands to the small
// path rather than to the active GEMM, for b transposed or not.
func smallMatMulMax(transB bool) int {
	if smallActive.name == "loops" && gemmActive.name != "gonum" {
		return loopsMaxPacked
	}
	if transB {
		return smallActive.maxT
	}
	return smallActive.max
}

// loopsGemm is matMulSmall as a gemmFunc, for operands stored without
// padding (lda, ldb and ldc the row lengths), as MatMul passes them.
func loopsGemm(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int,
	b []float64, ldb int, beta float64, c []float64, ldc int) {
	wantA, wantB := k, n
	if transA {
		wantA = m
	}
	if transB {
		wantB = k
	}
	if lda != wantA || ldb != wantB || ldc != n {
		panic(fmt.Sprintf("tensor: loopsGemm: strides %d, %d, %d of a %d×%d×%d product are not the row lengths",
			lda, ldb, ldc, m, k, n))
	}
	matMulSmall(transA, transB, m, n, k, alpha, a, b, beta, c)
}

// matMulSmall sets the m×n matrix c to alpha·op(a)·op(b) + beta·c, where
// op(a) is m×k and op(b) is k×n, all stored row-major with no padding;
// beta = 0 ignores c's old contents, as in gemmFunc. Where the loops do not
// care which way a is stored, they read op(a) through strides, so that
// one loop serves a and aᵀ.
func matMulSmall(transA, transB bool, m, n, k int, alpha float64, a, b []float64, beta float64, c []float64) {
	ai, ap := k, 1 // op(a)[i, p] = a[i·ai + p·ap]
	if transA {
		ai, ap = 1, m
	}
	switch {
	case transB && !transA:
		smallDots(m, n, k, alpha, a, b, beta, c)
	case transB:
		smallDotsStrided(m, n, k, alpha, a, ai, ap, b, beta, c)
	default:
		smallRows(m, n, k, alpha, a, ai, ap, b, beta, c)
	}
}

// smallDots is the product a·bᵀ: c[i, j] is the dot product of rows i of a
// and j of b. It runs four dot products at a time, so that each load feeds
// four independent sums: one row of a against four rows of b, and for the
// columns left over, four rows of a against one row of b (a product with
// one column, such as a one-logit output layer, is all leftover).
func smallDots(m, n, k int, alpha float64, a, b []float64, beta float64, c []float64) {
	n4 := n - n%4
	for i := range m {
		ar := a[i*k : (i+1)*k]
		cr := c[i*n : (i+1)*n]
		for j := 0; j < n4; j += 4 {
			b0 := b[j*k:][:len(ar)]
			b1 := b[(j+1)*k:][:len(ar)]
			b2 := b[(j+2)*k:][:len(ar)]
			b3 := b[(j+3)*k:][:len(ar)]
			var s0, s1, s2, s3 float64
			for p, x := range ar {
				s0 += x * b0[p]
				s1 += x * b1[p]
				s2 += x * b2[p]
				s3 += x * b3[p]
			}
			q := cr[j : j+4 : j+4]
			q[0], q[1] = axpby(alpha, s0, beta, q[0]), axpby(alpha, s1, beta, q[1])
			q[2], q[3] = axpby(alpha, s2, beta, q[2]), axpby(alpha, s3, beta, q[3])
		}
	}
	for j := n4; j < n; j++ {
		bj := b[j*k : (j+1)*k]
		i := 0
		for ; i+4 <= m; i += 4 {
			a0 := a[i*k:][:len(bj)]
			a1 := a[(i+1)*k:][:len(bj)]
			a2 := a[(i+2)*k:][:len(bj)]
			a3 := a[(i+3)*k:][:len(bj)]
			var s0, s1, s2, s3 float64
			for p, y := range bj {
				s0 += a0[p] * y
				s1 += a1[p] * y
				s2 += a2[p] * y
				s3 += a3[p] * y
			}
			c[i*n+j] = axpby(alpha, s0, beta, c[i*n+j])
			c[(i+1)*n+j] = axpby(alpha, s1, beta, c[(i+1)*n+j])
			c[(i+2)*n+j] = axpby(alpha, s2, beta, c[(i+2)*n+j])
			c[(i+3)*n+j] = axpby(alpha, s3, beta, c[(i+3)*n+j])
		}
		for ; i < m; i++ {
			ai := a[i*k:][:len(bj)]
			s := 0.0
			for p, y := range bj {
				s += ai[p] * y
			}
			c[i*n+j] = axpby(alpha, s, beta, c[i*n+j])
		}
	}
}

// smallDotsStrided is op(a)·bᵀ for any strides of op(a), one sum at a time.
func smallDotsStrided(m, n, k int, alpha float64, a []float64, ai, ap int, b []float64, beta float64, c []float64) {
	for i := range m {
		cr := c[i*n : (i+1)*n]
		for j := range cr {
			bj := b[j*k : (j+1)*k]
			s := 0.0
			for p, v := range bj {
				s += a[i*ai+p*ap] * v
			}
			cr[j] = axpby(alpha, s, beta, cr[j])
		}
	}
}

// smallRows is the product op(a)·b: row i of c gathers the rows of b
// weighted by row i of op(a), four rows of b per pass over c's row.
func smallRows(m, n, k int, alpha float64, a []float64, ai, ap int, b []float64, beta float64, c []float64) {
	scaleBeta(c[:m*n], beta)
	for i := range m {
		cr := c[i*n : (i+1)*n]
		p := 0
		for ; p+4 <= k; p += 4 {
			x0, x1 := alpha*a[i*ai+p*ap], alpha*a[i*ai+(p+1)*ap]
			x2, x3 := alpha*a[i*ai+(p+2)*ap], alpha*a[i*ai+(p+3)*ap]
			b0 := b[p*n:][:len(cr)]
			b1 := b[(p+1)*n:][:len(cr)]
			b2 := b[(p+2)*n:][:len(cr)]
			b3 := b[(p+3)*n:][:len(cr)]
			for j := range cr {
				cr[j] += (x0*b0[j] + x1*b1[j]) + (x2*b2[j] + x3*b3[j])
			}
		}
		for ; p < k; p++ {
			x := alpha * a[i*ai+p*ap]
			bp := b[p*n:][:len(cr)]
			for j := range cr {
				cr[j] += x * bp[j]
			}
		}
	}
}

// axpby returns alpha·s + beta·c, ignoring c when beta is 0 as BLAS does.
func axpby(alpha, s, beta, c float64) float64 {
	if beta == 0 {
		return alpha * s
	}
	return alpha*s + beta*c
}
