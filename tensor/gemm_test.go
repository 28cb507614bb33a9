package tensor

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// gemmUnderTest is a gemmFunc with a name for failure messages.
type gemmUnderTest struct {
	name  string
	fn    gemmFunc
	fixed bool // sums in the packed kernels' fixed order: bits must not depend on transposes or splits
}

// gemmsUnderTest returns every implementation registered in this build and
// on this CPU, the packed kernels with blocking shrunk so that small
// products cross every block boundary (several k blocks, so the beta = 1
// path; several m and n blocks; edge tiles), the Go reference kernel with
// odd tiles, which checks the packing and blocking logic on every
// architecture, and the small paths: the registered ones, the assembly
// tiles with a shrunken k block, and the unpacked driver over Go tiles of
// odd sizes.
func gemmsUnderTest() []gemmUnderTest {
	var gs []gemmUnderTest
	for _, g := range gemmImpls {
		_, packed := asmKernels()[g.name]
		gs = append(gs, gemmUnderTest{g.name, g.fn, packed || g.name == "fma-go"})
	}
	// fma-go's tiles with emulated FMAs, which WebAssembly builds run,
	// and the fused ones, which the others do: both on every build.
	gs = append(gs, gemmUnderTest{"fma-go-emul", fmaEmulKernel.gemm, true}, gemmUnderTest{"fma-go-fused", fmaFusedKernel.gemm, true},
		gemmUnderTest{"small-fma-go-emul", fmaEmulSmall.gemm, true}, gemmUnderTest{"small-fma-go-fused", fmaFusedSmall.gemm, true})
	for name, k := range asmKernels() {
		s := *k
		s.kc, s.mc, s.nc = 5, 2*k.mr, 2*k.nr
		gs = append(gs, gemmUnderTest{name + "-smallblocks", s.gemm, true})
	}
	for _, t := range [][2]int{{3, 5}, {4, 4}, {1, 1}} {
		k := tileGoKernel(t[0], t[1])
		gs = append(gs, gemmUnderTest{fmt.Sprintf("go%dx%d", t[0], t[1]), k.gemm, true})
	}
	for _, s := range smallImpls {
		gs = append(gs, gemmUnderTest{s.name, s.fn, s.name != "loops"})
	}
	for name, s := range smallAsmKernels() {
		sb := *s
		sb.kc = 5
		gs = append(gs, gemmUnderTest{name + "-smallblocks", sb.gemm, true})
	}
	for _, t := range [][2]int{{3, 5}, {2, 1}, {1, 7}, {2, 6}} {
		s := &smallGemm{nr: t[1], kc: 6, tiles: []smallTile{{t[0], smallTileGo(t[0], t[1])}, {1, smallTileGo(1, t[1])}}}
		if t[1] >= 2 {
			s.narrow = []smallTile{{2 * t[0], smallTileGo(2*t[0], t[1]/2)}}
		}
		gs = append(gs, gemmUnderTest{fmt.Sprintf("small-go%dx%d", t[0], t[1]), s.gemm, true})
	}
	return gs
}

// gemmCase is one product: c (m×n) = alpha·op(a)·op(b) + beta·c.
type gemmCase struct {
	m, n, k     int
	transA      bool
	transB      bool
	alpha, beta float64
}

func (tc gemmCase) String() string {
	return fmt.Sprintf("m%d_n%d_k%d_tA%v_tB%v_a%v_b%v", tc.m, tc.n, tc.k, tc.transA, tc.transB, tc.alpha, tc.beta)
}

// lds returns the row strides of a and b as stored (transposed or not).
func (tc gemmCase) lds() (lda, ldb int) {
	lda, ldb = tc.k, tc.n
	if tc.transA {
		lda = tc.m
	}
	if tc.transB {
		ldb = tc.k
	}
	return lda, ldb
}

