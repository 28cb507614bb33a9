//go:build purego

package browsertest

// kernels names the native build's tensor and optim kernels.
const kernels = "pure Go (-tags purego)"
