package tensor

// Kernel returns the name of the matrix-product implementation MatMul
// uses on this build and CPU: "avx512" or "avx2" (assembly kernels chosen
// by the CPU's features), "openblas" (the openblas build tag) or "fma-go"
// (their arithmetic in Go, with their bits, on every other build).
func Kernel() string { return gemmActive.name }
