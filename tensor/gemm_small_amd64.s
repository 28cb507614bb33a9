//go:build amd64 && !purego

#include "textflag.h"

// Micro-kernels for gemm_small.go: an mr×nr tile of c straight from the
// operands as they are stored, without packing. Row i of op(a) is read
// through strides (ars between rows, aps between steps of p), so one
// kernel serves a and aᵀ; row p of op(b) is either contiguous (bjs = 1,
// b as stored) or strided (bjs = ldb, bᵀ), and then gathered. Columns
// past nn are masked off in every load, gather and store, so nothing is
// padded and nothing outside the operands is read or written.
//
// Rounding is the packed kernels' (gemm_amd64.s): s = fma(a, b, s) from
// s = 0 for p = 0 ... k-1 in order, then c = alpha·s, or fma(beta, c,
// alpha·s) when beta is not ±0; so every path gives the same bits.
//
// func smallTile…(k int, a *float64, ars, aps int, b *float64, bps, bjs int,
//	c *float64, ldc int, alpha, beta float64, nn int)

// lanes: 0 ... 7, scaled by the column stride into gather indices.
DATA smallLanes<>+0(SB)/8, $0
DATA smallLanes<>+8(SB)/8, $1
DATA smallLanes<>+16(SB)/8, $2
DATA smallLanes<>+24(SB)/8, $3
DATA smallLanes<>+32(SB)/8, $4
DATA smallLanes<>+40(SB)/8, $5
DATA smallLanes<>+48(SB)/8, $6
DATA smallLanes<>+56(SB)/8, $7
GLOBL smallLanes<>(SB), RODATA, $64

// smallMask16<>[nn] = 1<<nn - 1: the columns of a 16-wide tile in use.
DATA smallMask16<>+0(SB)/2, $0x0000
DATA smallMask16<>+2(SB)/2, $0x0001
DATA smallMask16<>+4(SB)/2, $0x0003
DATA smallMask16<>+6(SB)/2, $0x0007
DATA smallMask16<>+8(SB)/2, $0x000f
DATA smallMask16<>+10(SB)/2, $0x001f
DATA smallMask16<>+12(SB)/2, $0x003f
DATA smallMask16<>+14(SB)/2, $0x007f
DATA smallMask16<>+16(SB)/2, $0x00ff
DATA smallMask16<>+18(SB)/2, $0x01ff
DATA smallMask16<>+20(SB)/2, $0x03ff
DATA smallMask16<>+22(SB)/2, $0x07ff
DATA smallMask16<>+24(SB)/2, $0x0fff
DATA smallMask16<>+26(SB)/2, $0x1fff
DATA smallMask16<>+28(SB)/2, $0x3fff
DATA smallMask16<>+30(SB)/2, $0x7fff
DATA smallMask16<>+32(SB)/2, $0xffff
GLOBL smallMask16<>(SB), RODATA, $34

// smallMask8<>: eight all-ones quadwords, then eight zeros; the 8 - nn
// quadwords from 8 - nn on are the vector masks of an 8-wide tile.
DATA smallMask8<>+0(SB)/8, $-1
DATA smallMask8<>+8(SB)/8, $-1
DATA smallMask8<>+16(SB)/8, $-1
DATA smallMask8<>+24(SB)/8, $-1
DATA smallMask8<>+32(SB)/8, $-1
DATA smallMask8<>+40(SB)/8, $-1
DATA smallMask8<>+48(SB)/8, $-1
DATA smallMask8<>+56(SB)/8, $-1
DATA smallMask8<>+64(SB)/8, $0
DATA smallMask8<>+72(SB)/8, $0
DATA smallMask8<>+80(SB)/8, $0
DATA smallMask8<>+88(SB)/8, $0
DATA smallMask8<>+96(SB)/8, $0
DATA smallMask8<>+104(SB)/8, $0
DATA smallMask8<>+112(SB)/8, $0
DATA smallMask8<>+120(SB)/8, $0
GLOBL smallMask8<>(SB), RODATA, $128

