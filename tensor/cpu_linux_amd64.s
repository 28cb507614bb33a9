//go:build !purego

#include "textflag.h"

// func cpuLSL() (cpu int, ok bool)
TEXT ·cpuLSL(SB), NOSPLIT, $0-9
	MOVL $0x7b, AX
	LSLL AX, CX // ZF set if the selector is valid and visible
	JNZ  fail
	ANDL $0xfff, CX
	MOVQ CX, cpu+0(FP)
	MOVB $1, ok+8(FP)
	RET

fail:
	MOVQ $0, cpu+0(FP)
	MOVB $0, ok+8(FP)
	RET
