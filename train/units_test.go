package train

import (
	"math/rand/v2"
	"testing"

	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

// A unit whose bias keeps its pre-activation negative on every row has
// rate 0 (dead); HiddenOutputs gives the activation's outputs, the ReLU
// of the Dense layer's.
func TestUnitRatesAndHiddenOutputs(t *testing.T) {
	act, err := layer.ParseActivation("relu")
	if err != nil {
		t.Fatal(err)
	}
	net := layer.MLP([]int{2, 3, 1}, act, layer.HeUniform{}, rand.New(rand.NewPCG(1, 2)))
	_, dense := net.DenseLayers()
	w, b := dense[0].Weight.Value(), dense[0].Bias.Value()
	// unit 0: x1 (active on half the rows), unit 1: dead, unit 2: always on.
	for j := range 3 {
		w.Set(0, j, 0) // value, row, column
		w.Set(0, j, 1)
		b.Set(0, j)
	}
	w.Set(1, 0, 0)
	b.Set(-1, 1)
	b.Set(2, 2)
	x := tensor.Zeros(4, 2)
	for i, v := range []float64{-1, 1, -2, 2} {
		x.Set(v, i, 0)
	}
	rates := UnitRates(net, x)
	if len(rates) != 1 || rates[0][0] != 0.5 || rates[0][1] != 0 || rates[0][2] != 1 {
		t.Errorf("rates %v, want [[0.5 0 1]]", rates)
	}
	m := &Model{Net: net, Sizes: []int{2, 3, 1}}
	outs := m.HiddenOutputs(x)
	if len(outs) != 1 || outs[0].Rows() != 4 || outs[0].Cols() != 3 {
		t.Fatalf("HiddenOutputs: %d layers", len(outs))
	}
	for i, want := range []float64{0, 1, 0, 2} {
		if got := outs[0].At(i, 0); got != want {
			t.Errorf("row %d unit 1: %v, want relu(x1) = %v", i, got, want)
		}
		if got := outs[0].At(i, 2); got != 2 {
			t.Errorf("row %d unit 3: %v, want 2", i, got)
		}
	}
}
