package fmath

import (
	"math"
	"testing"
)

var sink float64

// BenchmarkFuncs times each function against math's on arguments of the
// training path's range, side by side.
func BenchmarkFuncs(b *testing.B) {
	xs := make([]float64, 1024)
	for i := range xs {
		xs[i] = float64(i)/64 - 8 // [-8, 8)
	}
	for _, name := range []string{"Exp", "Log", "Log1p", "Tanh", "Erf", "Sin"} {
		fn := funcs[name]
		for _, impl := range []struct {
			name string
			f    func(float64) float64
		}{{"fmath", fn.f}, {"math", fn.std}} {
			b.Run(name+"/"+impl.name, func(b *testing.B) {
				s := 0.0
				for i := 0; b.Loop(); i++ {
					x := xs[i%len(xs)]
					if name == "Log" || name == "Log1p" {
						x = math.Abs(x)
					}
					s += impl.f(x)
				}
				sink = s
			})
		}
	}
}
