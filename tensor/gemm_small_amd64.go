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

func init() {
	if cpu.X86.HasAVX2 && cpu.X86.HasFMA {
		registerSmall(smallImpl{name: "small-avx2", rank: 10, fn: smallAVX2.gemm, max: smallAVX2Max})
		if cpu.X86.HasAVX512F {
			registerSmall(smallImpl{name: "small-avx512", rank: 20, fn: smallAVX512.gemm, max: smallAVX512Max})
		}
	}
}

const (
	smallAVX512Max = 64 * 64 * 64 // placeholder, measured below
	smallAVX2Max   = 64 * 64 * 64
)
