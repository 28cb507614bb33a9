//go:build !purego

package browsertest

// kernels names the native build's tensor and optim kernels: on amd64
// without -tags purego, the assembly ones.
const kernels = "assembly where the platform has it (no -tags purego): not the baseline issue 15 names"