// ---- AVX-512: tiles of mr × 16 (two zmm per row) ----
//
// Registers: AX row 0 of op(a) at step p, R13 row 4, R9 = ars and R10 =
// 3·ars in bytes, SI = aps in bytes; BX row p of op(b), R11 = bps in
// bytes; K1, K2 the column masks of the two halves; Z16, Z17 the row of
// op(b); Z0 ... Z15 the accumulators, row i in Z(2i), Z(2i+1).

// SETUP512 loads the arguments common to every AVX-512 tile.
#define SETUP512 \
	MOVQ         k+0(FP), CX; \
	MOVQ         a+8(FP), AX; \
	MOVQ         ars+16(FP), R9; \
	SHLQ         $3, R9; \
	LEAQ         (R9)(R9*2), R10; \
	LEAQ         (AX)(R9*4), R13; \
	MOVQ         aps+24(FP), SI; \
	SHLQ         $3, SI; \
	MOVQ         b+32(FP), BX; \
	MOVQ         bps+40(FP), R11; \
	SHLQ         $3, R11; \
	MOVQ         nn+88(FP), DI; \
	LEAQ         smallMask16<>(SB), R12; \
	KMOVW        (R12)(DI*2), K1; \
	KSHIFTRW     $8, K1, K2; \
	MOVQ         bjs+48(FP), R12

// GATHERIDX512 sets Z30 and Z31 to the byte offsets of columns 0-7 and
// 8-15 of a row of bᵀ, whose column stride is R12 values.
#define GATHERIDX512 \
	SHLQ         $3, R12; \
	VPBROADCASTQ R12, Z31; \
	VPMULUDQ     smallLanes<>(SB), Z31, Z30; \
	SHLQ         $3, R12; \
	VPBROADCASTQ R12, Z31; \
	VPADDQ       Z30, Z31, Z31

#define LOADB512 \
	VMOVUPD.Z (BX), K1, Z16; \
	VMOVUPD.Z 64(BX), K2, Z17

// GATHERB512: a gather clears its mask register, so it works on copies.
#define GATHERB512 \
	KMOVW      K1, K3; \
	VGATHERQPD (BX)(Z30*1), K3, Z16; \
	KMOVW      K2, K4; \
	VGATHERQPD (BX)(Z31*1), K4, Z17

#define ROW512(addr, t, c0, c1) \
	VBROADCASTSD addr, t; \
	VFMADD231PD  Z16, t, c0; \
	VFMADD231PD  Z17, t, c1

#define ROWS1_512 ROW512((AX), Z18, Z0, Z1)

#define ROWS4_512 \
	ROW512((AX), Z18, Z0, Z1); \
	ROW512((AX)(R9*1), Z19, Z2, Z3); \
	ROW512((AX)(R9*2), Z20, Z4, Z5); \
	ROW512((AX)(R10*1), Z21, Z6, Z7)

#define ROWS8_512 \
	ROWS4_512; \
	ROW512((R13), Z22, Z8, Z9); \
	ROW512((R13)(R9*1), Z23, Z10, Z11); \
	ROW512((R13)(R9*2), Z24, Z12, Z13); \
	ROW512((R13)(R10*1), Z25, Z14, Z15)

#define NEXTP512 \
	ADDQ SI, AX; \
	ADDQ SI, R13; \
	ADDQ R11, BX; \
	DECQ CX

#define ALPHA512(c0, c1) \
	VMULPD Z18, c0, c0; \
	VMULPD Z18, c1, c1

// STORE512 writes the columns in use of one row and moves DX to the next.
#define STORE512(c0, c1) \
	VMOVUPD c0, K1, (DX); \
	VMOVUPD c1, K2, 64(DX); \
	ADDQ    R8, DX

// SCALED512 is STORE512 after adding beta·c (beta in Z19); the masked
// FMAs read no column past nn.
#define SCALED512(c0, c1) \
	VFMADD231PD (DX), Z19, K1, c0; \
	VFMADD231PD 64(DX), Z19, K2, c1; \
	STORE512(c0, c1)

