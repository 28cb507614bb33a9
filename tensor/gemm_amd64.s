//go:build amd64 && !purego

#include "textflag.h"
#include "gemm_amd64.h"

// Micro-kernels for gemm_packed.go. Each keeps an mr×nr tile of c in
// registers, row i in three vector registers, and for each p of the panel
// loads the nr values b[p·nr ...], broadcasts row i's value for p from
// each of the mr rows of a (a table of their addresses, gemm_arows.go:
// a packed panel's, or a's own where it lies, p·astep along each) and
// issues mr·3 independent FMAs: enough in flight to hide the FMA latency
// on both FMA pipes. The loop is unrolled by two. At the end the tile is
// scaled by alpha and stored (beta = 0: c is never read) or combined as
// fma(beta, c, tile).
//
// Go's operand order is reversed from Intel's:
// VFMADD231PD x, y, z is z += y·x.

// ---- AVX-512: 8×24, accumulators Z0-Z23, panel of b in Z24-Z26 ----

#define ROW512(row, c0, c1, c2) \
	VBROADCASTSD (row)(R11*1), Z27; \
	VFMADD231PD  Z24, Z27, c0; \
	VFMADD231PD  Z25, Z27, c1; \
	VFMADD231PD  Z26, Z27, c2

#define STEP512(boff) \
	VMOVUPD boff(BX), Z24; \
	VMOVUPD boff+64(BX), Z25; \
	VMOVUPD boff+128(BX), Z26; \
	ROW512(AX, Z0, Z1, Z2); \
	ROW512(SI, Z3, Z4, Z5); \
	ROW512(DI, Z6, Z7, Z8); \
	ROW512(R10, Z9, Z10, Z11); \
	ROW512(R13, Z12, Z13, Z14); \
	ROW512(R14, Z15, Z16, Z17); \
	ROW512(R15, Z18, Z19, Z20); \
	ROW512(DX, Z21, Z22, Z23)

#define ALPHA512(c0, c1, c2) \
	VMULPD Z28, c0, c0; \
	VMULPD Z28, c1, c1; \
	VMULPD Z28, c2, c2

// STORE512 writes one row of the tile and moves DX to the next row.
#define STORE512(c0, c1, c2) \
	VMOVUPD c0, (DX); \
	VMOVUPD c1, 64(DX); \
	VMOVUPD c2, 128(DX); \
	ADDQ    R8, DX

// SCALED512 is STORE512 after adding beta·c (beta in Z29).
#define SCALED512(c0, c1, c2) \
	VFMADD231PD (DX), Z29, c0; \
	VFMADD231PD 64(DX), Z29, c1; \
	VFMADD231PD 128(DX), Z29, c2; \
	STORE512(c0, c1, c2)

// func gemmTile8x24AVX512(kc int, a **float64, b, c *float64, ldc int, alpha, beta float64, astep int)
TEXT ·gemmTile8x24AVX512(SB), NOSPLIT, $0-64
	ROWS8
	MOVQ kc+0(FP), CX
	MOVQ b+16(FP), BX

	VPXORQ Z0, Z0, Z0
	VPXORQ Z1, Z1, Z1
	VPXORQ Z2, Z2, Z2
	VPXORQ Z3, Z3, Z3
	VPXORQ Z4, Z4, Z4
	VPXORQ Z5, Z5, Z5
	VPXORQ Z6, Z6, Z6
	VPXORQ Z7, Z7, Z7
	VPXORQ Z8, Z8, Z8
	VPXORQ Z9, Z9, Z9
	VPXORQ Z10, Z10, Z10
	VPXORQ Z11, Z11, Z11
	VPXORQ Z12, Z12, Z12
	VPXORQ Z13, Z13, Z13
	VPXORQ Z14, Z14, Z14
	VPXORQ Z15, Z15, Z15
	VPXORQ Z16, Z16, Z16
	VPXORQ Z17, Z17, Z17
	VPXORQ Z18, Z18, Z18
	VPXORQ Z19, Z19, Z19
	VPXORQ Z20, Z20, Z20
	VPXORQ Z21, Z21, Z21
	VPXORQ Z22, Z22, Z22
	VPXORQ Z23, Z23, Z23

	MOVQ CX, R9
	SHRQ $1, R9
	JZ   tail512

