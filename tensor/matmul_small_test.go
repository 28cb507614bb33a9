package tensor

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"sync/atomic"
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

// TestMatMulDispatchesSmall checks that MatMul hands a product to the
// active small path up to its limit and to the active GEMM above it, with
// spies in their places: the assembly paths give the same bits, so the
// results alone cannot tell.
func TestMatMulDispatchesSmall(t *testing.T) {
	savedSmall, savedGemm := smallActive, gemmActive
	defer func() { smallActive, gemmActive = savedSmall, savedGemm }()
	var took atomic.Value // a split product's blocks call the spy on several goroutines
	spy := func(name string, fn gemmFunc) gemmFunc {
		return func(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int,
			b []float64, ldb int, beta float64, c []float64, ldc int) {
			took.Store(name)
			fn(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		}
	}
	smallActive.fn = spy("small", savedSmall.fn)
	gemmActive.fn = spy("gemm", savedGemm.fn)
	rng := rand.New(rand.NewPCG(7, 8))
	for _, tb := range []bool{false, true} {
		limit := smallMatMulMax(tb)
		for _, d := range [][3]int{{1, 1, 1}, {32, 16, 2}, {1, 1, limit}, {1, 1, limit + 1}, {4, 8, limit/32 + 1}, {100, 100, 100}} {
			m, n, k := d[0], d[1], d[2]
			a, b := RandN(rng, m, k), RandN(rng, k, n)
			if tb {
				b = RandN(rng, n, k)
			}
			took.Store("")
			MatMul(Zeros(m, n), a, b, false, tb, 1, 0)
			want := "gemm"
			if m*n*k <= limit {
				want = "small"
			}
			if took.Load() != want {
				t.Errorf("%d×%d×%d, transB %v (limit %d): MatMul took the %q path, want %q", m, n, k, tb, limit, took.Load(), want)
			}
		}
	}
}

// TestSmallGemmBitsMatchPacked holds the unpacked kernels to the packed
// kernels' bits, so that MatMul's choice between them, a matter of speed,
// never shows in a result: for every transpose case, coefficient pair and
// shape, including ones that span several k blocks and narrow strips.
func TestSmallGemmBitsMatchPacked(t *testing.T) {
	ref := &gemmKernel{mr: 1, nr: 1, kc: 256, mc: 1, nc: 1, tile: tileGo(1, 1)}
	var gs []gemmUnderTest
	for _, g := range gemmsUnderTest() {
		if g.fixed && !strings.HasSuffix(g.name, "-smallblocks") && !strings.HasPrefix(g.name, "go") &&
			!strings.HasPrefix(g.name, "small-go") {
			gs = append(gs, g)
		}
	}
	if len(asmKernels()) > 0 && len(gs) < 4 {
		t.Fatalf("only %d kernels to compare", len(gs))
	}
	rng := rand.New(rand.NewPCG(17, 18))
	for _, d := range [][3]int{{1, 1, 1}, {32, 16, 2}, {16, 2, 32}, {32, 1, 16}, {1, 16, 32}, {37, 23, 257}, {17, 9, 600}, {3, 40, 5}} {
		for _, co := range gemmCoeffs {
			for _, ta := range []bool{false, true} {
				for _, tb := range []bool{false, true} {
					tc := gemmCase{m: d[0], n: d[1], k: d[2], transA: ta, transB: tb, alpha: co[0], beta: co[1]}
					a, b, c0 := tc.operands(rng)
					lda, ldb := tc.lds()
					want := append([]float64(nil), c0...)
					ref.gemm(ta, tb, tc.m, tc.n, tc.k, tc.alpha, a, lda, b, ldb, tc.beta, want, tc.n)
					for _, g := range gs {
						c := append([]float64(nil), c0...)
						g.fn(ta, tb, tc.m, tc.n, tc.k, tc.alpha, a, lda, b, ldb, tc.beta, c, tc.n)
						assertBits(t, fmt.Sprintf("%s %v", g.name, tc), c, want)
					}
				}
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
	for _, s := range []int{16, 24, 32, 40, 48, 64, 80, 96, 128} {
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
		for _, g := range smallImpls {
			b.Run(s.name+"/"+g.name, func(b *testing.B) {
				for b.Loop() {
					g.fn(s.ta, s.tb, s.m, s.n, s.k, 1, a.Data(), lda, bb.Data(), ldb, s.beta, c.Data(), s.n)
				}
				b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			})
		}
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

// TestSmallShapesEveryPath runs every path (the registered GEMMs and small
// paths, the test kernels of gemmsUnderTest, and MatMul with its dispatch)
// against the naive triple loop on a grid of small shapes around the tile
// sizes (1, 4, 8 and 16 rows; 4, 8, 12, 16 and 24 columns), in all four
// transpose cases, with every coefficient pair in turn.
func TestSmallShapesEveryPath(t *testing.T) {
	gs := append(gemmsUnderTest(), gemmUnderTest{name: "MatMul", fn: matMulAsGemm})
	ms := []int{1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 24, 33}
	ns := []int{1, 2, 3, 4, 5, 7, 8, 9, 12, 15, 16, 17, 23, 24, 25, 32, 33}
	ks := []int{1, 2, 3, 16, 31}
	rng := rand.New(rand.NewPCG(19, 20))
	i := 0
	for _, m := range ms {
		for _, n := range ns {
			for _, k := range ks {
				for _, ta := range []bool{false, true} {
					for _, tb := range []bool{false, true} {
						co := gemmCoeffs[i%len(gemmCoeffs)]
						i++
						tc := gemmCase{m: m, n: n, k: k, transA: ta, transB: tb, alpha: co[0], beta: co[1]}
						for _, g := range gs {
							checkGemm(t, g, tc, rng)
						}
					}
				}
			}
		}
	}
}

// matMulAsGemm is MatMul as a gemmFunc on unpadded operands.
func matMulAsGemm(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int,
	b []float64, ldb int, beta float64, c []float64, ldc int) {
	ar, ac, br, bc := m, k, k, n
	if transA {
		ar, ac = k, m
	}
	if transB {
		br, bc = n, k
	}
	MatMul(New(c, m, n), New(a, ar, ac), New(b, br, bc), transA, transB, alpha, beta)
}