// EPILOGUE512 scales by alpha, then stores or combines with beta·c.
#define EPILOGUE512(alphas, stores, scaleds, label) \
	VBROADCASTSD alpha+72(FP), Z18; \
	alphas; \
	MOVQ         c+56(FP), DX; \
	MOVQ         ldc+64(FP), R8; \
	SHLQ         $3, R8; \
	MOVQ         beta+80(FP), R12; \
	SHLQ         $1, R12; \
	JNZ          label; \
	stores; \
	VZEROUPPER; \
	RET; \
label: \
	VBROADCASTSD beta+80(FP), Z19; \
	scaleds; \
	VZEROUPPER; \
	RET

// func smallTile8x16AVX512(k int, a *float64, ars, aps int, b *float64, bps, bjs int,
//	c *float64, ldc int, alpha, beta float64, nn int)
TEXT ·smallTile8x16AVX512(SB), NOSPLIT, $0-96
	SETUP512
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
	CMPQ   R12, $1
	JNE    gather8

load8:
	LOADB512
	ROWS8_512
	NEXTP512
	JNZ load8
	JMP done8

gather8:
	GATHERIDX512

gloop8:
	GATHERB512
	ROWS8_512
	NEXTP512
	JNZ gloop8

done8:
	EPILOGUE512(ALPHA512(Z0, Z1); ALPHA512(Z2, Z3); ALPHA512(Z4, Z5); ALPHA512(Z6, Z7); ALPHA512(Z8, Z9); ALPHA512(Z10, Z11); ALPHA512(Z12, Z13); ALPHA512(Z14, Z15), STORE512(Z0, Z1); STORE512(Z2, Z3); STORE512(Z4, Z5); STORE512(Z6, Z7); STORE512(Z8, Z9); STORE512(Z10, Z11); STORE512(Z12, Z13); STORE512(Z14, Z15), SCALED512(Z0, Z1); SCALED512(Z2, Z3); SCALED512(Z4, Z5); SCALED512(Z6, Z7); SCALED512(Z8, Z9); SCALED512(Z10, Z11); SCALED512(Z12, Z13); SCALED512(Z14, Z15), scaled8)

// func smallTile4x16AVX512(k int, a *float64, ars, aps int, b *float64, bps, bjs int,
//	c *float64, ldc int, alpha, beta float64, nn int)
TEXT ·smallTile4x16AVX512(SB), NOSPLIT, $0-96
	SETUP512
	VPXORQ Z0, Z0, Z0
	VPXORQ Z1, Z1, Z1
	VPXORQ Z2, Z2, Z2
	VPXORQ Z3, Z3, Z3
	VPXORQ Z4, Z4, Z4
	VPXORQ Z5, Z5, Z5
	VPXORQ Z6, Z6, Z6
	VPXORQ Z7, Z7, Z7
	CMPQ   R12, $1
	JNE    gather4

load4:
	LOADB512
	ROWS4_512
	NEXTP512
	JNZ load4
	JMP done4

gather4:
	GATHERIDX512

gloop4:
	GATHERB512
	ROWS4_512
	NEXTP512
	JNZ gloop4

done4:
	EPILOGUE512(ALPHA512(Z0, Z1); ALPHA512(Z2, Z3); ALPHA512(Z4, Z5); ALPHA512(Z6, Z7), STORE512(Z0, Z1); STORE512(Z2, Z3); STORE512(Z4, Z5); STORE512(Z6, Z7), SCALED512(Z0, Z1); SCALED512(Z2, Z3); SCALED512(Z4, Z5); SCALED512(Z6, Z7), scaled4)

// func smallTile1x16AVX512(k int, a *float64, ars, aps int, b *float64, bps, bjs int,
//	c *float64, ldc int, alpha, beta float64, nn int)
TEXT ·smallTile1x16AVX512(SB), NOSPLIT, $0-96
	SETUP512
	VPXORQ Z0, Z0, Z0
	VPXORQ Z1, Z1, Z1
	CMPQ   R12, $1
	JNE    gather1

