package tensor

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestAddMMIsBiasThenMatMulAnyThreads(t *testing.T) {
	// Small, unsplit and split products (by rows and by columns), every
	// transpose, 1 to 8 goroutines: the bits of copying the bias into
	// every row and adding the product with MatMul.
	withMinMulAdds(t, 1000)
	defer SetThreads(Threads())
	rng := rand.New(rand.NewPCG(37, 38))
	for _, d := range [][3]int{{3, 4, 5}, {203, 37, 150}, {45, 261, 130}} {
		for _, f := range [][2]bool{{false, false}, {true, false}, {false, true}, {true, true}} {
			a, b := RandN(rng, d[0], d[2]), RandN(rng, d[2], d[1])
			if f[0] {
				a = RandN(rng, d[2], d[0])
			}
			if f[1] {
				b = RandN(rng, d[1], d[2])
			}
			bias := RandN(rng, d[1])
			SetThreads(1)
			want := Zeros(d[0], d[1])
			for i := range d[0] {
				copy(want.Data()[i*d[1]:], bias.Data())
			}
			MatMul(want, a, b, f[0], f[1], 1, 1)
			for _, th := range []int{1, 2, 3, 8} {
				SetThreads(th)
				got := RandN(rng, d[0], d[1]) // old contents are ignored
				AddMM(got, bias, a, b, f[0], f[1])
				assertBits(t, fmt.Sprintf("%v trans=%v threads=%d", d, f, th), got.Data(), want.Data())
			}
		}
	}
}

func TestAddMMPanicsOnABadBias(t *testing.T) {
	defer func() {
		if msg := fmt.Sprint(recover()); !strings.Contains(msg, "AddMM: bias [3]") {
			t.Errorf("panic %q, want one naming AddMM and the bias's shape", msg)
		}
	}()
	AddMM(Zeros(2, 4), Zeros(3), Zeros(2, 5), Zeros(5, 4), false, false)
}

func TestGemmBiasIsBiasThenGemmEveryKernelAndSplit(t *testing.T) {
	// Every splittable kernel, among them Go tiles of odd sizes with
	// blocks shrunk so that a product spans many k blocks, edge tiles and
	// short rows; whole and split over 2 to 4 goroutines by rows and by
	// columns; every transpose: a bias copied in tile by tile (biasFn, or
	// into the block first where a kernel has none) has the bits of
	// copying it into every row first and then running the kernel with
	// beta = 1, and only the first k block starts from it.
	withMinMulAdds(t, 1)
	rng := rand.New(rand.NewPCG(41, 42))
	packed := 0
	for _, g := range splittableGemms() {
		if g.biasFn != nil {
			packed++
		}
		for _, d := range [][3]int{{3, 4, 5}, {37, 29, 23}, {29, 53, 600}} {
			m, n, k := d[0], d[1], d[2]
			for _, f := range [][2]bool{{false, false}, {true, false}, {false, true}, {true, true}} {
				a, b := RandN(rng, m, k), RandN(rng, k, n)
				lda, ldb := k, n
				if f[0] {
					a, lda = RandN(rng, k, m), m
				}
				if f[1] {
					b, ldb = RandN(rng, n, k), k
				}
				bias := RandN(rng, n).Data()
				want := make([]float64, m*n)
				for i := range m {
					copy(want[i*n:], bias)
				}
				g.fn(f[0], f[1], m, n, k, 1, a.Data(), lda, b.Data(), ldb, 1, want, n)
				for th := 1; th <= 4; th++ {
					got := RandN(rng, m, n).Data() // old contents are ignored
					gemmSplit(g, th, gemmJob{transA: f[0], transB: f[1], m: m, n: n, k: k, alpha: 1, beta: 1,
						a: a.Data(), b: b.Data(), c: got, lda: lda, ldb: ldb, ldc: n, bias: bias})
					assertBits(t, fmt.Sprintf("%s %v trans=%v threads=%d", g.name, d, f, th), got, want)
				}
			}
		}
	}
	if packed < 2 {
		t.Errorf("%d kernels with a biasFn, want the Go tiles' at least", packed)
	}
}
