//go:build wasm

package fmath

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestSameAsMathWithoutAssembly checks, where math is pure Go and unfused
// (WebAssembly), that the copies return math's bits on a million
// arguments per function. Run it with
// GOOS=js GOARCH=wasm go test -exec "$(go env GOROOT)/lib/wasm/go_js_wasm_exec" ./internal/fmath.
func TestSameAsMathWithoutAssembly(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	ranges := map[string][2]float64{"Exp": {-745, 709}, "Log": {0, 1e3}, "Log1p": {-1, 50}, "Expm1": {-40, 710}, "Tanh": {-25, 25}, "Erf": {-7, 7},
		"Sin": {-1e10, 1e10}, "Cos": {-30, 30}}
	for name, fn := range funcs {
		lo, hi := ranges[name][0], ranges[name][1]
		for range 1_000_000 {
			x := lo + (hi-lo)*r.Float64()
			if got, want := fn.f(x), fn.std(x); math.Float64bits(got) != math.Float64bits(want) {
				t.Fatalf("%s(%v) = %v, math %v", name, x, got, want)
			}
		}
	}
}

// TestHypotSameAsMath is TestSameAsMathWithoutAssembly for Hypot.
func TestHypotSameAsMath(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 1_000_000 {
		p, q := 4*r.Float64()-2, 4*r.Float64()-2
		if got, want := Hypot(p, q), math.Hypot(p, q); math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("Hypot(%v, %v) = %v, math %v", p, q, got, want)
		}
	}
}
