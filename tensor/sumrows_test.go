package tensor

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestSumRowsBitsMatchRowByRow holds SumRows to the bits of adding a into
// dst one row after another, the order a caller would write by hand, on
// widths around its passes of sixteen, eight and four columns, with each
// beta, and with infinities and NaN among the values.
func TestSumRowsBitsMatchRowByRow(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for _, m := range []int{0, 1, 2, 7, 32} {
		for _, n := range []int{1, 3, 4, 5, 8, 9, 12, 15, 16, 17, 20, 31, 32, 33, 36, 48, 52} {
			for _, beta := range []float64{0, 1, -0.5} {
				a := RandN(rng, m, n)
				if m*n > 5 {
					a.Data()[3], a.Data()[5] = math.Inf(1), math.NaN()
				}
				d0 := RandN(rng, n)
				want := append([]float64(nil), d0.Data()...)
				for j := range want {
					switch beta {
					case 0:
						want[j] = 0
					default:
						want[j] *= beta
					}
				}
				for i := 0; i < m; i++ {
					for j := range want {
						want[j] += a.Data()[i*n+j]
					}
				}
				got := d0.Clone()
				SumRows(got, a, beta)
				assertBits(t, fmt.Sprintf("m%d n%d beta%v", m, n, beta), got.Data(), want)
			}
		}
	}
}

// BenchmarkSumRows is the bias gradients of the tiny workload's step.
func BenchmarkSumRows(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, s := range [][2]int{{32, 16}, {32, 1}, {128, 256}} {
		a, d := RandN(rng, s[0], s[1]), Zeros(s[1])
		b.Run(fmt.Sprintf("%dx%d", s[0], s[1]), func(b *testing.B) {
			for b.Loop() {
				SumRows(d, a, 1)
			}
		})
	}
}
