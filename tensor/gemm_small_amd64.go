//go:build amd64 && !purego

package tensor

// The unpacked micro-kernels of gemm_small_amd64.s (see gemm_small.go).

import "golang.org/x/sys/cpu"

//go:noescape
func smallTile8x16AVX512(k int, a *float64, ars, aps int, b *float64, bps, bjs int, c *float64, ldc int, alpha, beta float64, nn int)

//go:noescape
func smallTile4x16AVX512(k int, a *float64, ars, aps int, b *float64, bps, bjs int, c *float64, ldc int, alpha, beta float64, nn int)

//go:noescape
func smallTile1x16AVX512(k int, a *float64, ars, aps int, b *float64, bps, bjs int, c *float64, ldc int, alpha, beta float64, nn int)

//go:noescape
func smallTile16x8AVX512(k int, a *float64, ars, aps int, b *float64, bps, bjs int, c *float64, ldc int, alpha, beta float64, nn int)

//go:noescape
func smallTile4x8AVX2(k int, a *float64, ars, aps int, b *float64, bps, bjs int, c *float64, ldc int, alpha, beta float64, nn int)

//go:noescape
func smallTile1x8AVX2(k int, a *float64, ars, aps int, b *float64, bps, bjs int, c *float64, ldc int, alpha, beta float64, nn int)

//go:noescape
func smallTile8x4AVX2(k int, a *float64, ars, aps int, b *float64, bps, bjs int, c *float64, ldc int, alpha, beta float64, nn int)

// nr = 16 is two zmm registers per row, 8 two ymm: the tiny MLP's hidden
// width fills one tile across. The tallest tiles keep 16 (AVX-512) or 8
// (AVX2) independent accumulators in flight, enough to cover the FMA
// latency on both pipes.
var (
	smallAVX512 = &smallGemm{nr: 16, kc: gemmAVX512.kc, tiles: []smallTile{
		{8, smallTile8x16AVX512}, {4, smallTile4x16AVX512}, {1, smallTile1x16AVX512}},
		narrow: []smallTile{{16, smallTile16x8AVX512}}}
	smallAVX2 = &smallGemm{nr: 8, kc: gemmAVX2.kc, tiles: []smallTile{
		{4, smallTile4x8AVX2}, {1, smallTile1x8AVX2}},
		narrow: []smallTile{{8, smallTile8x4AVX2}}}
)

// The limits, from BenchmarkMatMulSmall's cubes and BenchmarkMatMul's
// medium shapes (GOMAXPROCS=1, Zen 5), are where the packed kernels catch
// up. With b as stored (a·b, aᵀ·b) the unpacked AVX-512 tiles are ahead
// up to about 80³ (64³: 5.2 µs against 7.9; 128×256×10: 11.8 against 13.7;
// 96³: even), the AVX2 ones up to about 40³ (3.2 against 3.8; 48³: 5.5
// against 5.1). A transposed b is gathered, a load per column, and the
// packed kernels catch up sooner: from 24³ to 32³ for AVX-512 (32×16×16:
// 0.37 µs against 0.67; 24³: 0.87 against 0.53, the packed tile's best
// fit), from 24³ for AVX2 (32×16×16: 0.68 against 0.83).
func init() {
	if cpu.X86.HasAVX2 && cpu.X86.HasFMA {
		registerSmall(smallImpl{name: "small-avx2", rank: 10, fn: smallAVX2.gemm, max: 40 * 40 * 40, maxT: 8192})
		if cpu.X86.HasAVX512F {
			registerSmall(smallImpl{name: "small-avx512", rank: 20, fn: smallAVX512.gemm, max: 80 * 80 * 80, maxT: 32 * 32 * 32})
		}
	}
}
