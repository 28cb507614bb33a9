package autograd

import (
	"math/rand/v2"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

func TestReshapeAndUnbatchedLinear(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	x, w, b := tensor.RandN(rng, 4), tensor.RandN(rng, 3, 4), tensor.RandN(rng, 3)
	res, err := GradCheck(func(in ...*Var) *Var {
		y := Linear(in[0], in[1], in[2])
		if got := y.Shape(); len(got) != 1 || got[0] != 3 {
			t.Fatalf("unbatched Linear gives shape %v, want [3]", got)
		}
		return Sum(Mul(y, y))
	}, 0, x, w, b)
	if err != nil || res.MaxRelErr > 1e-6 {
		t.Errorf("unbatched Linear: %v %v", res, err)
	}
	res, err = GradCheck(func(in ...*Var) *Var {
		r := Reshape(in[0], 2, 6)
		return Sum(Mul(r, Reshape(in[0], 2, 6)))
	}, 0, tensor.RandN(rng, 3, 4))
	if err != nil || res.MaxRelErr > 1e-6 {
		t.Errorf("Reshape: %v %v", res, err)
	}
}
