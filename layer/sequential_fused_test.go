package layer

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/tensor"
)

// fusedOnly is ReLU with a Forward that must never run: a Sequential has
// to fuse it into the Dense layer before it.
type fusedOnly struct{ ReLU }

func (fusedOnly) Forward(*autograd.Var) *autograd.Var {
	panic("fusedOnly: Forward called, so not fused")
}

// unfused is ReLU behind a type that is not an autograd.SliceFunc, so that
// a Sequential runs the Dense layer and the activation as two ops.
type unfused struct{}

func (unfused) Forward(x *autograd.Var) *autograd.Var { return autograd.Elementwise(x, ReLU{}) }
func (unfused) String() string                        { return "unfused" }

func lyBits(t *testing.T, what string, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
	}
	for i := range got {
		if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
			t.Fatalf("%s[%d] = %.17g, want %.17g", what, i, got[i], want[i])
		}
	}
}

// TestSequentialFusesDenseActivation runs one network as fused layers on a
// tape and as separate ops on fresh graphs, for several batches: outputs,
// what the forward hooks see (the Dense layers' pre-activations, then the
// activations) and the parameters' gradients must agree to the bit.
func TestSequentialFusesDenseActivation(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	d0, d2, d4 := NewDense(3, 6, nil, rng), NewDense(6, 5, nil, rng), NewDense(5, 2, nil, rng)
	fused := NewSequential(d0, fusedOnly{}, d2, fusedOnly{}, d4)
	separate := NewSequential(d0, unfused{}, d2, unfused{}, d4)
	seen := map[*Sequential][][]float64{}
	for _, s := range []*Sequential{fused, separate} {
		s.RegisterForwardHook(func(i int, l Layer, out *tensor.Tensor) {
			if l != s.Layers[i] {
				t.Errorf("hook %d got layer %v, want %v", i, l, s.Layers[i])
			}
			seen[s] = append(seen[s], append([]float64(nil), out.Data()...))
		})
	}
	var tape autograd.Tape
	for step, n := range []int{4, 4, 7} {
		x := tensor.RandN(rng, n, 3)
		upstream := tensor.RandN(rng, n, 2)
		var outs [2][]float64
		var grads [2][][]float64
		for k, s := range []*Sequential{fused, separate} {
			s.ZeroGrad()
			seen[s] = nil
			in := autograd.Const(x)
			if k == 0 {
				tape.Reset()
				in = tape.Const(x)
			}
			y := s.Forward(in)
			y.BackwardWith(upstream)
			outs[k] = append([]float64(nil), y.Value().Data()...)
			for _, p := range s.Parameters() {
				grads[k] = append(grads[k], append([]float64(nil), p.Grad().Data()...))
			}
		}
		where := fmt.Sprintf("step %d", step)
		lyBits(t, where+" output", outs[0], outs[1])
		if len(seen[fused]) != 5 || len(seen[separate]) != 5 {
			t.Fatalf("%s: %d and %d hook calls, want 5 each", where, len(seen[fused]), len(seen[separate]))
		}
		for i := range seen[fused] {
			lyBits(t, fmt.Sprintf("%s hook %d", where, i), seen[fused][i], seen[separate][i])
		}
		for i := range grads[0] {
			lyBits(t, fmt.Sprintf("%s grad %d", where, i), grads[0][i], grads[1][i])
		}
	}
	// Inference takes the fused path too.
	x := tensor.RandN(rng, 3, 3)
	lyBits(t, "Predict", fused.Predict(x).Data(), separate.Predict(x).Data())
}