load1:
	LOADB512
	ROWS1_512
	NEXTP512
	JNZ load1
	JMP done1

gather1:
	GATHERIDX512

gloop1:
	GATHERB512
	ROWS1_512
	NEXTP512
	JNZ gloop1

done1:
	EPILOGUE512(ALPHA512(Z0, Z1), STORE512(Z0, Z1), SCALED512(Z0, Z1), scaled1)

// ---- AVX-512, narrow: tiles of 16 × 8 (one zmm per row) ----
//
// For a strip of at most 8 columns: twice the rows per load or gather of
// op(b), and no FMAs on a masked-off half. R13, DI and R12 hold rows 4, 8
// and 12 of op(a); Z16 the row of op(b); Z0 ... Z15 the accumulators.

#define ROWN512(addr, t, c0) \
	VBROADCASTSD addr, t; \
	VFMADD231PD  Z16, t, c0

#define ROWS16N_512 \
	ROWN512((AX), Z17, Z0); \
	ROWN512((AX)(R9*1), Z18, Z1); \
	ROWN512((AX)(R9*2), Z19, Z2); \
	ROWN512((AX)(R10*1), Z20, Z3); \
	ROWN512((R13), Z21, Z4); \
	ROWN512((R13)(R9*1), Z22, Z5); \
	ROWN512((R13)(R9*2), Z23, Z6); \
	ROWN512((R13)(R10*1), Z24, Z7); \
	ROWN512((DI), Z17, Z8); \
	ROWN512((DI)(R9*1), Z18, Z9); \
	ROWN512((DI)(R9*2), Z19, Z10); \
	ROWN512((DI)(R10*1), Z20, Z11); \
	ROWN512((R12), Z21, Z12); \
	ROWN512((R12)(R9*1), Z22, Z13); \
	ROWN512((R12)(R9*2), Z23, Z14); \
	ROWN512((R12)(R10*1), Z24, Z15)

#define NEXTPN512 \
	ADDQ SI, AX; \
	ADDQ SI, R13; \
	ADDQ SI, DI; \
	ADDQ SI, R12; \
	ADDQ R11, BX; \
	DECQ CX

#define ALPHAN512(c0) VMULPD Z18, c0, c0

#define STOREN512(c0) \
	VMOVUPD c0, K1, (DX); \
	ADDQ    R8, DX

#define SCALEDN512(c0) \
	VFMADD231PD (DX), Z19, K1, c0; \
	STOREN512(c0)

// func smallTile16x8AVX512(k int, a *float64, ars, aps int, b *float64, bps, bjs int,
//	c *float64, ldc int, alpha, beta float64, nn int)
TEXT ·smallTile16x8AVX512(SB), NOSPLIT, $0-96
	SETUP512
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
	CMPQ   R12, $1
	JEQ    bases16
	GATHERIDX512

bases16:
	LEAQ (R13)(R9*4), DI
	LEAQ (DI)(R9*4), R12
	MOVQ bjs+48(FP), DX
	CMPQ DX, $1
	JNE  gloop16

load16:
	VMOVUPD.Z (BX), K1, Z16
	ROWS16N_512
	NEXTPN512
	JNZ       load16
	JMP       done16

gloop16:
	KMOVW      K1, K3
	VGATHERQPD (BX)(Z30*1), K3, Z16
	ROWS16N_512
	NEXTPN512
	JNZ        gloop16