loop512:
	STEP512(0)
	ADDQ R12, R11
	STEP512(192)
	ADDQ R12, R11
	ADDQ $384, BX
	DECQ R9
	JNZ  loop512

tail512:
	TESTQ $1, CX
	JZ    store512
	STEP512(0)

store512:
	LOADC
	VBROADCASTSD alpha+40(FP), Z28
	ALPHA512(Z0, Z1, Z2)
	ALPHA512(Z3, Z4, Z5)
	ALPHA512(Z6, Z7, Z8)
	ALPHA512(Z9, Z10, Z11)
	ALPHA512(Z12, Z13, Z14)
	ALPHA512(Z15, Z16, Z17)
	ALPHA512(Z18, Z19, Z20)
	ALPHA512(Z21, Z22, Z23)

	VBROADCASTSD beta+48(FP), Z29
	MOVQ         beta+48(FP), R10
	SHLQ         $1, R10 // drop the sign: -0 is zero too
	JNZ          scaled512

	STORE512(Z0, Z1, Z2)
	STORE512(Z3, Z4, Z5)
	STORE512(Z6, Z7, Z8)
	STORE512(Z9, Z10, Z11)
	STORE512(Z12, Z13, Z14)
	STORE512(Z15, Z16, Z17)
	STORE512(Z18, Z19, Z20)
	STORE512(Z21, Z22, Z23)
	VZEROUPPER
	RET

scaled512:
	SCALED512(Z0, Z1, Z2)
	SCALED512(Z3, Z4, Z5)
	SCALED512(Z6, Z7, Z8)
	SCALED512(Z9, Z10, Z11)
	SCALED512(Z12, Z13, Z14)
	SCALED512(Z15, Z16, Z17)
	SCALED512(Z18, Z19, Z20)
	SCALED512(Z21, Z22, Z23)
	VZEROUPPER
	RET

// ---- AVX2: 4×12, accumulators Y0-Y11, panel of b in Y12-Y14 ----

#define ROW256(row, c0, c1, c2) \
	VBROADCASTSD (row)(R11*1), Y15; \
	VFMADD231PD  Y12, Y15, c0; \
	VFMADD231PD  Y13, Y15, c1; \
	VFMADD231PD  Y14, Y15, c2

#define STEP256(boff) \
	VMOVUPD boff(BX), Y12; \
	VMOVUPD boff+32(BX), Y13; \
	VMOVUPD boff+64(BX), Y14; \
	ROW256(AX, Y0, Y1, Y2); \
	ROW256(SI, Y3, Y4, Y5); \
	ROW256(DI, Y6, Y7, Y8); \
	ROW256(R10, Y9, Y10, Y11)

#define ALPHA256(c0, c1, c2) \
	VMULPD Y12, c0, c0; \
	VMULPD Y12, c1, c1; \
	VMULPD Y12, c2, c2

#define STORE256(c0, c1, c2) \
	VMOVUPD c0, (DX); \
	VMOVUPD c1, 32(DX); \
	VMOVUPD c2, 64(DX); \
	ADDQ    R8, DX

// SCALED256 is STORE256 after adding beta·c (beta in Y13).
#define SCALED256(c0, c1, c2) \
	VFMADD231PD (DX), Y13, c0; \
	VFMADD231PD 32(DX), Y13, c1; \
	VFMADD231PD 64(DX), Y13, c2; \
	STORE256(c0, c1, c2)

// func gemmTile4x12AVX2(kc int, a **float64, b, c *float64, ldc int, alpha, beta float64, astep int)
TEXT ·gemmTile4x12AVX2(SB), NOSPLIT, $0-64
	ROWS4
	MOVQ kc+0(FP), CX
	MOVQ b+16(FP), BX

	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	VXORPD Y8, Y8, Y8
	VXORPD Y9, Y9, Y9
	VXORPD Y10, Y10, Y10
	VXORPD Y11, Y11, Y11

	MOVQ CX, R9
	SHRQ $1, R9
	JZ   tail256

loop256:
	STEP256(0)
	ADDQ R12, R11
	STEP256(96)
	ADDQ R12, R11
	ADDQ $192, BX
	DECQ R9
	JNZ  loop256

tail256:
	TESTQ $1, CX
	JZ    store256
	STEP256(0)