// operands draws a, b and c for the case; with beta = 0, c is all NaN,
// which the product must ignore.
func (tc gemmCase) operands(rng *rand.Rand) (a, b, c []float64) {
	a, b, c = make([]float64, tc.m*tc.k), make([]float64, tc.k*tc.n), make([]float64, tc.m*tc.n)
	for _, s := range [][]float64{a, b, c} {
		for i := range s {
			s[i] = rng.NormFloat64()
		}
	}
	if tc.beta == 0 {
		for i := range c {
			c[i] = math.NaN()
		}
	}
	return a, b, c
}

// naiveGemm returns the case's product by the textbook triple loop, and
// for each element a bound on the rounding error of any summation order:
// a few units in the last place of the sum of the terms' magnitudes per
// term summed.
func naiveGemm(tc gemmCase, a, b, c []float64) (want, bound []float64) {
	lda, ldb := tc.lds()
	want, bound = make([]float64, tc.m*tc.n), make([]float64, tc.m*tc.n)
	for i := 0; i < tc.m; i++ {
		for j := 0; j < tc.n; j++ {
			s, mag := 0.0, 0.0
			for p := 0; p < tc.k; p++ {
				ia, ib := i*lda+p, p*ldb+j
				if tc.transA {
					ia = p*lda + i
				}
				if tc.transB {
					ib = j*ldb + p
				}
				x, y := a[ia], b[ib]
				s += x * y
				mag += math.Abs(x * y)
			}
			v, vm := tc.alpha*s, math.Abs(tc.alpha)*mag
			if tc.beta != 0 {
				v += tc.beta * c[i*tc.n+j]
				vm += math.Abs(tc.beta * c[i*tc.n+j])
			}
			want[i*tc.n+j] = v
			bound[i*tc.n+j] = 4*float64(tc.k+2)*0x1p-52*vm + 1e-300
		}
	}
	return want, bound
}

// checkGemm runs one case through g and compares it with the naive loop.
func checkGemm(t *testing.T, g gemmUnderTest, tc gemmCase, rng *rand.Rand) {
	t.Helper()
	a, b, c := tc.operands(rng)
	want, bound := naiveGemm(tc, a, b, c)
	lda, ldb := tc.lds()
	g.fn(tc.transA, tc.transB, tc.m, tc.n, tc.k, tc.alpha, a, lda, b, ldb, tc.beta, c, tc.n)
	for i := range want {
		if !(math.Abs(c[i]-want[i]) <= bound[i]) {
			t.Fatalf("%s %v: c[%d,%d] = %v, want %v (±%.2g)", g.name, tc, i/tc.n, i%tc.n, c[i], want[i], bound[i])
		}
	}
}

// gemmDims are sizes around the tile and block edges of every kernel
// (mr 4 and 8, nr 12 and 24, kc 256, mc 128; the shrunken ones kc 5, mc
// 2·mr, nc 2·nr) plus 1, 2 and 3.
var (
	gemmDimsM = []int{1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 33, 127, 129}
	gemmDimsN = []int{1, 2, 3, 10, 11, 12, 13, 23, 24, 25, 47, 49, 97}
	gemmDimsK = []int{1, 2, 3, 4, 5, 6, 10, 11, 255, 256, 257, 513}
)

var gemmCoeffs = [][2]float64{{1, 0}, {1, 1}, {-0.5, 2}, {2.5, -1}, {1, math.Copysign(0, -1)}, {0.75, 0}}

func TestGemmAgainstNaive(t *testing.T) {
	for _, g := range gemmsUnderTest() {
		t.Run(g.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(3, 4))
			for i := 0; i < 150; i++ {
				tc := gemmCase{
					m: gemmDimsM[rng.IntN(len(gemmDimsM))],
					n: gemmDimsN[rng.IntN(len(gemmDimsN))],
					k: gemmDimsK[rng.IntN(len(gemmDimsK))],
				}
				if tc.m*tc.n*tc.k > 300_000 {
					continue // keep the naive loop's share of the test time small
				}
				co := gemmCoeffs[rng.IntN(len(gemmCoeffs))]
				tc.alpha, tc.beta = co[0], co[1]
				for _, ta := range []bool{false, true} {
					for _, tb := range []bool{false, true} {
						tc.transA, tc.transB = ta, tb
						checkGemm(t, g, tc, rng)
					}
				}
			}
		})
	}
}