done16:
	EPILOGUE512(ALPHAN512(Z0); ALPHAN512(Z1); ALPHAN512(Z2); ALPHAN512(Z3); ALPHAN512(Z4); ALPHAN512(Z5); ALPHAN512(Z6); ALPHAN512(Z7); ALPHAN512(Z8); ALPHAN512(Z9); ALPHAN512(Z10); ALPHAN512(Z11); ALPHAN512(Z12); ALPHAN512(Z13); ALPHAN512(Z14); ALPHAN512(Z15), STOREN512(Z0); STOREN512(Z1); STOREN512(Z2); STOREN512(Z3); STOREN512(Z4); STOREN512(Z5); STOREN512(Z6); STOREN512(Z7); STOREN512(Z8); STOREN512(Z9); STOREN512(Z10); STOREN512(Z11); STOREN512(Z12); STOREN512(Z13); STOREN512(Z14); STOREN512(Z15), SCALEDN512(Z0); SCALEDN512(Z1); SCALEDN512(Z2); SCALEDN512(Z3); SCALEDN512(Z4); SCALEDN512(Z5); SCALEDN512(Z6); SCALEDN512(Z7); SCALEDN512(Z8); SCALEDN512(Z9); SCALEDN512(Z10); SCALEDN512(Z11); SCALEDN512(Z12); SCALEDN512(Z13); SCALEDN512(Z14); SCALEDN512(Z15), scaled16)


// ---- AVX2: tiles of mr × 8 (two ymm per row) ----
//
// Registers as for AVX-512, except: Y14, Y15 the column masks; Y8, Y9 the
// row of op(b); Y10 the broadcast value (renamed on every load, so one
// register serves all rows); Y11 a gather's mask; Y12, Y13 its indices;
// Y0 ... Y7 the accumulators.

#define SETUP256 \
	MOVQ       k+0(FP), CX; \
	MOVQ       a+8(FP), AX; \
	MOVQ       ars+16(FP), R9; \
	SHLQ       $3, R9; \
	LEAQ       (R9)(R9*2), R10; \
	MOVQ       aps+24(FP), SI; \
	SHLQ       $3, SI; \
	MOVQ       b+32(FP), BX; \
	MOVQ       bps+40(FP), R11; \
	SHLQ       $3, R11; \
	MOVQ       $8, DI; \
	SUBQ       nn+88(FP), DI; \
	LEAQ       smallMask8<>(SB), R12; \
	VMOVDQU    (R12)(DI*8), Y14; \
	VMOVDQU    32(R12)(DI*8), Y15; \
	MOVQ       bjs+48(FP), R12

#define GATHERIDX256 \
	SHLQ         $3, R12; \
	MOVQ         R12, X13; \
	VPBROADCASTQ X13, Y13; \
	VPMULUDQ     smallLanes<>(SB), Y13, Y12; \
	SHLQ         $2, R12; \
	MOVQ         R12, X13; \
	VPBROADCASTQ X13, Y13; \
	VPADDQ       Y12, Y13, Y13

// LOADB256 reads zeros in the masked-off columns, without touching them.
#define LOADB256 \
	VMASKMOVPD (BX), Y14, Y8; \
	VMASKMOVPD 32(BX), Y15, Y9

#define GATHERB256 \
	VMOVDQU    Y14, Y11; \
	VGATHERQPD Y11, (BX)(Y12*1), Y8; \
	VMOVDQU    Y15, Y11; \
	VGATHERQPD Y11, (BX)(Y13*1), Y9

#define ROW256(addr, c0, c1) \
	VBROADCASTSD addr, Y10; \
	VFMADD231PD  Y8, Y10, c0; \
	VFMADD231PD  Y9, Y10, c1

#define ROWS1_256 ROW256((AX), Y0, Y1)

#define ROWS4_256 \
	ROW256((AX), Y0, Y1); \
	ROW256((AX)(R9*1), Y2, Y3); \
	ROW256((AX)(R9*2), Y4, Y5); \
	ROW256((AX)(R10*1), Y6, Y7)

#define NEXTP256 \
	ADDQ SI, AX; \
	ADDQ R11, BX; \
	DECQ CX

#define ALPHA256(c0, c1) \
	VMULPD Y10, c0, c0; \
	VMULPD Y10, c1, c1

#define STORE256(c0, c1) \
	VMASKMOVPD c0, Y14, (DX); \
	VMASKMOVPD c1, Y15, 32(DX); \
	ADDQ       R8, DX

