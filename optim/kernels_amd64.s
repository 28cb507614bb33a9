//go:build amd64 && !purego

#include "textflag.h"

// The AVX2 update kernels: the reference loops of kernels.go on four
// elements at a time, operation for operation. Each takes its argument
// struct (the offsets are those of kernels.go's structs, checked by
// kernels_amd64_test.go) and a count n, a multiple of 4, and returns
// whether every gradient and new value was finite: Y7 gathers x - x of
// each, which is +0 for a finite x and NaN otherwise.

DATA signbit<>+0(SB)/8, $0x8000000000000000
DATA signbit<>+8(SB)/8, $0x8000000000000000
DATA signbit<>+16(SB)/8, $0x8000000000000000
DATA signbit<>+24(SB)/8, $0x8000000000000000
GLOBL signbit<>(SB), RODATA|NOPTR, $32

DATA posinf<>+0(SB)/8, $0x7ff0000000000000
DATA posinf<>+8(SB)/8, $0x7ff0000000000000
DATA posinf<>+16(SB)/8, $0x7ff0000000000000
DATA posinf<>+24(SB)/8, $0x7ff0000000000000
GLOBL posinf<>(SB), RODATA|NOPTR, $32

// math.NaN()'s bits, which math.Max returns
DATA gonan<>+0(SB)/8, $0x7ff8000000000001
DATA gonan<>+8(SB)/8, $0x7ff8000000000001
DATA gonan<>+16(SB)/8, $0x7ff8000000000001
DATA gonan<>+24(SB)/8, $0x7ff8000000000001
GLOBL gonan<>(SB), RODATA|NOPTR, $32

// func adamAVX2(a *adamArgs, n int) bool
TEXT ·adamAVX2(SB), NOSPLIT, $0-17
	MOVQ a+0(FP), DI
	MOVQ n+8(FP), CX
	VBROADCASTSD 216(DI), Y8  // beta1
	VBROADCASTSD 224(DI), Y9  // c1
	VBROADCASTSD 232(DI), Y10 // beta2
	VBROADCASTSD 240(DI), Y11 // c2
	VBROADCASTSD 248(DI), Y12 // bc2Sqrt
	VBROADCASTSD 256(DI), Y13 // eps
	VBROADCASTSD 264(DI), Y14 // negStep
	VBROADCASTSD 272(DI), Y15 // wd
	VBROADCASTSD 280(DI), Y6  // flip
	MOVBLZX 288(DI), AX       // decoupled: bit 0
	MOVBLZX 289(DI), BX       // l2: bit 1
	SHLL    $1, BX
	ORL     BX, AX
	MOVBLZX 290(DI), BX       // amsgrad: bit 2
	SHLL    $2, BX
	ORL     BX, AX
	MOVQ 0(DI), R8            // p
	MOVQ 24(DI), R9           // g
	MOVQ 48(DI), R10          // pold
	MOVQ 72(DI), R11          // m
	MOVQ 96(DI), R12          // v
	MOVQ 120(DI), R13         // vmax
	MOVQ 144(DI), R14         // m2
	MOVQ 168(DI), SI          // v2
	MOVQ 192(DI), DI          // vmax2
	VXORPD Y7, Y7, Y7
	XORQ   BX, BX

adamLoop:
	CMPQ BX, CX
	JGE  adamDone
	VMOVUPD (R8)(BX*8), Y0    // x = p
	VMOVUPD Y0, (R10)(BX*8)   // pold = x
	VMOVUPD (R9)(BX*8), Y1    // d = g
	VSUBPD  Y1, Y1, Y2
	VORPD   Y2, Y7, Y7
	TESTL   $1, AX
	JZ      adamNoShrink
	VMULPD  Y15, Y0, Y0       // x *= shrink

adamNoShrink:
	VXORPD Y6, Y1, Y1         // d ^= flip
	TESTL  $2, AX
	JZ     adamNoL2
	VFMADD231PD Y0, Y15, Y1   // d = fma(wd, x, d)

