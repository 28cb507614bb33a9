//go:build !amd64 || purego

package tensor

// asmKernels returns no kernels: this build has no assembly.
func asmKernels() map[string]*gemmKernel { return nil }

// smallAsmKernels returns no kernels: this build has no assembly.
func smallAsmKernels() map[string]*smallGemm { return nil }