func TestGemmEdgeTable(t *testing.T) {
	// Shapes the random draw might miss: single rows, columns and inner
	// dimensions, and products of exactly one tile or one block.
	tests := []gemmCase{
		{m: 1, n: 1, k: 1, alpha: 1},
		{m: 1, n: 1, k: 300, alpha: 1},
		{m: 1, n: 300, k: 1, alpha: 1, beta: 1},
		{m: 300, n: 1, k: 1, alpha: -1, beta: 0.5},
		{m: 8, n: 24, k: 256, alpha: 1},
		{m: 4, n: 12, k: 256, alpha: 1, beta: 1},
		{m: 128, n: 24, k: 257, alpha: 2},
		{m: 9, n: 4104, k: 3, alpha: 1, beta: -2}, // two column blocks (nc = 4080)
		{m: 10, n: 10, k: 10, alpha: 1e-3, beta: 1e3},
	}
	for _, g := range gemmsUnderTest() {
		rng := rand.New(rand.NewPCG(5, 6))
		for _, tc := range tests {
			for _, ta := range []bool{false, true} {
				for _, tb := range []bool{false, true} {
					tc.transA, tc.transB = ta, tb
					checkGemm(t, g, tc, rng)
				}
			}
		}
	}
}

func TestGemmRandomShapes(t *testing.T) {
	// Any shape, coefficients and transposes: a property every
	// implementation must have, drawn afresh from a fixed seed.
	rng := rand.New(rand.NewPCG(7, 8))
	for _, g := range gemmsUnderTest() {
		for i := 0; i < 100; i++ {
			tc := gemmCase{
				m: 1 + rng.IntN(70), n: 1 + rng.IntN(70), k: 1 + rng.IntN(300),
				transA: rng.IntN(2) == 1, transB: rng.IntN(2) == 1,
				alpha: rng.NormFloat64(), beta: float64(rng.IntN(3)) * rng.NormFloat64(),
			}
			checkGemm(t, g, tc, rng)
		}
	}
}

func TestGemmBetaZeroIgnoresInfAndNaN(t *testing.T) {
	// BLAS semantics: beta = 0 overwrites c without reading it, so no NaN or
	// Inf there survives, in full tiles and in edge tiles alike.
	for _, g := range gemmsUnderTest() {
		for _, fill := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
			m, n, k := 37, 51, 9
			a, b := make([]float64, m*k), make([]float64, k*n)
			for i := range a {
				a[i] = 1
			}
			for i := range b {
				b[i] = 2
			}
			c := make([]float64, m*n)
			for i := range c {
				c[i] = fill
			}
			g.fn(false, false, m, n, k, 0.5, a, k, b, n, 0, c, n)
			for i, v := range c {
				if v != float64(k) {
					t.Fatalf("%s: c[%d] = %v after beta = 0 over %v, want %v", g.name, i, v, fill, float64(k))
				}
			}
		}
	}
}

// transposed returns the rows×cols row-major x as a cols×rows one.
func transposed(x []float64, rows, cols int) []float64 {
	y := make([]float64, len(x))
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			y[j*rows+i] = x[i*cols+j]
		}
	}
	return y
}

