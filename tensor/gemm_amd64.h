// Macros the micro-kernels of gemm_amd64.s and gemm_edge_amd64.s share.

// ROWS4 loads the table of a's first four row pointers into AX, SI, DI
// and R10, and ROWS8 all eight, the last four into R13, R14, R15 and DX;
// each then zeroes R11, the offset of p's values in bytes, and puts a's
// step per p, in bytes, in R12 (PSTEP).
#define TABLE4 \
	MOVQ a+8(FP), R11; \
	MOVQ 0(R11), AX; \
	MOVQ 8(R11), SI; \
	MOVQ 16(R11), DI; \
	MOVQ 24(R11), R10

#define PSTEP \
	XORQ R11, R11; \
	MOVQ astep+56(FP), R12; \
	SHLQ $3, R12

#define ROWS4 \
	TABLE4; \
	PSTEP

#define ROWS8 \
	TABLE4; \
	MOVQ 32(R11), R13; \
	MOVQ 40(R11), R14; \
	MOVQ 48(R11), R15; \
	MOVQ 56(R11), DX; \
	PSTEP

// LOADC puts c in DX and its row stride in bytes in R8, once the rows of
// a are no longer needed.
#define LOADC \
	MOVQ c+24(FP), DX; \
	MOVQ ldc+32(FP), R8; \
	SHLQ $3, R8
