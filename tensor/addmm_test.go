package tensor

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestAddMMIsBiasThenMatMulAnyThreads(t *testing.T) {
	// Small, unsplit and split products (by rows and by columns), every
	// transpose, 1 to 8 goroutines: the bits of copying the bias into
	// every row and adding the product with MatMul.
	withMinMulAdds(t, 1000)
	defer SetThreads(Threads())
	rng := rand.New(rand.NewPCG(37, 38))
	for _, d := range [][3]int{{3, 4, 5}, {203, 37, 150}, {45, 261, 130}} {
		for _, f := range [][2]bool{{false, false}, {true, false}, {false, true}, {true, true}} {
			a, b := RandN(rng, d[0], d[2]), RandN(rng, d[2], d[1])
			if f[0] {
				a = RandN(rng, d[2], d[0])
			}
			if f[1] {
				b = RandN(rng, d[1], d[2])
			}
			bias := RandN(rng, d[1])
			SetThreads(1)
			want := Zeros(d[0], d[1])
			for i := range d[0] {
				copy(want.Data()[i*d[1]:], bias.Data())
			}
			MatMul(want, a, b, f[0], f[1], 1, 1)
			for _, th := range []int{1, 2, 3, 8} {
				SetThreads(th)
				got := RandN(rng, d[0], d[1]) // old contents are ignored
				AddMM(got, bias, a, b, f[0], f[1])
				assertBits(t, fmt.Sprintf("%v trans=%v threads=%d", d, f, th), got.Data(), want.Data())
			}
		}
	}
}

func TestAddMMPanicsOnABadBias(t *testing.T) {
	defer func() {
		if msg := fmt.Sprint(recover()); !strings.Contains(msg, "AddMM: bias [3]") {
			t.Errorf("panic %q, want one naming AddMM and the bias's shape", msg)
		}
	}()
	AddMM(Zeros(2, 4), Zeros(3), Zeros(2, 5), Zeros(5, 4), false, false)
}