adamNoL2:
	VMULPD      (R11)(BX*8), Y8, Y2  // m·β1
	VFMADD231PD Y1, Y9, Y2           // m = fma(c1, d, m·β1)
	VMOVUPD     Y2, (R14)(BX*8)
	VMULPD      (R12)(BX*8), Y10, Y3 // v·β2
	VMULPD      Y1, Y11, Y4          // c2·d
	VFMADD231PD Y1, Y4, Y3           // v = fma(c2·d, d, v·β2)
	VMOVUPD     Y3, (SI)(BX*8)
	TESTL       $4, AX
	JZ          adamNoMax

	// vmax = math.Max(vmax, v): the larger; of equal values (±0) their
	// AND; NaN if either is NaN, unless either is +Inf, which wins.
	VMOVUPD   (R13)(BX*8), Y4
	VMAXPD    Y3, Y4, Y5               // vmax > v ? vmax : v
	VMAXPD    Y4, Y3, Y1               // v > vmax ? v : vmax
	VANDPD    Y1, Y5, Y5
	VCMPPD    $3, Y3, Y4, Y1           // unordered
	VBLENDVPD Y1, gonan<>(SB), Y5, Y5
	VPCMPEQQ  posinf<>(SB), Y3, Y1
	VBLENDVPD Y1, posinf<>(SB), Y5, Y5
	VPCMPEQQ  posinf<>(SB), Y4, Y1
	VBLENDVPD Y1, posinf<>(SB), Y5, Y3
	VMOVUPD   Y3, (DI)(BX*8)

adamNoMax:
	VSQRTPD Y3, Y3
	VDIVPD  Y12, Y3, Y3       // √v / √bc2
	VADDPD  Y13, Y3, Y3       // + eps
	VMULPD  Y14, Y2, Y4       // negStep·m
	VDIVPD  Y3, Y4, Y4
	VADDPD  Y4, Y0, Y0
	VMOVUPD Y0, (R8)(BX*8)
	VSUBPD  Y0, Y0, Y2
	VORPD   Y2, Y7, Y7
	ADDQ    $4, BX
	JMP     adamLoop

adamDone:
	VPTEST    Y7, Y7
	SETEQ     ret+16(FP)
	VZEROUPPER
	RET

// func rmspropAVX2(a *rmspropArgs, n int) bool
TEXT ·rmspropAVX2(SB), NOSPLIT, $0-17
	MOVQ a+0(FP), DI
	MOVQ n+8(FP), CX
	VBROADCASTSD 216(DI), Y8  // alpha
	VBROADCASTSD 224(DI), Y9  // c1
	VBROADCASTSD 232(DI), Y10 // eps
	VBROADCASTSD 240(DI), Y11 // negLR
	VBROADCASTSD 248(DI), Y12 // wd
	VBROADCASTSD 256(DI), Y13 // mom
	VBROADCASTSD 264(DI), Y6  // flip
	MOVBLZX 272(DI), AX       // l2: bit 0
	MOVBLZX 273(DI), BX       // momentum: bit 1
	SHLL    $1, BX
	ORL     BX, AX
	MOVBLZX 274(DI), BX       // centered: bit 2
	SHLL    $2, BX
	ORL     BX, AX
	MOVQ 0(DI), R8            // p
	MOVQ 24(DI), R9           // g
	MOVQ 48(DI), R10          // pold
	MOVQ 72(DI), R11          // sq
	MOVQ 96(DI), R12          // buf
	MOVQ 120(DI), R13         // gavg
	MOVQ 144(DI), R14         // sq2
	MOVQ 168(DI), SI          // buf2
	MOVQ 192(DI), DI          // gavg2
	VXORPD Y7, Y7, Y7
	XORQ   BX, BX

rmsLoop:
	CMPQ BX, CX
	JGE  rmsDone
	VMOVUPD (R8)(BX*8), Y0
	VMOVUPD Y0, (R10)(BX*8)
	VMOVUPD (R9)(BX*8), Y1
	VSUBPD  Y1, Y1, Y2
	VORPD   Y2, Y7, Y7
	VXORPD  Y6, Y1, Y1
	TESTL   $1, AX
	JZ      rmsNoL2
	VFMADD231PD Y0, Y12, Y1   // d = fma(wd, x, d)

rmsNoL2:
	VMULPD      (R11)(BX*8), Y8, Y2 // sq·α
	VMULPD      Y1, Y9, Y3          // c1·d
	VFMADD231PD Y1, Y3, Y2          // s = fma(c1·d, d, sq·α)
	VMOVUPD     Y2, (R14)(BX*8)
	TESTL       $4, AX
	JZ          rmsNotCentered
	VMULPD      (R13)(BX*8), Y8, Y3 // ḡ·α
	VFMADD231PD Y1, Y9, Y3          // ḡ = fma(c1, d, ḡ·α)
	VMOVUPD     Y3, (DI)(BX*8)
	VFNMADD231PD Y3, Y3, Y2         // s - ḡ·ḡ, fused