store256:
	LOADC
	VBROADCASTSD alpha+40(FP), Y12
	ALPHA256(Y0, Y1, Y2)
	ALPHA256(Y3, Y4, Y5)
	ALPHA256(Y6, Y7, Y8)
	ALPHA256(Y9, Y10, Y11)

	VBROADCASTSD beta+48(FP), Y13
	MOVQ         beta+48(FP), R10
	SHLQ         $1, R10 // drop the sign: -0 is zero too
	JNZ          scaled256

	STORE256(Y0, Y1, Y2)
	STORE256(Y3, Y4, Y5)
	STORE256(Y6, Y7, Y8)
	STORE256(Y9, Y10, Y11)
	VZEROUPPER
	RET

scaled256:
	SCALED256(Y0, Y1, Y2)
	SCALED256(Y3, Y4, Y5)
	SCALED256(Y6, Y7, Y8)
	SCALED256(Y9, Y10, Y11)
	VZEROUPPER
	RET

// ---- packing (AVX2) ----

// func copyPanelAVX2(dst, src *float64, ld, kb, w int)
//
// dst[p·w + j] = src[p·ld + j] for p < kb, j < w; w is a multiple of 4.
TEXT ·copyPanelAVX2(SB), NOSPLIT, $0-40
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ ld+16(FP), R8
	SHLQ $3, R8
	MOVQ kb+24(FP), CX
	MOVQ w+32(FP), R9
	SHRQ $2, R9

copyrow:
	MOVQ R9, DX
	MOVQ SI, R10

copyvec:
	VMOVUPD (R10), Y0
	VMOVUPD Y0, (DI)
	ADDQ    $32, R10
	ADDQ    $32, DI
	DECQ    DX
	JNZ     copyvec
	ADDQ    R8, SI
	DECQ    CX
	JNZ     copyrow
	VZEROUPPER
	RET

// func gatherRows4AVX2(dst, x0, x1, x2, x3 *float64, kb, w int)
//
// dst[p·w + r] = xr[p] for r < 4 and p < kb rounded down to a multiple of
// 4: four rows, at a stride (packGather) or picked by index
// (packGatherRows), are transposed four columns at a time, each 4×4 block
// in two 128-bit loads per register and four unpacks.
TEXT ·gatherRows4AVX2(SB), NOSPLIT, $0-56
	MOVQ dst+0(FP), DI
	MOVQ x0+8(FP), SI
	MOVQ x1+16(FP), R13
	MOVQ x2+24(FP), R14
	MOVQ x3+32(FP), BX
	MOVQ kb+40(FP), CX
	SHRQ $2, CX
	JZ   rowsdone
	MOVQ w+48(FP), R9
	SHLQ $3, R9            // row stride of dst in bytes
	LEAQ (R9)(R9*2), R12   // three rows

rowsloop:
	VMOVUPD     (SI), X0
	VINSERTF128 $1, (R14), Y0, Y0     // row 0 | row 2, columns 0-1
	VMOVUPD     (R13), X1
	VINSERTF128 $1, (BX), Y1, Y1      // row 1 | row 3, columns 0-1
	VMOVUPD     16(SI), X2
	VINSERTF128 $1, 16(R14), Y2, Y2   // row 0 | row 2, columns 2-3
	VMOVUPD     16(R13), X3
	VINSERTF128 $1, 16(BX), Y3, Y3    // row 1 | row 3, columns 2-3
	VUNPCKLPD   Y1, Y0, Y4            // column 0 of rows 0-3
	VUNPCKHPD   Y1, Y0, Y5            // column 1
	VUNPCKLPD   Y3, Y2, Y6            // column 2
	VUNPCKHPD   Y3, Y2, Y7            // column 3
	VMOVUPD     Y4, (DI)
	VMOVUPD     Y5, (DI)(R9*1)
	VMOVUPD     Y6, (DI)(R9*2)
	VMOVUPD     Y7, (DI)(R12*1)
	ADDQ        $32, SI
	ADDQ        $32, R13
	ADDQ        $32, R14
	ADDQ        $32, BX
	LEAQ        (DI)(R9*4), DI
	DECQ        CX
	JNZ         rowsloop

rowsdone:
	VZEROUPPER
	RET
