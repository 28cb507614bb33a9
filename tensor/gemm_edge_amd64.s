//go:build amd64 && !purego

#include "textflag.h"
#include "gemm_amd64.h"

// Narrow micro-kernels for the last columns of a product whose width is
// not a multiple of the full kernels' nr (24 for AVX-512, 12 for AVX2):
// 256 = 10·24 + 16. They read a and b as the full kernels do (b still nr
// values per p, of which they use the first 16, 8, or 4; a through the
// table of its rows) and round exactly as they do: s = fma(a, b, s) from 0 for p in order, then
// alpha·s, then fma(beta, c, alpha·s). A full kernel on an edge does a
// whole tile's work for two thirds or less of it.

// ---- AVX-512: 8×16 (Z0-Z15) and 8×8 (Z0-Z7); b in Z24-Z25, a in Z27 ----

#define ROW2_512(row, c0, c1) \
	VBROADCASTSD (row)(R11*1), Z27; \
	VFMADD231PD  Z24, Z27, c0; \
	VFMADD231PD  Z25, Z27, c1

#define STEP16_512(boff) \
	VMOVUPD boff(BX), Z24; \
	VMOVUPD boff+64(BX), Z25; \
	ROW2_512(AX, Z0, Z1); \
	ROW2_512(SI, Z2, Z3); \
	ROW2_512(DI, Z4, Z5); \
	ROW2_512(R10, Z6, Z7); \
	ROW2_512(R13, Z8, Z9); \
	ROW2_512(R14, Z10, Z11); \
	ROW2_512(R15, Z12, Z13); \
	ROW2_512(DX, Z14, Z15)

#define ROW1_512(row, c0) \
	VBROADCASTSD (row)(R11*1), Z27; \
	VFMADD231PD  Z24, Z27, c0

#define STEP8_512(boff) \
	VMOVUPD boff(BX), Z24; \
	ROW1_512(AX, Z0); \
	ROW1_512(SI, Z1); \
	ROW1_512(DI, Z2); \
	ROW1_512(R10, Z3); \
	ROW1_512(R13, Z4); \
	ROW1_512(R14, Z5); \
	ROW1_512(R15, Z6); \
	ROW1_512(DX, Z7)

// EDGE_PROLOGUE loads kc into CX, b into BX and kc/2 into R9.
#define EDGE_PROLOGUE \
	MOVQ kc+0(FP), CX; \
	MOVQ b+16(FP), BX; \
	MOVQ CX, R9; \
	SHRQ $1, R9

// OUT2 scales a row of two registers (c0, c1; vectors of w bytes) by
// alpha (in al), adds beta·c (beta in be) when R10 is nonzero, stores
// the row and moves DX on a row. OUT1 is OUT2 for one register.
#define OUT2(al, be, w, c0, c1) \
	VMULPD      al, c0, c0; \
	VMULPD      al, c1, c1; \
	TESTQ       R10, R10; \
	JZ          3(PC); \
	VFMADD231PD (DX), be, c0; \
	VFMADD231PD w(DX), be, c1; \
	VMOVUPD     c0, (DX); \
	VMOVUPD     c1, w(DX); \
	ADDQ        R8, DX

#define OUT1(al, be, c0) \
	VMULPD      al, c0, c0; \
	TESTQ       R10, R10; \
	JZ          2(PC); \
	VFMADD231PD (DX), be, c0; \
	VMOVUPD     c0, (DX); \
	ADDQ        R8, DX

// BETA broadcasts alpha into al and beta into be, and sets R10 to zero
// when beta is ±0: c is then stored without being read.
#define BETA(al, be) \
	VBROADCASTSD alpha+40(FP), al; \
	VBROADCASTSD beta+48(FP), be; \
	MOVQ         beta+48(FP), R10; \
	SHLQ         $1, R10

// func gemmTile8x16AVX512(kc int, a **float64, b, c *float64, ldc int, alpha, beta float64, astep int)
// b is a packed panel of 24 values per p.
TEXT ·gemmTile8x16AVX512(SB), NOSPLIT, $0-64
	ROWS8
	EDGE_PROLOGUE
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
	TESTQ  R9, R9
	JZ     tail16

loop16:
	STEP16_512(0)
	ADDQ R12, R11
	STEP16_512(192)
	ADDQ R12, R11
	ADDQ $384, BX
	DECQ R9
	JNZ  loop16

tail16:
	TESTQ $1, CX
	JZ    store16
	STEP16_512(0)

store16:
	LOADC
	BETA(Z28, Z29)
	OUT2(Z28, Z29, 64, Z0, Z1)
	OUT2(Z28, Z29, 64, Z2, Z3)
	OUT2(Z28, Z29, 64, Z4, Z5)
	OUT2(Z28, Z29, 64, Z6, Z7)
	OUT2(Z28, Z29, 64, Z8, Z9)
	OUT2(Z28, Z29, 64, Z10, Z11)
	OUT2(Z28, Z29, 64, Z12, Z13)
	OUT2(Z28, Z29, 64, Z14, Z15)
	VZEROUPPER
	RET

