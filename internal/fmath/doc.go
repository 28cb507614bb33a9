// Package fmath holds the elementary functions of nnlab's training path
// (Exp, Log, Log1p, Expm1, Tanh, Erf, Hypot, Sin, Cos) with the same bits on every
// architecture, so that a run is the same run natively, with -tags
// purego, on arm64 and in the browser's WebAssembly build.
//
// Go's math package is not that: on amd64 and arm64 math.Exp is
// assembly (archExp), whose result differs from the pure-Go algorithm
// in the last bit for about one argument in six, and math.Tanh and
// math.Erf, which call Exp, inherit the difference. Where math is pure
// Go, the compiler may fuse a product and a sum into one multiply-add
// (always on arm64, on amd64 with GOAMD64=v3), which changes the bits
// of Log1p and Erf too. A chaotic training run amplifies one such bit
// to a different result within a few epochs.
//
// The functions here are faithful copies of Go's pure-Go versions (Go
// 1.26, BSD licence, LICENSE; the algorithms are FreeBSD's msun and
// Cephes, whose notices the files keep), with every product that feeds a
// sum rounded by an explicit float64 conversion, which the Go
// specification says prevents fusion. They return the bits math returns
// on GOOS=js GOARCH=wasm (testdata/pure_go.txt holds cases where amd64's
// math differs; fmath_wasm_test.go compares against math directly there).
//
// Normal draws a standard normal deviate as math/rand/v2's NormFloat64
// does on amd64, with those bits everywhere: NormFloat64 calls math's Exp
// and Log and lets the compiler fuse its products, so arm64 drew other
// data sets and initial weights from the same seed.
//
// Special cases are math's: NaN in, NaN out; Exp(+Inf) = +Inf,
// Log(0) = -Inf, Log of a negative number is NaN, and so on.
package fmath
