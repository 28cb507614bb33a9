package tensor

// Small products, such as the tiny MLP's 32×16×16, finish in less time
// than a general GEMM needs to pack its operands and pick its blocks, so
// MatMul runs them in the plain loops below instead. The crossover was
// measured with BenchmarkMatMulSmall: the loops win up to m·n·k of about
// smallMatMul on an AVX2/AVX-512 machine.
const smallMatMul = 16 * 1024

// matMulSmall sets the m×n c = alpha·op(a)·op(b) + beta·c for row-major
// a and b whose op is a k×… and …×n matrix, as gemmFunc with packed
// strides; beta = 0 ignores c's old contents. a is read through its
// strides along the rows and the depth of op(a), so that one loop serves
// a and aᵀ.
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
// and j of b. Two rows of a and four of b go together, so that each load
// feeds several of the eight running sums.
func smallDots(m, n, k int, alpha float64, a, b []float64, beta float64, c []float64) {
	i := 0
	for ; i+2 <= m; i += 2 {
		a0 := a[i*k : (i+1)*k]
		a1 := a[(i+1)*k:][:len(a0)]
		c0 := c[i*n : (i+1)*n]
		c1 := c[(i+1)*n:][:len(c0)]
		j := 0
		for ; j+4 <= n; j += 4 {
			b0 := b[j*k:][:len(a0)]
			b1 := b[(j+1)*k:][:len(a0)]
			b2 := b[(j+2)*k:][:len(a0)]
			b3 := b[(j+3)*k:][:len(a0)]
			var s00, s01, s02, s03, s10, s11, s12, s13 float64
			for p, x := range a0 {
				y := a1[p]
				v0, v1, v2, v3 := b0[p], b1[p], b2[p], b3[p]
				s00 += x * v0
				s01 += x * v1
				s02 += x * v2
				s03 += x * v3
				s10 += y * v0
				s11 += y * v1
				s12 += y * v2
				s13 += y * v3
			}
			q, r := c0[j:j+4:j+4], c1[j:j+4:j+4]
			q[0], q[1], q[2], q[3] = axpby(alpha, s00, beta, q[0]), axpby(alpha, s01, beta, q[1]), axpby(alpha, s02, beta, q[2]), axpby(alpha, s03, beta, q[3])
			r[0], r[1], r[2], r[3] = axpby(alpha, s10, beta, r[0]), axpby(alpha, s11, beta, r[1]), axpby(alpha, s12, beta, r[2]), axpby(alpha, s13, beta, r[3])
		}
		for ; j < n; j++ {
			bj := b[j*k:][:len(a0)]
			var s0, s1 float64
			for p, v := range bj {
				s0 += a0[p] * v
				s1 += a1[p] * v
			}
			c0[j], c1[j] = axpby(alpha, s0, beta, c0[j]), axpby(alpha, s1, beta, c1[j])
		}
	}
	if i < m {
		smallDotsStrided(m-i, n, k, alpha, a[i*k:], k, 1, b, beta, c[i*n:])
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
	for i := range m {
		cr := c[i*n : (i+1)*n]
		scaleBeta(cr, beta)
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