func TestGemmPackedBitsIgnoreTransposeAndSplits(t *testing.T) {
	// A packed kernel sums every element in the same fixed order, whatever
	// the layout of the operands and however the output is cut into
	// blocks: the same product, given with either transpose flag or
	// computed a block of rows or columns at a time, has the same bits.
	// This is what makes the result independent of how work is divided.
	rng := rand.New(rand.NewPCG(9, 10))
	for _, g := range gemmsUnderTest() {
		if !g.fixed {
			continue
		}
		for _, d := range [][3]int{{37, 53, 300}, {130, 50, 17}, {9, 101, 600}} {
			m, n, k := d[0], d[1], d[2]
			tc := gemmCase{m: m, n: n, k: k, alpha: 0.7, beta: 1.3}
			a, b, c0 := tc.operands(rng)
			ref := append([]float64(nil), c0...)
			g.fn(false, false, m, n, k, tc.alpha, a, k, b, n, tc.beta, ref, n)

			at, bt := transposed(a, m, k), transposed(b, k, n)
			for _, f := range [][2]bool{{true, false}, {false, true}, {true, true}} {
				c := append([]float64(nil), c0...)
				x, lda, y, ldb := a, k, b, n
				if f[0] {
					x, lda = at, m
				}
				if f[1] {
					y, ldb = bt, k
				}
				g.fn(f[0], f[1], m, n, k, tc.alpha, x, lda, y, ldb, tc.beta, c, n)
				assertBits(t, fmt.Sprintf("%s %v transposes %v", g.name, d, f), c, ref)
			}

			// Rows i0.. and columns j0.. computed on their own, through
			// subslices with the full strides.
			c := append([]float64(nil), c0...)
			for i0 := 0; i0 < m; i0 += 5 {
				rows := min(5, m-i0)
				g.fn(false, false, rows, n, k, tc.alpha, a[i0*k:], k, b, n, tc.beta, c[i0*n:], n)
			}
			assertBits(t, fmt.Sprintf("%s %v by rows", g.name, d), c, ref)
			c = append([]float64(nil), c0...)
			for j0 := 0; j0 < n; j0 += 7 {
				cols := min(7, n-j0)
				g.fn(false, false, m, cols, k, tc.alpha, a, k, b[j0:], n, tc.beta, c[j0:], n)
			}
			assertBits(t, fmt.Sprintf("%s %v by columns", g.name, d), c, ref)
		}
	}
}

func assertBits(t *testing.T, what string, got, want []float64) {
	t.Helper()
	for i := range want {
		if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
			t.Fatalf("%s: element %d = %v (%#x), want %v (%#x)", what, i,
				got[i], math.Float64bits(got[i]), want[i], math.Float64bits(want[i]))
		}
	}
}

func TestMatMulSameBitsAnyGOMAXPROCS(t *testing.T) {
	// Same inputs, same bits, however many threads are allowed.
	rng := rand.New(rand.NewPCG(11, 12))
	x, w := RandN(rng, 128, 784), RandN(rng, 256, 784)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, g := range gemmImpls {
		var ref []float64
		for _, procs := range []int{1, 2, 4} {
			runtime.GOMAXPROCS(procs)
			c := make([]float64, 128*256)
			g.fn(false, true, 128, 256, 784, 1, x.Data(), 784, w.Data(), 784, 0, c, 256)
			if ref == nil {
				ref = c
				continue
			}
			assertBits(t, fmt.Sprintf("%s GOMAXPROCS=%d", g.name, procs), c, ref)
		}
	}
}

func TestMatMulConcurrentCallsKeepTheirScratch(t *testing.T) {
	// Scratch buffers are shared between calls through a free list: calls
	// running at the same time must each get their own.
	rng := rand.New(rand.NewPCG(15, 16))
	for _, g := range gemmImpls {
		const workers = 4
		var a, b, want [workers][]float64
		for w := range workers {
			sh := mediumShapes[w%2] // two shapes, so buffers of two sizes are in play
			a[w], b[w], _ = sh.operands(rng)
			want[w] = make([]float64, sh.m*sh.n)
			lda, ldb := sh.lds()
			g.fn(sh.transA, sh.transB, sh.m, sh.n, sh.k, 1, a[w], lda, b[w], ldb, 0, want[w], sh.n)
		}
		var wg sync.WaitGroup
		got := make([][]float64, workers)
		for w := range workers {
			wg.Go(func() {
				sh := mediumShapes[w%2]
				lda, ldb := sh.lds()
				for range 5 {
					got[w] = make([]float64, sh.m*sh.n)
					g.fn(sh.transA, sh.transB, sh.m, sh.n, sh.k, 1, a[w], lda, b[w], ldb, 0, got[w], sh.n)
				}
			})
		}
		wg.Wait()
		for w := range workers {
			assertBits(t, fmt.Sprintf("%s worker %d", g.name, w), got[w], want[w])
		}
	}
}

