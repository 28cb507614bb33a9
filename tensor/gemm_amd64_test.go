//go:build amd64 && !purego

package tensor

import "golang.org/x/sys/cpu"

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

// smallAsmKernels returns the unpacked assembly tiles this CPU runs.
func smallAsmKernels() map[string]*smallGemm {
	ks := map[string]*smallGemm{}
	if cpu.X86.HasAVX2 && cpu.X86.HasFMA {
		ks["small-avx2"] = smallAVX2
		if cpu.X86.HasAVX512F {
			ks["small-avx512"] = smallAVX512
		}
	}
	return ks
}
