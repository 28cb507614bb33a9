package layer_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

// TestDropoutKeepsExpectation averages K training-mode passes of an input
// through Dropout(p): each element's mean must be within 5 standard
// errors of the input. One pass gives x·m with m = 1/(1-p) with
// probability 1-p and 0 otherwise, so its variance is x²·p/(1-p) and the
// standard error of a mean of K passes is |x|·√(p/((1-p)K)). The
// fraction of zeros must likewise be within 5 binomial standard errors,
// √(p(1-p)/N), of p.
func TestDropoutKeepsExpectation(t *testing.T) {
	const k = 4000
	x := tensor.New([]float64{1, -2, 0.5, 3, -0.25, 4, 1.5, -1}, 2, 4)
	for _, p := range []float64{0.1, 0.5, 0.8} {
		d := layer.NewDropout(p)
		d.SetSource(rand.NewPCG(7, 8))
		mean := make([]float64, x.Len())
		zeros := 0
		for range k {
			y := d.Forward(autograd.Const(x)).Value().Data()
			for i, v := range y {
				mean[i] += v / k
				if v == 0 {
					zeros++
				}
			}
		}
		for i, m := range mean {
			xi := x.Data()[i]
			se := math.Abs(xi) * math.Sqrt(p/((1-p)*k))
			if math.Abs(m-xi) > 5*se {
				t.Errorf("p = %v: element %d averages %v over %d masks, want %v ± %v", p, i, m, k, xi, 5*se)
			}
		}
		n := float64(k * x.Len())
		if frac, se := float64(zeros)/n, math.Sqrt(p*(1-p)/n); math.Abs(frac-p) > 5*se {
			t.Errorf("p = %v: %v of the elements dropped, want %v ± %v", p, frac, p, 5*se)
		}
	}
}

// TestDropoutSeeded checks that one seed gives the same masks, bit for
// bit, and another seed other masks; and that the gradient passes through
// the same mask, scaled by 1/(1-p).
func TestDropoutSeeded(t *testing.T) {
	x := tensor.Full(1, 50)
	pass := func(seed uint64) ([]float64, []float64) {
		d := layer.NewDropout(0.3)
		d.SetSource(rand.NewPCG(seed, 1))
		in := autograd.Param(x.Clone())
		out := d.Forward(in)
		out.BackwardWith(tensor.Full(1, 50))
		return out.Value().Data(), in.Grad().Data()
	}
	a, ga := pass(1)
	b, gb := pass(1)
	c, _ := pass(2)
	if !slices.Equal(a, b) || !slices.Equal(ga, gb) {
		t.Errorf("one seed, two masks:\n%v\n%v", a, b)
	}
	if slices.Equal(a, c) {
		t.Errorf("seeds 1 and 2 give the same mask %v", a)
	}
	for i, v := range a {
		if v != 0 && v != 1/(1-0.3) || ga[i] != v {
			t.Errorf("element %d: output %v, gradient %v; want both 0 or 1/0.7", i, v, ga[i])
		}
	}
}

// TestDropoutEdges: evaluation mode and p = 0 return the input itself;
// p = 1 gives zeros and zero gradients, as PyTorch.
func TestDropoutEdges(t *testing.T) {
	x := autograd.Param(tensor.New([]float64{1, -2, 3}, 1, 3))
	d := layer.NewDropout(0.5)
	d.SetTraining(false)
	if d.Forward(x) != x || d.Training() {
		t.Error("Dropout in evaluation mode is not the identity")
	}
	if layer.NewDropout(0).Forward(x) != x {
		t.Error("Dropout(0) in training mode is not the identity")
	}
	all := layer.NewDropout(1)
	y := all.Forward(x) // needs no source: nothing is drawn
	y.BackwardWith(tensor.Full(1, 1, 3))
	if !slices.Equal(y.Value().Data(), []float64{0, 0, 0}) || !slices.Equal(x.Grad().Data(), []float64{0, 0, 0}) {
		t.Errorf("Dropout(1): output %v, gradient %v, want zeros", y.Value(), x.Grad())
	}
}

