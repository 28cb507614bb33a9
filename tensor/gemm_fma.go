package tensor

// fma-go is the assembly kernels' arithmetic written in Go, so that a
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
// Every element's chain of FMAs is its own, so computing a tile of
// elements side by side from the same loaded values (register blocking)
// changes the speed and not one bit. Large products go through the packed
// driver of gemm_packed.go with a Go tile (gemm_fma_tile.go), small ones
// through the unpacked driver of gemm_small.go with Go tiles that read the
// operands through their strides.
//
// math.FMA is one instruction on amd64 and arm64 and integer software in
// WebAssembly, which has no fused multiply-add (about 50 ns); there the
// tiles emulate it in float64 arithmetic (fma_emul.go, about 13 ns), still
// several times a multiply and an add: the price of the same bits.

// gemmKC is the k block of every kernel (gemm_amd64.go's kc), on which
// the bits of a long sum depend.
const gemmKC = 256

// The packed GEMM over the Go tiles: a kc×nr panel of b (256×4: 8 KB)
// stays in L1 while an mc×kc block of a (64×256: 128 KB) passes it from
// L2. Which tiles a build runs (fused or emulated FMAs) is fmaGoKernel's
// choice (fma_other.go, fma_wasm.go); tests run both everywhere.
var (
	fmaFusedKernel = &gemmKernel{mr: 4, nr: 4, kc: gemmKC, mc: 64, nc: 1024, tile: fmaTileFused}
	fmaEmulKernel  = &gemmKernel{mr: 4, nr: 4, kc: gemmKC, mc: 64, nc: 1024, tile: fmaTileEmul}
)

// The unpacked GEMM over the Go tiles.
var (
	fmaFusedSmall = &smallGemm{nr: 4, kc: gemmKC, tiles: []smallTile{{4, fmaSmallTile4x4Fused}, {1, fmaSmallTile1x4Fused}}}
	fmaEmulSmall  = &smallGemm{nr: 4, kc: gemmKC, tiles: []smallTile{{4, fmaSmallTile4x4Emul}, {1, fmaSmallTile1x4Emul}}}
)

func init() {
	// Every element is computed alone in a fixed order, so any split of
	// the output has the same bits. The small path takes what the packed
	// kernels would (gemm_small_amd64.go's limits for AVX2), whichever
	// registered kernel wins.
	registerGemm(gemmImpl{name: "fma-go", rank: 5, fn: fmaGoKernel.gemm, biasFn: fmaGoKernel.gemmBias, rowsFn: fmaGoKernel.run, splitRows: 4, splitCols: 4})
	registerSmall(smallImpl{name: "small-fma-go", rank: 5, fn: fmaGoSmall.gemm, max: 40 * 40 * 40, maxT: 8192})
}