// SCALED256 is STORE256 after adding beta·c (beta in Y11), read through
// the masks.
#define SCALED256(c0, c1) \
	VMASKMOVPD  (DX), Y14, Y8; \
	VFMADD231PD Y8, Y11, c0; \
	VMASKMOVPD  32(DX), Y15, Y9; \
	VFMADD231PD Y9, Y11, c1; \
	STORE256(c0, c1)

// EPILOGUE256 is EPILOGUE512 for the AVX2 tiles, with one more case: a
// tile whose columns are all in use (DI = full) is stored with plain moves,
// since masked stores are microcoded and slow on some AMD cores.
#define EPILOGUE256(alphas, stores, scaleds, fulls, fullscaleds, full, label, flabel, fslabel) \
	VBROADCASTSD alpha+72(FP), Y10; \
	alphas; \
	MOVQ         c+56(FP), DX; \
	MOVQ         ldc+64(FP), R8; \
	SHLQ         $3, R8; \
	MOVQ         beta+80(FP), R12; \
	SHLQ         $1, R12; \
	CMPQ         DI, $full; \
	JEQ          flabel; \
	TESTQ        R12, R12; \
	JNZ          label; \
	stores; \
	VZEROUPPER; \
	RET; \
label: \
	VBROADCASTSD beta+80(FP), Y11; \
	scaleds; \
	VZEROUPPER; \
	RET; \
flabel: \
	TESTQ        R12, R12; \
	JNZ          fslabel; \
	fulls; \
	VZEROUPPER; \
	RET; \
fslabel: \
	VBROADCASTSD beta+80(FP), Y11; \
	fullscaleds; \
	VZEROUPPER; \
	RET

// FULL256 and FULLSCALED256 are STORE256 and SCALED256 for a full tile.
#define FULL256(c0, c1) \
	VMOVUPD c0, (DX); \
	VMOVUPD c1, 32(DX); \
	ADDQ    R8, DX

#define FULLSCALED256(c0, c1) \
	VFMADD231PD (DX), Y11, c0; \
	VFMADD231PD 32(DX), Y11, c1; \
	FULL256(c0, c1)

// func smallTile4x8AVX2(k int, a *float64, ars, aps int, b *float64, bps, bjs int,
//	c *float64, ldc int, alpha, beta float64, nn int)
TEXT ·smallTile4x8AVX2(SB), NOSPLIT, $0-96
	SETUP256
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	CMPQ   R12, $1
	JNE    gather4

load4:
	LOADB256
	ROWS4_256
	NEXTP256
	JNZ load4
	JMP done4

gather4:
	GATHERIDX256

gloop4:
	GATHERB256
	ROWS4_256
	NEXTP256
	JNZ gloop4

done4:
	EPILOGUE256(ALPHA256(Y0, Y1); ALPHA256(Y2, Y3); ALPHA256(Y4, Y5); ALPHA256(Y6, Y7), STORE256(Y0, Y1); STORE256(Y2, Y3); STORE256(Y4, Y5); STORE256(Y6, Y7), SCALED256(Y0, Y1); SCALED256(Y2, Y3); SCALED256(Y4, Y5); SCALED256(Y6, Y7), FULL256(Y0, Y1); FULL256(Y2, Y3); FULL256(Y4, Y5); FULL256(Y6, Y7), FULLSCALED256(Y0, Y1); FULLSCALED256(Y2, Y3); FULLSCALED256(Y4, Y5); FULLSCALED256(Y6, Y7), 0, scaled4, full4, fullscaled4)

// func smallTile1x8AVX2(k int, a *float64, ars, aps int, b *float64, bps, bjs int,
//	c *float64, ldc int, alpha, beta float64, nn int)
TEXT ·smallTile1x8AVX2(SB), NOSPLIT, $0-96
	SETUP256
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	CMPQ   R12, $1
	JNE    gather1

load1:
	LOADB256
	ROWS1_256
	NEXTP256
	JNZ load1
	JMP done1

gather1:
	GATHERIDX256

gloop1:
	GATHERB256
	ROWS1_256
	NEXTP256
	JNZ gloop1

