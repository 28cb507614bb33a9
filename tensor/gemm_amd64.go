//go:build amd64 && !purego

package tensor

import "golang.org/x/sys/cpu"

// The assembly micro-kernels of gemm_amd64.s, chosen at run time by what the
// CPU supports. Build with -tags purego to leave them out.

//go:noescape
func gemmTile8x24AVX512(kc int, a **float64, b, c *float64, ldc int, alpha, beta float64, astep int)

//go:noescape
func gemmTile4x12AVX2(kc int, a **float64, b, c *float64, ldc int, alpha, beta float64, astep int)

// Narrow kernels for the edge columns (gemm_edge_amd64.s): they read a
// and b as the full kernels do and round as they do.

//go:noescape
func gemmTile8x16AVX512(kc int, a **float64, b, c *float64, ldc int, alpha, beta float64, astep int)

//go:noescape
func gemmTile8x8AVX512(kc int, a **float64, b, c *float64, ldc int, alpha, beta float64, astep int)

//go:noescape
func gemmTile4x8AVX2(kc int, a **float64, b, c *float64, ldc int, alpha, beta float64, astep int)

//go:noescape
func gemmTile4x4AVX2(kc int, a **float64, b, c *float64, ldc int, alpha, beta float64, astep int)

//go:noescape
func copyPanelAVX2(dst, src *float64, ld, kb, w int)

//go:noescape
func gatherRows4AVX2(dst, x0, x1, x2, x3 *float64, kb, w int)

// packAVX2 is whether the packing routines may use AVX2. The kernels need
// it anyway; the check keeps the portable Go kernel of the tests running on
// older CPUs.
var packAVX2 = cpu.X86.HasAVX2

// copyPanel sets dst[p·w + j] = src[p·ld + j] for p < kb, j < w.
func copyPanel(dst, src []float64, ld, kb, w int) {
	dst, src = dst[:kb*w], src[:(kb-1)*ld+w] // bounds for the assembly
	if packAVX2 && w%4 == 0 {
		copyPanelAVX2(&dst[0], &src[0], ld, kb, w)
		return
	}
	copyPanelGo(dst, src, ld, kb, w)
}

// gatherRows4 sets dst[p·w + r] = xr[p] for the four rows x0 ... x3 of
// equal length.
func gatherRows4(dst, x0, x1, x2, x3 []float64, w int) {
	kb := len(x0)
	x1, x2, x3 = x1[:kb], x2[:kb], x3[:kb]
	p := 0
	if packAVX2 && kb >= 4 {
		dst = dst[:(kb-1)*w+4] // bounds for the assembly
		gatherRows4AVX2(&dst[0], &x0[0], &x1[0], &x2[0], &x3[0], kb, w)
		p = kb &^ 3
	}
	if p < kb {
		gatherRows4Go(dst, x0, x1, x2, x3, p, w)
	}
}

// The blocking: a kc×nr panel of b (48 KiB at kc = 256, nr = 24) is reused
// from L1/L2 across every mr rows of an mc×kc block of a (256 KiB at mc =
// 128) that stays in L2; a kc×nc block of b lives in L3. On the medium
// workload's shapes every kc from 128 to 512 and mc from 64 to 256 ran
// within 3% of these middle values (Zen 5, 1 MiB L2).
var (
	gemmAVX512 = &gemmKernel{mr: 8, nr: 24, kc: 256, mc: 128, nc: 4080, tile: gemmTile8x24AVX512,
		edges: []edgeTile{{8, gemmTile8x8AVX512}, {16, gemmTile8x16AVX512}}}
	gemmAVX2 = &gemmKernel{mr: 4, nr: 12, kc: 256, mc: 128, nc: 4080, tile: gemmTile4x12AVX2,
		edges: []edgeTile{{4, gemmTile4x4AVX2}, {8, gemmTile4x8AVX2}}}
)

func init() {
	// The kernels use FMA and AVX2 (AVX-512F for the wider one); the OS
	// must also save the wide registers, which x/sys/cpu checks.
	if cpu.X86.HasAVX2 && cpu.X86.HasFMA {
		registerGemm(gemmImpl{name: "avx2", rank: 10, fn: gemmAVX2.gemm, biasFn: gemmAVX2.gemmBias, rowsFn: gemmAVX2.run,
			splitRows: gemmAVX2.mr, splitCols: gemmAVX2.edges[0].cols})
		if cpu.X86.HasAVX512F {
			registerGemm(gemmImpl{name: "avx512", rank: 20, fn: gemmAVX512.gemm, biasFn: gemmAVX512.gemmBias, rowsFn: gemmAVX512.run,
				splitRows: gemmAVX512.mr, splitCols: gemmAVX512.edges[0].cols})
		}
	}
}
