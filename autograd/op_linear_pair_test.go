package autograd

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

func TestLinearPairSameBitsAnyThreads(t *testing.T) {
	// A layer whose input, weight and bias all need gradients, on 1 to 8
	// goroutines: with two or more the gradient products run side by side
	// (split further at 4 and 8 where large enough), and every gradient
	// has the bits of the one-goroutine pass; a steady-state step
	// allocates nothing.
	old, oldThreads := pairMinMulAdds, tensor.Threads()
	pairMinMulAdds = 1
	defer func() { pairMinMulAdds = old; tensor.SetThreads(oldThreads) }()
	for _, sh := range []struct{ n, in, out int }{{5, 7, 3}, {64, 300, 200}} {
		t.Run(fmt.Sprintf("%dx%dx%d", sh.n, sh.in, sh.out), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(71, uint64(sh.n)))
			x := Param(tensor.RandN(rng, sh.n, sh.in))
			w := Param(tensor.RandN(rng, sh.out, sh.in))
			b := Param(tensor.RandN(rng, sh.out))
			up := tensor.RandN(rng, sh.n, sh.out) // weights the sum, so every dy differs
			ones := tensor.Full(1, sh.n, sh.in)   // puts the input on the tape, exactly
			var tape Tape
			run := func() {
				tape.Reset()
				for _, p := range []*Var{x, w, b} {
					p.ZeroGrad()
				}
				Sum(Mul(Linear(Mul(tape.Const(ones), x), w, b), tape.Const(up))).Backward()
			}
			var want [][]float64
			for _, th := range []int{1, 2, 3, 4, 8} {
				tensor.SetThreads(th)
				before := pairs.Load()
				run()
				if paired := pairs.Load() > before; paired != (th > 1) {
					t.Fatalf("threads=%d: products paired: %v", th, paired)
				}
				if n := testing.AllocsPerRun(10, run); n != 0 {
					t.Errorf("threads=%d: %v allocations per step, want 0", th, n)
				}
				got := [][]float64{x.Grad().Data(), w.Grad().Data(), b.Grad().Data()}
				if want == nil {
					for _, g := range got {
						want = append(want, append([]float64(nil), g...))
					}
					continue
				}
				for k, name := range []string{"x", "w", "b"} {
					for i := range want[k] {
						if math.Float64bits(got[k][i]) != math.Float64bits(want[k][i]) {
							t.Fatalf("threads=%d: grad of %s [%d] = %v, want %v", th, name, i, got[k][i], want[k][i])
						}
					}
				}
			}
		})
	}
}

func TestMatMulThreadsRejectsNoThreads(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MatMulThreads(0, ...) did not panic")
		}
	}()
	a := tensor.Zeros(2, 2)
	tensor.MatMulThreads(0, tensor.Zeros(2, 2), a, a, false, false, 1, 0)
}

func TestLinearOfAWeightByItselfGetsBothGradients(t *testing.T) {
	// Linear(w, w, nil): x and w are one Var with one gradient buffer, so
	// the two products must not run side by side. With dy all ones both
	// are w's column sums (12, 15, 18), and the gradient their sum, on a
	// new buffer, a used one and one ZeroGrad has set to zero.
	old, oldThreads := pairMinMulAdds, tensor.Threads()
	pairMinMulAdds = 1
	defer func() { pairMinMulAdds = old; tensor.SetThreads(oldThreads) }()
	wv := tensor.New([]float64{1, 2, 3, 4, 5, 6, 7, 8, 9}, 3, 3)
	for _, th := range []int{1, 2} {
		tensor.SetThreads(th)
		for step := 0; step < 3; step++ {
			w := Param(wv.Clone())
			if step > 0 {
				Sum(Linear(w, w, nil)).Backward()
				w.ZeroGrad()
			}
			if step == 2 {
				Sum(Linear(w, w, nil)).Backward() // and adds on top: twice the sums
			}
			Sum(Linear(w, w, nil)).Backward()
			g, k := w.Grad().Data(), float64(1+step/2)
			for i, want := range []float64{24, 30, 36, 24, 30, 36, 24, 30, 36} {
				if g[i] != k*want {
					t.Fatalf("threads=%d step %d: grad %v, want rows of %v", th, step, g, []float64{k * 24, k * 30, k * 36})
				}
			}
		}
	}
}
