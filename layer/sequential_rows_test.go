package layer

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/tensor"
)

func TestForwardRowsIsForwardOfTheGatheredRows(t *testing.T) {
	// A network whose first layer is Dense or a Sequential (its rows read
	// in place) and one whose first is not (the rows gathered by
	// autograd.Rows): each layer's output seen by the hooks, and the
	// parameters' gradients, have the bits of Forward on a gathered copy;
	// the batch is large enough for the first product to read its rows in
	// place.
	rng := rand.New(rand.NewPCG(91, 92))
	data := tensor.RandN(rng, 300, 40)
	rows := make([]int, 128)
	for i := range rows {
		rows[i] = rng.IntN(300)
	}
	gathered := tensor.Zeros(128, 40)
	tensor.GatherRows(gathered, data, rows)
	for _, first := range []string{"dense", "activation", "nested"} {
		net := lyMLP(7, 40, 64, 3)
		switch first {
		case "activation":
			net.Layers = append([]Layer{Tanh{}}, net.Layers...)
		case "nested": // a Sequential first layer reads the rows in place too
			net.Layers = append([]Layer{NewSequential(net.Layers[0])}, net.Layers[1:]...)
		}
		run := func(forward func(x *autograd.Var) *autograd.Var) (outs, grads [][]float64) {
			remove := net.RegisterForwardHook(func(_ int, _ Layer, v *tensor.Tensor) {
				outs = append(outs, append([]float64(nil), v.Data()...))
			})
			defer remove()
			net.ZeroGrad()
			autograd.Sum(forward(autograd.Const(data))).Backward()
			for _, p := range net.Parameters() {
				grads = append(grads, append([]float64(nil), p.Grad().Data()...))
			}
			return outs, grads
		}
		wantOuts, wantGrads := run(func(*autograd.Var) *autograd.Var { return net.Forward(autograd.Const(gathered)) })
		gotOuts, gotGrads := run(func(x *autograd.Var) *autograd.Var { return net.ForwardRows(x, rows) })
		if len(gotOuts) != len(net.Layers) || len(gotOuts) != len(wantOuts) {
			t.Fatalf("%s first: the hooks saw %d outputs, want %d", first, len(gotOuts), len(net.Layers))
		}
		for i := range wantOuts {
			lyBits(t, fmt.Sprintf("%s first: layer %d's output", first, i), gotOuts[i], wantOuts[i])
		}
		for i := range wantGrads {
			lyBits(t, fmt.Sprintf("%s first: gradient %d", first, i), gotGrads[i], wantGrads[i])
		}
	}
}

func lyBits(t *testing.T, what string, got, want []float64) {
	t.Helper()
	for i := range want {
		if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
			t.Fatalf("%s [%d] = %v, want %v", what, i, got[i], want[i])
		}
	}
}

func TestForwardRowsPanicsNamingTheLayerAndIndex(t *testing.T) {
	net := lyMLP(8, 4, 3, 2)
	defer func() {
		msg, _ := recover().(string)
		if !strings.Contains(msg, "layer 0 (Dense(in_features=4, out_features=3))") || !strings.Contains(msg, "row index 5 (at 1) is outside the 5 rows") {
			t.Errorf("panic %q, want one naming layer 0 and the index", msg)
		}
	}()
	net.ForwardRows(autograd.Const(tensor.Zeros(5, 4)), []int{0, 5})
}

func TestForwardRowsPassesAGradientToAnInputThatAsksForIt(t *testing.T) {
	// An input that requires a gradient is not read in place (LinearRows
	// refuses it) but gathered, whatever the first layer: its gradient has
	// the bits of Forward on autograd.Rows, in the picked rows only.
	rows := []int{1, 3, 3}
	for _, first := range []string{"dense", "activation"} {
		net := lyMLP(9, 4, 3, 2)
		if first == "activation" {
			net.Layers = append([]Layer{Tanh{}}, net.Layers...)
		}
		grad := func(forward func(x *autograd.Var) *autograd.Var) []float64 {
			x := autograd.Param(tensor.RandN(rand.New(rand.NewPCG(93, 94)), 5, 4))
			autograd.Sum(forward(x)).Backward()
			return x.Grad().Data()
		}
		want := grad(func(x *autograd.Var) *autograd.Var { return net.Forward(autograd.Rows(x, rows)) })
		got := grad(func(x *autograd.Var) *autograd.Var { return net.ForwardRows(x, rows) })
		lyBits(t, first+" first: the input's gradient", got, want)
		if got[0] != 0 || got[4] == 0 || got[12] == 0 || got[16] != 0 {
			t.Errorf("%s first: rows 1, 3, 3: input gradient %v, want rows 1 and 3 only", first, got)
		}
	}
}