func TestDropoutPanics(t *testing.T) {
	cases := map[string]func(){
		"layer: NewDropout: p = 1.5 must be in [0, 1]":        func() { layer.NewDropout(1.5) },
		"layer: NewDropout: p = NaN must be in [0, 1]":        func() { layer.NewDropout(math.NaN()) },
		"autograd: Dropout: no random source for the mask":    func() { layer.NewDropout(0.5).Forward(autograd.Const(tensor.Zeros(2))) },
		"autograd: Dropout: p = -0.1 must be in [0, 1]":       func() { autograd.Dropout(autograd.Const(tensor.Zeros(2)), -0.1, nil) },
		"layer: NewDropout: p = 2 must be in [0, 1]":          func() { layer.MLPWithDropout([]int{2, 3, 1}, nil, 2, nil, nil) },
		"layer: MLP: need at least an input and an output si": func() { layer.MLPWithDropout([]int{2}, nil, 0.5, nil, nil) },
	}
	for want, f := range cases {
		func() {
			defer func() {
				if r, _ := recover().(string); !strings.HasPrefix(r, want) {
					t.Errorf("panic %q, want %q", r, want)
				}
			}()
			f()
		}()
	}
}

// TestMLPWithDropoutNames checks PyTorch's numbering: Linear, ReLU,
// Dropout, Linear, ReLU, Dropout, Linear.
func TestMLPWithDropoutNames(t *testing.T) {
	m := layer.MLPWithDropout([]int{2, 3, 4, 1}, layer.ReLU{}, 0.25, layer.TorchDefault{}, rand.New(rand.NewPCG(1, 1)))
	var names []string
	for _, p := range m.NamedParameters() {
		names = append(names, p.Name)
	}
	if want := []string{"0.weight", "0.bias", "3.weight", "3.bias", "6.weight", "6.bias"}; !slices.Equal(names, want) {
		t.Errorf("names %v, want %v", names, want)
	}
	if s := m.String(); !strings.Contains(s, "(2): Dropout(p=0.25, inplace=False)\n  (3): Dense(in_features=3, out_features=4)") {
		t.Errorf("String:\n%s", s)
	}
	idx, _ := m.DenseLayers()
	if !slices.Equal(idx, []int{0, 3, 6}) {
		t.Errorf("DenseLayers at %v", idx)
	}
	if !m.HasRandomLayers() || layer.MLP([]int{2, 1}, nil, nil, rand.New(rand.NewPCG(1, 1))).HasRandomLayers() {
		t.Error("HasRandomLayers is wrong")
	}
}

// TestSequentialModes: Train and Eval reach Dropout layers in nested
// Sequentials; Predict runs in evaluation mode and restores the mode.
func TestSequentialModes(t *testing.T) {
	inner := layer.NewSequential(layer.NewDropout(0.5))
	outer := layer.NewSequential(layer.NewDropout(0.5), inner)
	outer.SetSource(rand.NewPCG(3, 3))
	x := tensor.Full(1, 4, 8)
	if !outer.Training() {
		t.Fatal("a new Sequential is not in training mode")
	}
	if y := outer.Forward(autograd.Const(x)).Value(); slices.Equal(y.Data(), x.Data()) {
		t.Error("training mode dropped nothing")
	}
	if y := outer.Predict(x); !slices.Equal(y.Data(), x.Data()) {
		t.Errorf("Predict dropped: %v", y)
	}
	if !outer.Training() || !inner.Training() {
		t.Error("Predict did not restore training mode")
	}
	outer.Eval()
	if inner.Training() || outer.Training() {
		t.Error("Eval did not reach the nested Sequential")
	}
	if y := outer.Forward(autograd.Const(x)).Value(); !slices.Equal(y.Data(), x.Data()) {
		t.Errorf("evaluation mode dropped: %v", y)
	}
	outer.Train()
	if !inner.Training() {
		t.Error("Train did not reach the nested Sequential")
	}
}

// TestDropoutOnTapeAllocatesNothing: a training step through dropout on a
// tape allocates nothing from the second step on.
func TestDropoutOnTapeAllocatesNothing(t *testing.T) {
	m := layer.MLPWithDropout([]int{3, 8, 1}, layer.ReLU{}, 0.5, layer.TorchDefault{}, rand.New(rand.NewPCG(1, 1)))
	m.SetSource(rand.NewPCG(2, 2))
	x, y := tensor.Full(0.5, 16, 3), tensor.Zeros(16, 1)
	params := m.Parameters()
	var tape autograd.Tape
	step := func() {
		tape.Reset()
		loss := autograd.MSELoss(m.Forward(tape.Const(x)), y, autograd.ReduceMean)
		for _, p := range params {
			p.ZeroGrad()
		}
		loss.Backward()
	}
	step()
	if n := testing.AllocsPerRun(20, step); n != 0 {
		t.Errorf("a step through dropout allocates %v times, want 0", n)
	}
}
