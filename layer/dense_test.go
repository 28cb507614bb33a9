package layer

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/tensor"
)

func TestNewDenseShapes(t *testing.T) {
	tests := []struct{ in, out int }{{1, 1}, {3, 2}, {2, 5}, {7, 1}, {1, 9}}
	for _, tc := range tests {
		d := NewDense(tc.in, tc.out, nil, rand.New(rand.NewPCG(1, 1)))
		if !tensor.EqualShape(d.Weight.Value().Shape(), []int{tc.out, tc.in}) ||
			!tensor.EqualShape(d.Bias.Value().Shape(), []int{tc.out}) {
			t.Errorf("Dense(%d, %d): weight %v bias %v", tc.in, tc.out, d.Weight.Shape(), d.Bias.Shape())
		}
		if d.In() != tc.in || d.Out() != tc.out {
			t.Errorf("In, Out = %d, %d; want %d, %d", d.In(), d.Out(), tc.in, tc.out)
		}
		if !d.Weight.RequiresGrad() || !d.Bias.RequiresGrad() {
			t.Error("the parameters do not require gradients")
		}
		want := fmt.Sprintf("Dense(in_features=%d, out_features=%d)", tc.in, tc.out)
		if d.String() != want {
			t.Errorf("String = %q, want %q", d.String(), want)
		}
		ps := d.Params()
		if len(ps) != 2 || ps[0].Name != "weight" || ps[0].Var != d.Weight || ps[1].Name != "bias" || ps[1].Var != d.Bias {
			t.Errorf("Params = %v", ps)
		}
	}
}

func TestNewDenseInit(t *testing.T) {
	// No initialiser means PyTorch's default, drawn from the same stream.
	d := NewDense(4, 3, nil, rand.New(rand.NewPCG(5, 5)))
	w, b := tensor.Zeros(3, 4), tensor.Zeros(3)
	TorchDefault{}.Init(w, b, rand.New(rand.NewPCG(5, 5)))
	lyClose(t, "weight", d.Weight.Value().Data(), w.Data(), 0)
	lyClose(t, "bias", d.Bias.Value().Data(), b.Data(), 0)

	c := NewDense(2, 2, Constant{Value: 0.25}, nil)
	lyClose(t, "constant weight", c.Weight.Value().Data(), []float64{0.25, 0.25, 0.25, 0.25}, 0)
	lyClose(t, "constant bias", c.Bias.Value().Data(), []float64{0, 0}, 0)
}

func TestNewDensePanics(t *testing.T) {
	for _, s := range [][2]int{{0, 3}, {3, 0}, {-1, 2}} {
		lyExpectPanic(t, func() { NewDense(s[0], s[1], nil, rand.New(rand.NewPCG(1, 1))) },
			"NewDense", fmt.Sprintf("%d -> %d", s[0], s[1]))
	}
}

func TestDenseForward(t *testing.T) {
	d := NewDense(3, 2, nil, rand.New(rand.NewPCG(2, 2)))
	d.Weight.Value().CopyFrom(tensor.New([]float64{1, 2, 3, -1, 0, 0.5}, 2, 3))
	d.Bias.Value().CopyFrom(tensor.New([]float64{0.5, -1}, 2))
	x := tensor.New([]float64{1, 1, 1, 2, 0, -2}, 2, 3)
	y := d.Forward(autograd.Const(x))
	lyClose(t, "forward", y.Value().Data(), []float64{6.5, -1.5, -3.5, -4}, 1e-15)
	lyExpectPanic(t, func() { d.Forward(autograd.Const(tensor.Zeros(2, 4))) }, "Dense.Forward", "[2 4]", "[2 3]")
}

// TestDenseStackGradCheck checks gradients through two Dense layers and an
// activation with respect to the input and every parameter.
func TestDenseStackGradCheck(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	for _, spec := range []string{"tanh", "gelu", "softplus:2", "sigmoid", "silu", "elu:0.5"} {
		act := lyParse(t, spec)
		n, in, hid, out := 1+rng.IntN(4), 1+rng.IntN(4), 1+rng.IntN(5), 1+rng.IntN(3)
		inputs := []*tensor.Tensor{
			lyUniform(rng, -1, 1, n, in),
			lyUniform(rng, -1, 1, hid, in), lyUniform(rng, -1, 1, hid),
			lyUniform(rng, -1, 1, out, hid), lyUniform(rng, -1, 1, out),
		}
		up := lyUniform(rng, -1, 1, n, out)
		f := func(v ...*autograd.Var) *autograd.Var {
			s := NewSequential(&Dense{Weight: v[1], Bias: v[2]}, act, &Dense{Weight: v[3], Bias: v[4]})
			return autograd.Sum(autograd.Mul(s.Forward(v[0]), autograd.Const(up)))
		}
		res, err := autograd.GradCheck(f, 0, inputs...)
		if err != nil {
			t.Fatal(err)
		}
		if res.MaxRelErr > 1e-7 || math.IsNaN(res.MaxRelErr) {
			t.Errorf("%s: %v", spec, res)
		}
	}
}
