package tensor

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// pinnedGemmHash is the FNV-64a hash of the bits of pinnedGemmProducts,
// as the AVX-512 and AVX2 kernels compute them on amd64. Every kernel
// with the kernels' order must reproduce it on every architecture:
// fma-go on arm64 (run under qemu-aarch64 in .ci/run) and on WebAssembly
// with emulated FMAs. A deliberate change of the summation order changes
// it; nothing else may.
const pinnedGemmHash = 0xb60031ac086718ec

// pinnedGemmProducts runs 200 products of random shapes (k up to 600,
// so several k blocks), transposes and coefficients through g and
// hashes the results' bits. The operands are uniform draws, which are
// the same on every architecture (NormFloat64's ziggurat calls math.Exp,
// whose bits are not).
func pinnedGemmProducts(g gemmFunc) uint64 {
	rng := rand.New(rand.NewPCG(31, 32))
	h := fnv.New64a()
	var buf [8]byte
	for range 200 {
		m, n, k := 1+rng.IntN(70), 1+rng.IntN(70), 1+rng.IntN(600)
		ta, tb := rng.IntN(2) == 1, rng.IntN(2) == 1
		alpha, beta := rng.Float64()*2-1, float64(rng.IntN(3))*(rng.Float64()-0.5)
		a, b, c := make([]float64, m*k), make([]float64, k*n), make([]float64, m*n)
		for _, s := range [][]float64{a, b, c} {
			for i := range s {
				s[i] = rng.Float64()*2 - 1
			}
		}
		lda, ldb := k, n
		if ta {
			lda = m
		}
		if tb {
			ldb = k
		}
		g(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, n)
		for _, v := range c {
			u := math.Float64bits(v)
			for j := range buf {
				buf[j] = byte(u >> (8 * j))
			}
			h.Write(buf[:])
		}
	}
	return h.Sum64()
}

func TestGemmBitsPinned(t *testing.T) {
	// The same bits on every architecture and build: the hash of a fixed
	// set of products, through every path with the kernels' order.
	activeFixed := false
	for _, g := range gemmsUnderTest() {
		if !g.fixed || strings.HasSuffix(g.name, "-smallblocks") || strings.HasPrefix(g.name, "go") ||
			strings.HasPrefix(g.name, "small-go") {
			continue // not the k block of 256
		}
		activeFixed = activeFixed || g.name == Kernel()
		if got := pinnedGemmProducts(g.fn); got != pinnedGemmHash {
			t.Errorf("%s: products hash to %#x, want %#x (amd64's kernels)", g.name, got, uint64(pinnedGemmHash))
		}
	}
	if !activeFixed {
		// OpenBLAS sums in its own order (docs/cli.md, reproducibility).
		t.Logf("MatMul runs %s, whose order is its own: not pinned", Kernel())
		return
	}
	if got := pinnedGemmProducts(matMulAsGemm); got != pinnedGemmHash {
		t.Errorf("MatMul (%s): products hash to %#x, want %#x", Kernel(), got, uint64(pinnedGemmHash))
	}
}