done1:
	EPILOGUE256(ALPHA256(Y0, Y1), STORE256(Y0, Y1), SCALED256(Y0, Y1), FULL256(Y0, Y1), FULLSCALED256(Y0, Y1), 0, scaled1, full1, fullscaled1)

// ---- AVX2, narrow: tiles of 8 × 4 (one ymm per row) ----
//
// As the AVX-512 narrow tile: R13 holds row 4 of op(a), Y8 the row of
// op(b), Y14 the column mask; Y0 ... Y7 the accumulators.

#define ROWN256(addr, c0) \
	VBROADCASTSD addr, Y10; \
	VFMADD231PD  Y8, Y10, c0

#define ROWS8N_256 \
	ROWN256((AX), Y0); \
	ROWN256((AX)(R9*1), Y1); \
	ROWN256((AX)(R9*2), Y2); \
	ROWN256((AX)(R10*1), Y3); \
	ROWN256((R13), Y4); \
	ROWN256((R13)(R9*1), Y5); \
	ROWN256((R13)(R9*2), Y6); \
	ROWN256((R13)(R10*1), Y7)

#define NEXTPN256 \
	ADDQ SI, AX; \
	ADDQ SI, R13; \
	ADDQ R11, BX; \
	DECQ CX

#define ALPHAN256(c0) VMULPD Y10, c0, c0

#define STOREN256(c0) \
	VMASKMOVPD c0, Y14, (DX); \
	ADDQ       R8, DX

#define SCALEDN256(c0) \
	VMASKMOVPD  (DX), Y14, Y8; \
	VFMADD231PD Y8, Y11, c0; \
	STOREN256(c0)

#define FULLN256(c0) \
	VMOVUPD c0, (DX); \
	ADDQ    R8, DX

#define FULLSCALEDN256(c0) \
	VFMADD231PD (DX), Y11, c0; \
	FULLN256(c0)

// func smallTile8x4AVX2(k int, a *float64, ars, aps int, b *float64, bps, bjs int,
//	c *float64, ldc int, alpha, beta float64, nn int)
TEXT ·smallTile8x4AVX2(SB), NOSPLIT, $0-96
	SETUP256
	LEAQ   (AX)(R9*4), R13
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	VXORPD Y4, Y4, Y4
	VXORPD Y5, Y5, Y5
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	CMPQ   R12, $1
	JNE    gather8

load8:
	VMASKMOVPD (BX), Y14, Y8
	ROWS8N_256
	NEXTPN256
	JNZ        load8
	JMP        done8

gather8:
	GATHERIDX256

gloop8:
	VMOVDQU    Y14, Y11
	VGATHERQPD Y11, (BX)(Y12*1), Y8
	ROWS8N_256
	NEXTPN256
	JNZ        gloop8

done8:
	EPILOGUE256(ALPHAN256(Y0); ALPHAN256(Y1); ALPHAN256(Y2); ALPHAN256(Y3); ALPHAN256(Y4); ALPHAN256(Y5); ALPHAN256(Y6); ALPHAN256(Y7), STOREN256(Y0); STOREN256(Y1); STOREN256(Y2); STOREN256(Y3); STOREN256(Y4); STOREN256(Y5); STOREN256(Y6); STOREN256(Y7), SCALEDN256(Y0); SCALEDN256(Y1); SCALEDN256(Y2); SCALEDN256(Y3); SCALEDN256(Y4); SCALEDN256(Y5); SCALEDN256(Y6); SCALEDN256(Y7), FULLN256(Y0); FULLN256(Y1); FULLN256(Y2); FULLN256(Y3); FULLN256(Y4); FULLN256(Y5); FULLN256(Y6); FULLN256(Y7), FULLSCALEDN256(Y0); FULLSCALEDN256(Y1); FULLSCALEDN256(Y2); FULLSCALEDN256(Y3); FULLSCALEDN256(Y4); FULLSCALEDN256(Y5); FULLSCALEDN256(Y6); FULLSCALEDN256(Y7), 4, scaled8, full8, fullscaled8)
