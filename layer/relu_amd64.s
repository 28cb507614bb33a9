//go:build amd64 && !purego

#include "textflag.h"

// func reluAVX2(y, x *float64, n int)
// y[i] = x[i] unless x[i] <= 0, else +0, for n a positive multiple of 4:
// the compare "not less than or equal, unordered" is true for x > 0 and
// for NaN, which passes through as in Apply.
TEXT ·reluAVX2(SB), NOSPLIT, $0-24
	MOVQ y+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ n+16(FP), CX
	XORQ AX, AX
	VXORPD Y15, Y15, Y15
	CMPQ CX, $8
	JLT  four

eight:
	VMOVUPD (SI)(AX*8), Y0
	VMOVUPD 32(SI)(AX*8), Y1
	VCMPPD  $0x16, Y15, Y0, Y2 // x NLE_UQ 0: not (x <= 0)
	VCMPPD  $0x16, Y15, Y1, Y3
	VANDPD  Y0, Y2, Y2
	VANDPD  Y1, Y3, Y3
	VMOVUPD Y2, (DI)(AX*8)
	VMOVUPD Y3, 32(DI)(AX*8)
	ADDQ    $8, AX
	LEAQ    8(AX), DX
	CMPQ    DX, CX
	JLE     eight

four:
	CMPQ    AX, CX
	JGE     done
	VMOVUPD (SI)(AX*8), Y0
	VCMPPD  $0x16, Y15, Y0, Y2
	VANDPD  Y0, Y2, Y2
	VMOVUPD Y2, (DI)(AX*8)
	ADDQ    $4, AX
	JMP     four

done:
	VZEROUPPER
	RET

// func reluGradAVX2(gx, gy, x *float64, n int)
// gx[i] += gy[i] where x[i] > 0, else += +0, for n a positive multiple of
// 4: the compare "greater than, ordered" is false for NaN, as Go's v > 0.
TEXT ·reluGradAVX2(SB), NOSPLIT, $0-32
	MOVQ gx+0(FP), DI
	MOVQ gy+8(FP), BX
	MOVQ x+16(FP), SI
	MOVQ n+24(FP), CX
	XORQ AX, AX
	VXORPD Y15, Y15, Y15
	CMPQ CX, $8
	JLT  gfour

geight:
	VMOVUPD (SI)(AX*8), Y0
	VMOVUPD 32(SI)(AX*8), Y1
	VCMPPD  $0x1e, Y15, Y0, Y2 // x GT_OQ 0
	VCMPPD  $0x1e, Y15, Y1, Y3
	VANDPD  (BX)(AX*8), Y2, Y2
	VANDPD  32(BX)(AX*8), Y3, Y3
	VMOVUPD (DI)(AX*8), Y4
	VMOVUPD 32(DI)(AX*8), Y5
	VADDPD  Y2, Y4, Y4 // gx first, as the Go loop adds: a NaN in both keeps gx's
	VADDPD  Y3, Y5, Y5
	VMOVUPD Y4, (DI)(AX*8)
	VMOVUPD Y5, 32(DI)(AX*8)
	ADDQ    $8, AX
	LEAQ    8(AX), DX
	CMPQ    DX, CX
	JLE     geight

gfour:
	CMPQ    AX, CX
	JGE     gdone
	VMOVUPD (SI)(AX*8), Y0
	VCMPPD  $0x1e, Y15, Y0, Y2
	VANDPD  (BX)(AX*8), Y2, Y2
	VMOVUPD (DI)(AX*8), Y4
	VADDPD  Y2, Y4, Y4
	VMOVUPD Y4, (DI)(AX*8)
	ADDQ    $4, AX
	JMP     gfour

gdone:
	VZEROUPPER
	RET
