//go:build !wasm

package tensor

import "math"

// fma is math.FMA, one instruction on amd64 (with FMA) and arm64.
func fma(x, y, z float64) float64 { return math.FMA(x, y, z) }

// The tiles with math.FMA.
var fmaGoKernel, fmaGoSmall = fmaFusedKernel, fmaFusedSmall