rmsNotCentered:
	VSQRTPD Y2, Y2
	VADDPD  Y10, Y2, Y2       // den = √s + eps
	TESTL   $2, AX
	JZ      rmsNoMomentum
	VDIVPD  Y2, Y1, Y3        // d/den
	VMULPD  (R12)(BX*8), Y13, Y4
	VADDPD  Y3, Y4, Y4        // buf = buf·mom + d/den
	VMOVUPD Y4, (SI)(BX*8)
	VFMADD231PD Y4, Y11, Y0   // x = fma(-lr, buf, x)
	JMP     rmsStore

rmsNoMomentum:
	VMULPD Y11, Y1, Y3        // -lr·d
	VDIVPD Y2, Y3, Y3
	VADDPD Y3, Y0, Y0

rmsStore:
	VMOVUPD Y0, (R8)(BX*8)
	VSUBPD  Y0, Y0, Y2
	VORPD   Y2, Y7, Y7
	ADDQ    $4, BX
	JMP     rmsLoop

rmsDone:
	VPTEST    Y7, Y7
	SETEQ     ret+16(FP)
	VZEROUPPER
	RET

// func sgdAVX2(a *sgdArgs, n int) bool
TEXT ·sgdAVX2(SB), NOSPLIT, $0-17
	MOVQ a+0(FP), DI
	MOVQ n+8(FP), CX
	VBROADCASTSD 120(DI), Y8  // negLR
	VBROADCASTSD 128(DI), Y9  // wd
	VBROADCASTSD 136(DI), Y10 // mom
	VBROADCASTSD 144(DI), Y11 // damp
	VBROADCASTSD 152(DI), Y6  // flip
	MOVBLZX 160(DI), AX       // l2: bit 0
	MOVBLZX 161(DI), BX       // momentum: bit 1
	SHLL    $1, BX
	ORL     BX, AX
	MOVBLZX 162(DI), BX       // first: bit 2
	SHLL    $2, BX
	ORL     BX, AX
	MOVBLZX 163(DI), BX       // nesterov: bit 3
	SHLL    $3, BX
	ORL     BX, AX
	MOVQ 0(DI), R8            // p
	MOVQ 24(DI), R9           // g
	MOVQ 48(DI), R10          // pold
	MOVQ 72(DI), R11          // buf
	MOVQ 96(DI), R12          // buf2
	VXORPD Y7, Y7, Y7
	XORQ   BX, BX

sgdLoop:
	CMPQ BX, CX
	JGE  sgdDone
	VMOVUPD (R8)(BX*8), Y0
	VMOVUPD Y0, (R10)(BX*8)
	VMOVUPD (R9)(BX*8), Y1
	VSUBPD  Y1, Y1, Y2
	VORPD   Y2, Y7, Y7
	VXORPD  Y6, Y1, Y1
	TESTL   $1, AX
	JZ      sgdNoL2
	VFMADD231PD Y0, Y9, Y1    // d = fma(wd, x, d)

sgdNoL2:
	TESTL $2, AX
	JZ    sgdApply
	VMOVAPD Y1, Y2            // buf = d on the first step
	TESTL $4, AX
	JNZ   sgdFirst
	VMULPD      (R11)(BX*8), Y10, Y2 // buf·mom
	VFMADD231PD Y1, Y11, Y2          // buf = fma(damp, d, buf·mom)

sgdFirst:
	VMOVUPD Y2, (R12)(BX*8)
	TESTL   $8, AX
	JZ      sgdPlainMomentum
	VFMADD231PD Y2, Y10, Y1   // d = fma(mom, buf, d)
	JMP     sgdApply

sgdPlainMomentum:
	VMOVAPD Y2, Y1

sgdApply:
	VFMADD231PD Y1, Y8, Y0    // x = fma(-lr, d, x)
	VMOVUPD Y0, (R8)(BX*8)
	VSUBPD  Y0, Y0, Y2
	VORPD   Y2, Y7, Y7
	ADDQ    $4, BX
	JMP     sgdLoop

sgdDone:
	VPTEST    Y7, Y7
	SETEQ     ret+16(FP)
	VZEROUPPER
	RET
