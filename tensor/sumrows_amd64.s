//go:build amd64 && !purego

#include "textflag.h"

// func sumColumnsAVX2(d, x *float64, m, n, cols int)
// d[j] += x[0][j] + x[1][j] + ... + x[m-1][j], added in that order, for
// j < cols (a positive multiple of 4); x is row-major with n columns and
// m >= 1 rows. Sixteen columns per pass down x, then four: each sum stays
// in a register, and d[j] is the first operand of every addition, as in
// the Go loop s += r[j].
TEXT ·sumColumnsAVX2(SB), NOSPLIT, $0-40
	MOVQ d+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ m+16(FP), R8
	MOVQ n+24(FP), R9
	SHLQ $3, R9              // row stride in bytes
	MOVQ cols+32(FP), CX
	XORQ AX, AX              // j

sixteen:
	LEAQ 16(AX), DX
	CMPQ DX, CX
	JGT  four
	VMOVUPD (DI)(AX*8), Y0
	VMOVUPD 32(DI)(AX*8), Y1
	VMOVUPD 64(DI)(AX*8), Y2
	VMOVUPD 96(DI)(AX*8), Y3
	LEAQ (SI)(AX*8), BX      // &x[0][j]
	MOVQ R8, R10

rows16:
	VADDPD (BX), Y0, Y0
	VADDPD 32(BX), Y1, Y1
	VADDPD 64(BX), Y2, Y2
	VADDPD 96(BX), Y3, Y3
	ADDQ R9, BX
	DECQ R10
	JNZ  rows16
	VMOVUPD Y0, (DI)(AX*8)
	VMOVUPD Y1, 32(DI)(AX*8)
	VMOVUPD Y2, 64(DI)(AX*8)
	VMOVUPD Y3, 96(DI)(AX*8)
	MOVQ DX, AX
	JMP  sixteen

four:
	CMPQ AX, CX
	JGE  done
	VMOVUPD (DI)(AX*8), Y0
	LEAQ (SI)(AX*8), BX
	MOVQ R8, R10

rows4:
	VADDPD (BX), Y0, Y0
	ADDQ R9, BX
	DECQ R10
	JNZ  rows4
	VMOVUPD Y0, (DI)(AX*8)
	ADDQ $4, AX
	JMP  four

done:
	VZEROUPPER
	RET
