package layer_test

import (
	"math"
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

// penaltyModel is a 2-3-1 network with known weights and biases, so that
// a penalty that touched a bias would show.
func penaltyModel() *layer.Sequential {
	m := layer.MLP([]int{2, 3, 1}, layer.ReLU{}, layer.Constant{}, nil)
	sd := m.StateDict()
	sd["0.weight"].CopyFrom(tensor.New([]float64{1, -2, 0, 0.5, -1, 3}, 3, 2))
	sd["0.bias"].CopyFrom(tensor.New([]float64{10, -10, 10}, 3))
	sd["2.weight"].CopyFrom(tensor.New([]float64{-1, 0, 2}, 1, 3))
	sd["2.bias"].CopyFrom(tensor.New([]float64{100}, 1))
	return m
}

func TestPenaltiesCoverWeightsOnly(t *testing.T) {
	m := penaltyModel()
	if w := layer.Weights(m); len(w) != 2 || w[0] != paramVar(m, "0.weight") || w[1] != paramVar(m, "2.weight") {
		t.Fatalf("Weights = %v", w)
	}
	sumAbs, sumSq := 1+2+0+0.5+1+3+1+0+2.0, 1+4+0+0.25+1+9+1+0+4.0
	cases := []struct {
		name      string
		got, want float64
	}{
		{"L1 Value", layer.NewL1(m, 0.1).Value(), 0.1 * sumAbs},
		{"L2 Value", layer.NewL2(m, 0.1).Value(), 0.05 * sumSq},
		{"L1Penalty", layer.L1Penalty(m, 0.1).Item(), 0.1 * sumAbs},
		{"L2Penalty", layer.L2Penalty(m, 0.1).Item(), 0.05 * sumSq},
	}
	for _, c := range cases {
		if math.Abs(c.got-c.want) > 1e-14 {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	loss := autograd.Const(tensor.New([]float64{2}))
	autograd.Add(loss, layer.L1Penalty(m, 0.5)).Backward()
	if g := paramVar(m, "0.bias").Grad(); g != nil {
		t.Errorf("the L1 penalty passed a gradient to a bias: %v", g)
	}
	want := []float64{0.5, -0.5, 0, 0.5, -0.5, 0.5}
	if g := paramVar(m, "0.weight").Grad().Data(); !equalFloats(g, want) {
		t.Errorf("L1 gradient of 0.weight = %v, want %v", g, want)
	}
}

func equalFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func paramVar(m *layer.Sequential, name string) *autograd.Var {
	for _, p := range m.NamedParameters() {
		if p.Name == name {
			return p.Var
		}
	}
	return nil
}