// func gemmTile8x8AVX512(kc int, a **float64, b, c *float64, ldc int, alpha, beta float64, astep int)
// b is a packed panel of 24 values per p.
TEXT ·gemmTile8x8AVX512(SB), NOSPLIT, $0-64
	ROWS8
	EDGE_PROLOGUE
	VPXORQ Z0, Z0, Z0
	VPXORQ Z1, Z1, Z1
	VPXORQ Z2, Z2, Z2
	VPXORQ Z3, Z3, Z3
	VPXORQ Z4, Z4, Z4
	VPXORQ Z5, Z5, Z5
	VPXORQ Z6, Z6, Z6
	VPXORQ Z7, Z7, Z7
	TESTQ  R9, R9
	JZ     tail8

loop8:
	STEP8_512(0)
	ADDQ R12, R11
	STEP8_512(192)
	ADDQ R12, R11
	ADDQ $384, BX
	DECQ R9
	JNZ  loop8

tail8:
	TESTQ $1, CX
	JZ    store8
	STEP8_512(0)

store8:
	LOADC
	BETA(Z28, Z29)
	OUT1(Z28, Z29, Z0)
	OUT1(Z28, Z29, Z1)
	OUT1(Z28, Z29, Z2)
	OUT1(Z28, Z29, Z3)
	OUT1(Z28, Z29, Z4)
	OUT1(Z28, Z29, Z5)
	OUT1(Z28, Z29, Z6)
	OUT1(Z28, Z29, Z7)
	VZEROUPPER
	RET

// ---- AVX2: 4×8 (Y0-Y7) and 4×4 (Y0-Y3); b in Y12-Y13, a in Y15 ----

#define ROW2_256(row, c0, c1) \
	VBROADCASTSD (row)(R11*1), Y15; \
	VFMADD231PD  Y12, Y15, c0; \
	VFMADD231PD  Y13, Y15, c1

#define STEP8_256(boff) \
	VMOVUPD boff(BX), Y12; \
	VMOVUPD boff+32(BX), Y13; \
	ROW2_256(AX, Y0, Y1); \
	ROW2_256(SI, Y2, Y3); \
	ROW2_256(DI, Y4, Y5); \
	ROW2_256(R10, Y6, Y7)

#define ROW1_256(row, c0) \
	VBROADCASTSD (row)(R11*1), Y15; \
	VFMADD231PD  Y12, Y15, c0

#define STEP4_256(boff) \
	VMOVUPD boff(BX), Y12; \
	ROW1_256(AX, Y0); \
	ROW1_256(SI, Y1); \
	ROW1_256(DI, Y2); \
	ROW1_256(R10, Y3)

// func gemmTile4x8AVX2(kc int, a **float64, b, c *float64, ldc int, alpha, beta float64, astep int)
// b is a packed panel of 12 values per p.
TEXT ·gemmTile4x8AVX2(SB), NOSPLIT, $0-64
	ROWS4
	EDGE_PROLOGUE
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	TESTQ  R9, R9
	JZ     tail48

loop48:
	STEP8_256(0)
	ADDQ R12, R11
	STEP8_256(96)
	ADDQ R12, R11
	ADDQ $192, BX
	DECQ R9
	JNZ  loop48

tail48:
	TESTQ $1, CX
	JZ    store48
	STEP8_256(0)

store48:
	LOADC
	BETA(Y8, Y9)
	OUT2(Y8, Y9, 32, Y0, Y1)
	OUT2(Y8, Y9, 32, Y2, Y3)
	OUT2(Y8, Y9, 32, Y4, Y5)
	OUT2(Y8, Y9, 32, Y6, Y7)
	VZEROUPPER
	RET

// func gemmTile4x4AVX2(kc int, a **float64, b, c *float64, ldc int, alpha, beta float64, astep int)
// b is a packed panel of 12 values per p.
TEXT ·gemmTile4x4AVX2(SB), NOSPLIT, $0-64
	ROWS4
	EDGE_PROLOGUE
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	TESTQ  R9, R9
	JZ     tail44

loop44:
	STEP4_256(0)
	ADDQ R12, R11
	STEP4_256(96)
	ADDQ R12, R11
	ADDQ $192, BX
	DECQ R9
	JNZ  loop44

tail44:
	TESTQ $1, CX
	JZ    store44
	STEP4_256(0)

store44:
	LOADC
	BETA(Y8, Y9)
	OUT1(Y8, Y9, Y0)
	OUT1(Y8, Y9, Y1)
	OUT1(Y8, Y9, Y2)
	OUT1(Y8, Y9, Y3)
	VZEROUPPER
	RET
