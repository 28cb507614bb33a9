package tensor

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// naiveMatMul returns alpha·op(a)·op(b) + beta·c by the textbook triple loop.
func naiveMatMul(a, b, c *Tensor, transA, transB bool, alpha, beta float64) []float64 {
	at := func(i, k int) float64 {
		if transA {
			return a.At(k, i)
		}
		return a.At(i, k)
	}
	bt := func(k, j int) float64 {
		if transB {
			return b.At(j, k)
		}
		return b.At(k, j)
	}
	m, n := c.Rows(), c.Cols()
	k := a.Cols()
	if transA {
		k = a.Rows()
	}
	out := make([]float64, m*n)
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			s := 0.0
			for p := 0; p < k; p++ {
				s += at(i, p) * bt(p, j)
			}
			out[i*n+j] = alpha*s + beta*c.At(i, j)
		}
	}
	return out
}

// operand returns a random matrix holding op(x) of shape [r, c] when
// transposed is set, that is, of shape [c, r].
func operand(rng *rand.Rand, r, c int, transposed bool) *Tensor {
	if transposed {
		return RandN(rng, c, r)
	}
	return RandN(rng, r, c)
}

func TestMatMulAgainstNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	dims := [][3]int{{1, 1, 1}, {1, 5, 1}, {1, 1, 7}, {6, 1, 1}, {1, 4, 6}, {5, 4, 1}, {3, 4, 5}, {7, 2, 3}}
	for i := 0; i < 12; i++ {
		dims = append(dims, [3]int{1 + rng.IntN(9), 1 + rng.IntN(9), 1 + rng.IntN(9)})
	}
	coeffs := [][2]float64{{1, 0}, {1, 1}, {-0.5, 2}, {2.5, -1}, {0, 1}, {0, 0}}
	for _, d := range dims {
		m, k, n := d[0], d[1], d[2]
		for _, ta := range []bool{false, true} {
			for _, tb := range []bool{false, true} {
				for _, ab := range coeffs {
					name := fmt.Sprintf("m%d_k%d_n%d_tA%v_tB%v_a%v_b%v", m, k, n, ta, tb, ab[0], ab[1])
					a := operand(rng, m, k, ta)
					b := operand(rng, k, n, tb)
					dst := RandN(rng, m, n)
					want := naiveMatMul(a, b, dst, ta, tb, ab[0], ab[1])
					MatMul(dst, a, b, ta, tb, ab[0], ab[1])
					for j := range want {
						if !closeTo(dst.Data()[j], want[j], 1e-12) {
							t.Fatalf("%s: element %d = %v, want %v", name, j, dst.Data()[j], want[j])
						}
					}
				}
			}
		}
	}
}

func TestMatMulAccumulates(t *testing.T) {
	// beta = 1 adds the product to what dst holds, as a backward pass
	// accumulating a gradient needs: two calls give twice the product.
	a := New([]float64{1, 2, 3, 4, 5, 6}, 2, 3)
	b := New([]float64{1, 0, -1, 2, 0.5, 1}, 3, 2)
	once := Zeros(2, 2)
	MatMul(once, a, b, false, false, 1, 0)
	acc := Zeros(2, 2)
	MatMul(acc, a, b, false, false, 1, 1)
	MatMul(acc, a, b, false, false, 1, 1)
	for i, v := range once.Data() {
		if acc.Data()[i] != 2*v {
			t.Fatalf("accumulated [%d] = %v, want %v", i, acc.Data()[i], 2*v)
		}
	}
	assertSlice(t, "MatMul", once.Data(), []float64{0.5, 7, 2, 16}, 1e-15)
}

func TestMatMulBetaZeroIgnoresDst(t *testing.T) {
	// With beta = 0 dst's old contents, even NaN, must not leak into the
	// result, as in BLAS; that includes an empty inner dimension.
	tests := []struct {
		name   string
		a, b   *Tensor
		want   []float64
		m, n   int
		ta, tb bool
		alpha  float64
	}{
		{"k=2", New([]float64{1, 2}, 1, 2), New([]float64{3, 4}, 2, 1), []float64{11}, 1, 1, false, false, 1},
		{"k=0", Zeros(2, 0), Zeros(0, 3), make([]float64, 6), 2, 3, false, false, 1},
		{"k=0 transposed", Zeros(0, 2), Zeros(3, 0), make([]float64, 6), 2, 3, true, true, 1},
		{"alpha=0", New([]float64{1, 2}, 1, 2), New([]float64{3, 4}, 2, 1), []float64{0}, 1, 1, false, false, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dst := Full(math.NaN(), tc.m, tc.n)
			MatMul(dst, tc.a, tc.b, tc.ta, tc.tb, tc.alpha, 0)
			assertSlice(t, "dst", dst.Data(), tc.want, 0)
		})
	}
}

func TestMatMulEmptyInnerScalesDst(t *testing.T) {
	dst := Full(3, 2, 2)
	MatMul(dst, Zeros(2, 0), Zeros(0, 2), false, false, 1, 0.5)
	assertSlice(t, "dst", dst.Data(), []float64{1.5, 1.5, 1.5, 1.5}, 0)
	empty := Zeros(0, 2)
	MatMul(empty, Zeros(0, 3), Zeros(3, 2), false, false, 1, 0) // no rows: nothing to do
}

func TestMatMulPanics(t *testing.T) {
	tests := []struct {
		name      string
		dst, a, b *Tensor
		ta, tb    bool
		want      []string
	}{
		{"inner", Zeros(2, 2), Zeros(2, 3), Zeros(2, 2), false, false, []string{"MatMul", "[2 3]", "[2 2]"}},
		{"dst rows", Zeros(3, 2), Zeros(2, 3), Zeros(3, 2), false, false, []string{"MatMul", "[3 2]"}},
		{"transA", Zeros(2, 2), Zeros(2, 3), Zeros(3, 2), true, false, []string{"MatMul", "[2 3]ᵀ", "[3 2]"}},
		{"transB", Zeros(2, 2), Zeros(2, 3), Zeros(3, 2), false, true, []string{"MatMul", "[2 3]", "[3 2]ᵀ"}},
		{"vector", Zeros(2, 2), Zeros(4), Zeros(2, 2), false, false, []string{"MatMul", "matrices", "[4]"}},
		{"vector dst", Zeros(4), Zeros(2, 2), Zeros(2, 2), false, false, []string{"MatMul", "[4]"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			expectPanic(t, func() { MatMul(tc.dst, tc.a, tc.b, tc.ta, tc.tb, 1, 0) }, tc.want...)
		})
	}
}
