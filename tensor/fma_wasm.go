//go:build wasm

package tensor

// fma is fused multiply-add with math.FMA's bits: emulated from float64
// operations here, where math.FMA is integer software.
func fma(x, y, z float64) float64 { return fmaEmul(x, y, z) }

// The tiles with emulated FMAs.
var fmaGoKernel, fmaGoSmall = fmaEmulKernel, fmaEmulSmall
