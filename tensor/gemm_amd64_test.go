//go:build amd64 && !purego

package tensor

// asmKernels returns the assembly kernels this CPU runs, for tests that
// drive them with shrunken blocking.
func asmKernels() map[string]*gemmKernel {
	ks := map[string]*gemmKernel{}
	if _, ok := gemmByName("avx2"); ok {
		ks["avx2"] = gemmAVX2
	}
	if _, ok := gemmByName("avx512"); ok {
		ks["avx512"] = gemmAVX512
	}
	return ks
}
