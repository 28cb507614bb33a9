package layer_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

// TanhSquareLoss is ½·mean((tanh z − y)²) with y = 2t − 1, and its
// gradient is (tanh z − y)(1 − tanh² z)/n, Playground's backpropagated
// error.
func TestTanhSquareLossValueAndGradient(t *testing.T) {
	z := []float64{-1.5, 0.2, 0.7, 2}
	tg := []float64{0, 1, 0, 1}
	x := autograd.Param(tensor.New(append([]float64(nil), z...), 4, 1))
	loss := layer.TanhSquareLoss{}.Forward(x, tensor.New(tg, 4, 1))
	loss.Backward()
	want := 0.0
	for i := range z {
		o, y := math.Tanh(z[i]), 2*tg[i]-1
		want += 0.5 * (o - y) * (o - y) / 4
		g := (o - y) * (1 - o*o) / 4
		if got := x.Grad().Data()[i]; math.Abs(got-g) > 1e-15 {
			t.Errorf("grad %d: %v, want %v", i, got, g)
		}
	}
	if got := loss.Value().Data()[0]; math.Abs(got-want) > 1e-15 {
		t.Errorf("loss %v, want %v", got, want)
	}
	p := layer.TanhSquareLoss{}.Probabilities(tensor.New([]float64{0, 100}, 2, 1))
	if p.At(0, 0) != 0.5 || p.At(1, 0) != 1 {
		t.Errorf("probabilities %v, want 0.5 and 1", p.Data())
	}
}

func TestUniformInit(t *testing.T) {
	ini, err := layer.ParseInit("uniform:-0.5:0.5:0.1")
	if err != nil {
		t.Fatal(err)
	}
	if ini != (layer.Uniform{Low: -0.5, High: 0.5, Bias: 0.1}) {
		t.Fatalf("ParseInit: %#v", ini)
	}
	w, b := tensor.Zeros(50, 4), tensor.Zeros(50)
	ini.Init(w, b, rand.New(rand.NewPCG(1, 1)))
	lo, hi := 1.0, -1.0
	for _, v := range w.Data() {
		lo, hi = min(lo, v), max(hi, v)
	}
	if lo < -0.5 || hi >= 0.5 || lo > -0.4 || hi < 0.4 {
		t.Errorf("weights in [%v, %v], want spread over [-0.5, 0.5)", lo, hi)
	}
	for _, v := range b.Data() {
		if v != 0.1 {
			t.Fatalf("bias %v, want 0.1", v)
		}
	}
	for _, bad := range []string{"uniform:1", "uniform:1:0", "uniform:a:1", "uniform:0:1:2:3"} {
		if _, err := layer.ParseInit(bad); err == nil {
			t.Errorf("ParseInit(%q) accepted", bad)
		}
	}
}