func TestMatMulAllocatesNothing(t *testing.T) {
	// Packing buffers are reused, and gonum's Dgemm is kept from starting
	// goroutines: a training loop's multiplies must not allocate in
	// steady state, on any path.
	rng := rand.New(rand.NewPCG(13, 14))
	var all []gemmImpl
	all = append(all, gemmImpls...)
	for _, s := range smallImpls {
		all = append(all, gemmImpl{name: s.name, fn: s.fn})
	}
	for _, g := range all {
		for _, sh := range append(mediumShapes, gemmShape{"tiny_fwd2", gemmCase{m: 32, n: 16, k: 16, transB: true, alpha: 1}}) {
			a, b, c := sh.operands(rng)
			lda, ldb := sh.lds()
			run := func() {
				g.fn(sh.transA, sh.transB, sh.m, sh.n, sh.k, 1, a, lda, b, ldb, 0, c, sh.n)
			}
			run()
			if n := testing.AllocsPerRun(20, run); n != 0 {
				t.Errorf("%s %s: %v allocations per multiply, want 0", g.name, sh.name, n)
			}
		}
	}
}

func TestMatMulUsesFastestImplementation(t *testing.T) {
	best := gemmImpls[0]
	for _, g := range gemmImpls {
		if g.rank > best.rank {
			best = g
		}
	}
	if gemmActive.name != best.name {
		t.Fatalf("MatMul uses %s, want %s of %d registered", gemmActive.name, best.name, len(gemmImpls))
	}
	t.Logf("MatMul uses %s", gemmActive.name)
}

func TestGonumGemmBitsMatchDgemm(t *testing.T) {
	// gonumGemm runs Dgemm's blocks itself, one after another, rather than
	// letting Dgemm start a goroutine per block: the results must be
	// Dgemm's to the bit, at any GOMAXPROCS, below and above the size
	// where Dgemm goes parallel.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	rng := rand.New(rand.NewPCG(23, 24))
	var impl gonum.Implementation
	for _, d := range [][3]int{{40, 50, 70}, {64, 192, 10}, {128, 128, 64}, {130, 129, 200}, {300, 70, 65}} {
		for _, ta := range []bool{false, true} {
			for _, tb := range []bool{false, true} {
				tc := gemmCase{m: d[0], n: d[1], k: d[2], transA: ta, transB: tb, alpha: 0.7, beta: 1.3}
				a, b, c0 := tc.operands(rng)
				lda, ldb := tc.lds()
				for _, procs := range []int{1, 2, 4} {
					runtime.GOMAXPROCS(procs)
					want := append([]float64(nil), c0...)
					ta, tb := blas.NoTrans, blas.NoTrans
					if tc.transA {
						ta = blas.Trans
					}
					if tc.transB {
						tb = blas.Trans
					}
					impl.Dgemm(ta, tb, tc.m, tc.n, tc.k, tc.alpha, a, lda, b, ldb, tc.beta, want, tc.n)
					got := append([]float64(nil), c0...)
					gonumGemm(tc.transA, tc.transB, tc.m, tc.n, tc.k, tc.alpha, a, lda, b, ldb, tc.beta, got, tc.n)
					assertBits(t, fmt.Sprintf("%v GOMAXPROCS=%d", tc, procs), got, want)
				}
			}
		}
	}
}
