package tensor

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestMatMulSmallAgainstNaive runs the small-product loops directly, on
// shapes whose rows, columns and depth are and are not multiples of their
// unrolling by four, in every transpose case; with beta = 0 the
// destination starts as NaN, which must be ignored.
func TestMatMulSmallAgainstNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	dims := [][3]int{{1, 1, 1}, {4, 4, 4}, {32, 2, 16}, {32, 16, 1}, {1, 32, 16}, {16, 32, 2}, {5, 7, 9}, {3, 1, 8}}
	coeffs := [][2]float64{{1, 0}, {1, 1}, {-0.5, 2}, {2.5, -1}}
	for _, d := range dims {
		m, k, n := d[0], d[1], d[2]
		for _, ta := range []bool{false, true} {
			for _, tb := range []bool{false, true} {
				for _, ab := range coeffs {
					name := fmt.Sprintf("m%d_k%d_n%d_tA%v_tB%v_a%v_b%v", m, k, n, ta, tb, ab[0], ab[1])
					a, b := operand(rng, m, k, ta), operand(rng, k, n, tb)
					dst := RandN(rng, m, n)
					want := naiveMatMul(a, b, dst, ta, tb, ab[0], ab[1])
					if ab[1] == 0 {
						dst.Fill(math.NaN())
					}
					matMulSmall(ta, tb, m, n, k, ab[0], a.Data(), b.Data(), ab[1], dst.Data())
					assertSlice(t, name, dst.Data(), want, 1e-12)
				}
			}
		}
	}
}

// TestMatMulDispatchesSmall checks that MatMul takes the small path below
// the threshold and the general one above it, by the bits: the two sum in
// different orders, so some product of random data tells them apart.
func TestMatMulDispatchesSmall(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, d := range [][3]int{{4, 8, 16}, {32, 16, 16}, {64, 64, 64}} {
		m, k, n := d[0], d[1], d[2]
		a, b := RandN(rng, m, k), RandN(rng, n, k)
		got, small, general := Zeros(m, n), Zeros(m, n), Zeros(m, n)
		MatMul(got, a, b, false, true, 1, 0)
		matMulSmall(false, true, m, n, k, 1, a.Data(), b.Data(), 0, small.Data())
		gemmActive.fn(false, true, m, n, k, 1, a.Data(), k, b.Data(), k, 0, general.Data(), n)
		if slices.Equal(small.Data(), general.Data()) {
			t.Fatalf("%v: the two paths agree to the bit here; the test needs a shape that tells them apart", d)
		}
		want, wantName := general, "general"
		if m*n*k <= smallMatMulMax() {
			want, wantName = small, "small"
		}
		for i, v := range got.Data() {
			if math.Float64bits(v) != math.Float64bits(want.Data()[i]) {
				t.Fatalf("%v: MatMul differs from the %s path at %d: %v vs %v", d, wantName, i, v, want.Data()[i])
			}
		}
	}
}

// BenchmarkMatMulSmall times the small loops against every registered GEMM on
// the tiny workload's products and on square ones around the threshold,
// in the transpose cases Linear uses: y = x·Wᵀ (NT), dx = dy·W (NN),
// dW = dyᵀ·x (TN).
func BenchmarkMatMulSmall(b *testing.B) {
	type shape struct {
		name    string
		m, n, k int
		ta, tb  bool
		beta    float64
	}
	shapes := []shape{
		{"tiny_fwd1_32x16x2", 32, 16, 2, false, true, 0},
		{"tiny_fwd2_32x16x16", 32, 16, 16, false, true, 0},
		{"tiny_fwd3_32x1x16", 32, 1, 16, false, true, 0},
		{"tiny_dx3_32x16x1", 32, 16, 1, false, false, 1},
		{"tiny_dx2_32x16x16", 32, 16, 16, false, false, 1},
		{"tiny_dW3_1x16x32", 1, 16, 32, true, false, 1},
		{"tiny_dW2_16x16x32", 16, 16, 32, true, false, 1},
		{"tiny_dW1_16x2x32", 16, 2, 32, true, false, 1},
	}
	for _, s := range []int{16, 24, 32, 40, 48, 64} {
		shapes = append(shapes,
			shape{fmt.Sprintf("cube%d_NT", s), s, s, s, false, true, 0},
			shape{fmt.Sprintf("cube%d_NN", s), s, s, s, false, false, 1},
			shape{fmt.Sprintf("cube%d_TN", s), s, s, s, true, false, 1})
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, s := range shapes {
		a, bb := operand(rng, s.m, s.k, s.ta), operand(rng, s.k, s.n, s.tb)
		c := Zeros(s.m, s.n)
		lda, ldb := a.Cols(), bb.Cols()
		flops := 2 * float64(s.m*s.n*s.k)
		b.Run(s.name+"/small", func(b *testing.B) {
			for b.Loop() {
				matMulSmall(s.ta, s.tb, s.m, s.n, s.k, 1, a.Data(), bb.Data(), s.beta, c.Data())
			}
			b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
		for _, g := range gemmImpls {
			b.Run(s.name+"/"+g.name, func(b *testing.B) {
				for b.Loop() {
					g.fn(s.ta, s.tb, s.m, s.n, s.k, 1, a.Data(), lda, bb.Data(), ldb, s.beta, c.Data(), s.n)
				}
				b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			})
		}
	}
}
