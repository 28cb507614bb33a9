package autograd

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

// linearGrads runs one backward pass of sum(up ⊙ softplus(x·wᵀ + b)·vᵀ) on a tape
// and returns copies of the gradients of x, w, b and v.
func linearGrads(tape *Tape, x, w, b, v *Var, up *tensor.Tensor) [][]float64 {
	tape.Reset()
	h := Elementwise(Linear(Mul(tape.Const(tensor.Full(1, x.Shape()...)), x), w, b), agSoftplus{})
	Sum(Mul(Linear(h, v, nil), tape.Const(up))).Backward()
	var out [][]float64
	for _, p := range []*Var{x, w, b, v} {
		out = append(out, append([]float64(nil), p.Grad().Data()...))
	}
	return out
}

func TestZeroGradThenBackwardGivesFreshGradients(t *testing.T) {
	// ZeroGrad leaves the buffers as they are; the next pass must still
	// give the bits of a pass into new buffers, whether its ops store the
	// gradient whole (Linear's weight, input and bias) or add to it. The
	// buffers are filled with NaN first, so a gradient added to them
	// rather than stored, or read before it is cleared, shows. Run on one
	// thread and on two (the gradient products side by side).
	old, oldThreads := pairMinMulAdds, tensor.Threads()
	pairMinMulAdds = 1
	defer func() { pairMinMulAdds = old; tensor.SetThreads(oldThreads) }()
	for _, th := range []int{1, 2} {
		tensor.SetThreads(th)
		rng := rand.New(rand.NewPCG(91, 92))
		xv, wv, bv, vv := tensor.RandN(rng, 6, 5), tensor.RandN(rng, 4, 5), tensor.RandN(rng, 4), tensor.RandN(rng, 3, 4)
		up := tensor.RandN(rng, 6, 3)
		var fresh, reused Tape
		want := linearGrads(&fresh, Param(xv.Clone()), Param(wv.Clone()), Param(bv.Clone()), Param(vv.Clone()), up)
		x, w, b, v := Param(xv.Clone()), Param(wv.Clone()), Param(bv.Clone()), Param(vv.Clone())
		linearGrads(&reused, x, w, b, v, up)
		for step := 0; step < 2; step++ {
			for _, p := range []*Var{x, w, b, v} {
				p.Grad().Fill(math.NaN())
				p.ZeroGrad()
			}
			got := linearGrads(&reused, x, w, b, v, up)
			for k, name := range []string{"x", "w", "b", "v"} {
				for i := range want[k] {
					if math.Float64bits(got[k][i]) != math.Float64bits(want[k][i]) {
						t.Fatalf("threads=%d step %d: grad of %s [%d] = %v, want %v", th, step, name, i, got[k][i], want[k][i])
					}
				}
			}
		}
	}
}

func TestZeroGradReadsAsZero(t *testing.T) {
	// A gradient zeroed and not written since reads as zeros, in the same
	// buffer; a second pass without ZeroGrad still adds to the first.
	w := Param(tensor.New([]float64{1, 2}, 2))
	Sum(Mul(w, Const(tensor.New([]float64{3, 4}, 2)))).Backward()
	buf := w.Grad()
	w.ZeroGrad()
	if g := w.Grad(); g != buf || g.Data()[0] != 0 || g.Data()[1] != 0 {
		t.Fatalf("after ZeroGrad: %v (same buffer: %v), want zeros in the same buffer", g, g == buf)
	}
	for range 2 {
		Sum(Mul(w, Const(tensor.New([]float64{3, 4}, 2)))).Backward()
	}
	if g := w.Grad().Data(); g[0] != 6 || g[1] != 8 {
		t.Fatalf("two passes after ZeroGrad give %v, want [6 8]", g)
	}
}

func TestZeroGradThenEmptyBatchGivesZeros(t *testing.T) {
	// A batch of no rows stores nothing: the zeroed buffers must still read
	// as +0.
	w := Param(tensor.New([]float64{1, 2, 3, 4}, 2, 2))
	b := Param(tensor.New([]float64{1, 2}, 2))
	x := Param(tensor.New([]float64{1, 2}, 1, 2))
	Sum(Linear(x, w, b)).Backward()
	w.ZeroGrad()
	b.ZeroGrad()
	var tp Tape
	Sum(Linear(tp.Const(tensor.Zeros(0, 2)), w, b)).Backward()
	for _, p := range []*Var{w, b} {
		for _, v := range p.Grad().Data() {
			if v != 0 || math.Signbit(v) {
				t.Fatalf("grad %v after an empty batch, want +0s", p.Grad())
			}
		}
	}
}
