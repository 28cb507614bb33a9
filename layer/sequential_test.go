package layer

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/tensor"
)

func lyMLP(seed uint64, sizes ...int) *Sequential {
	return MLP(sizes, ReLU{}, nil, rand.New(rand.NewPCG(seed, 0)))
}

// lySnapshot returns a deep copy of a model's state dict.
func lySnapshot(s *Sequential) map[string][]float64 {
	out := map[string][]float64{}
	for k, v := range s.StateDict() {
		out[k] = append([]float64(nil), v.Data()...)
	}
	return out
}

func TestMLPLayout(t *testing.T) {
	tests := []struct {
		sizes  []int
		kinds  string // D for Dense, A for the activation
		names  []string
		shapes [][]int
	}{
		{[]int{3, 2}, "D", []string{"0.weight", "0.bias"}, [][]int{{2, 3}, {2}}},
		{[]int{2, 16, 1}, "DAD", []string{"0.weight", "0.bias", "2.weight", "2.bias"}, [][]int{{16, 2}, {16}, {1, 16}, {1}}},
		{[]int{4, 8, 6, 3}, "DADAD",
			[]string{"0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"},
			[][]int{{8, 4}, {8}, {6, 8}, {6}, {3, 6}, {3}}},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.sizes), func(t *testing.T) {
			act := LeakyReLU{NegativeSlope: 0.2}
			s := MLP(tc.sizes, act, nil, rand.New(rand.NewPCG(1, 1)))
			var kinds strings.Builder
			for _, l := range s.Layers {
				switch l := l.(type) {
				case *Dense:
					kinds.WriteByte('D')
				case LeakyReLU:
					if l != act {
						t.Errorf("activation %v, want %v", l, act)
					}
					kinds.WriteByte('A')
				default:
					t.Errorf("unexpected layer %T", l)
				}
			}
			if kinds.String() != tc.kinds {
				t.Errorf("layers %s, want %s", kinds.String(), tc.kinds)
			}
			named := s.NamedParameters()
			params := s.Parameters()
			if len(named) != len(tc.names) || len(params) != len(tc.names) {
				t.Fatalf("%d named, %d parameters, want %d", len(named), len(params), len(tc.names))
			}
			sd := s.StateDict()
			if len(sd) != len(tc.names) {
				t.Errorf("state dict has %d entries, want %d", len(sd), len(tc.names))
			}
			for i, p := range named {
				if p.Name != tc.names[i] || params[i] != p.Var {
					t.Errorf("parameter %d: %q, want %q (same Var in Parameters: %v)", i, p.Name, tc.names[i], params[i] == p.Var)
				}
				if !tensor.EqualShape(p.Var.Shape(), tc.shapes[i]) {
					t.Errorf("%s: shape %v, want %v", p.Name, p.Var.Shape(), tc.shapes[i])
				}
				if sd[p.Name] != p.Var.Value() {
					t.Errorf("%s: the state dict does not hold the live tensor", p.Name)
				}
			}
			idx, dense := s.DenseLayers()
			for k, i := range idx {
				if s.Layers[i] != dense[k] {
					t.Errorf("DenseLayers: index %d is not its layer", i)
				}
				// Dense k's weight maps sizes[k] to sizes[k+1], and is the
				// parameter named "<i>.weight".
				if dense[k].In() != tc.sizes[k] || dense[k].Out() != tc.sizes[k+1] {
					t.Errorf("dense %d: %v", k, dense[k])
				}
				if sd[fmt.Sprintf("%d.weight", i)] != dense[k].Weight.Value() {
					t.Errorf("dense %d is not %d.weight", k, i)
				}
			}
			if len(idx) != len(tc.sizes)-1 {
				t.Errorf("%d dense layers, want %d", len(idx), len(tc.sizes)-1)
			}
		})
	}
}

func TestMLPDefaultsAndPanics(t *testing.T) {
	s := MLP([]int{2, 3, 2}, nil, Constant{Value: 1}, nil)
	if _, ok := s.Layers[1].(Identity); !ok {
		t.Errorf("nil activation gave %T, want Identity", s.Layers[1])
	}
	lyExpectPanic(t, func() { MLP([]int{3}, ReLU{}, nil, nil) }, "MLP", "[3]")
	lyExpectPanic(t, func() { MLP(nil, ReLU{}, nil, nil) }, "MLP", "[]")
	lyExpectPanic(t, func() { MLP([]int{2, 0, 1}, ReLU{}, nil, rand.New(rand.NewPCG(1, 1))) }, "NewDense", "2 -> 0")
}

func TestMLPIsSeeded(t *testing.T) {
	a, b, c := lySnapshot(lyMLP(7, 3, 5, 2)), lySnapshot(lyMLP(7, 3, 5, 2)), lySnapshot(lyMLP(8, 3, 5, 2))
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Error("one seed gave two models")
	}
	if fmt.Sprint(a) == fmt.Sprint(c) {
		t.Error("two seeds gave one model")
	}
}

func TestSequentialString(t *testing.T) {
	s := MLP([]int{2, 4, 1}, LeakyReLU{NegativeSlope: 0.1}, nil, rand.New(rand.NewPCG(1, 1)))
	want := "Sequential(\n  (0): Dense(in_features=2, out_features=4)\n  (1): leaky_relu:0.1\n  (2): Dense(in_features=4, out_features=1)\n)"
	if s.String() != want {
		t.Errorf("String =\n%s\nwant\n%s", s, want)
	}
}

func TestSequentialForwardMatchesLayers(t *testing.T) {
	s := lyMLP(3, 3, 4, 2)
	x := autograd.Const(tensor.New([]float64{1, -2, 0.5, 0, 0.3, -0.1}, 2, 3))
	want := x
	for _, l := range s.Layers {
		want = l.Forward(want)
	}
	lyClose(t, "forward", s.Forward(x).Value().Data(), want.Value().Data(), 0)
	if NewSequential().Forward(x) != x {
		t.Error("an empty Sequential is not the identity")
	}
}

func TestStateDictRoundTrip(t *testing.T) {
	src, dst := lyMLP(1, 3, 5, 2), lyMLP(2, 3, 5, 2)
	x := tensor.New([]float64{0.1, 0.2, -0.3, 1, -1, 0.5}, 2, 3)
	sd := map[string]*tensor.Tensor{}
	for k, v := range src.StateDict() {
		sd[k] = v.Clone()
	}
	if err := dst.LoadStateDict(sd); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(lySnapshot(dst)) != fmt.Sprint(lySnapshot(src)) {
		t.Error("the loaded state differs from the saved one")
	}
	lyClose(t, "predictions", dst.Predict(x).Data(), src.Predict(x).Data(), 0)
	// Loading copies: the model does not alias the caller's tensors.
	sd["0.weight"].Fill(100)
	if dst.StateDict()["0.weight"].Data()[0] == 100 {
		t.Error("LoadStateDict kept the caller's tensor")
	}
	// The state dict is live: changing it changes the model.
	dst.StateDict()["2.bias"].Fill(7)
	if dst.NamedParameters()[3].Var.Value().Data()[0] != 7 {
		t.Error("StateDict returned copies, not the live tensors")
	}
}

func TestLoadStateDictStrict(t *testing.T) {
	good := func() map[string]*tensor.Tensor {
		sd := map[string]*tensor.Tensor{}
		for k, v := range lyMLP(9, 3, 4, 2).StateDict() {
			sd[k] = v.Clone()
		}
		return sd
	}
	tests := []struct {
		name string
		edit func(sd map[string]*tensor.Tensor)
		want []string
	}{
		{"missing", func(sd map[string]*tensor.Tensor) { delete(sd, "2.bias") }, []string{`missing "2.bias"`}},
		{"unexpected", func(sd map[string]*tensor.Tensor) { sd["4.weight"] = tensor.Zeros(1, 1) }, []string{`unexpected "4.weight"`}},
		{"shape", func(sd map[string]*tensor.Tensor) { sd["0.weight"] = tensor.Zeros(3, 4) },
			[]string{`"0.weight"`, "[3 4]", "[4 3]"}},
		{"bias as matrix", func(sd map[string]*tensor.Tensor) { sd["0.bias"] = tensor.Zeros(1, 4) },
			[]string{`"0.bias"`, "[1 4]", "[4]"}},
		{"all at once", func(sd map[string]*tensor.Tensor) {
			delete(sd, "0.bias")
			sd["2.weight"] = tensor.Zeros(4, 2)
			sd["weight"] = tensor.Zeros(1)
			sd["1.weight"] = tensor.Zeros(1)
		}, []string{`missing "0.bias"`, `"2.weight" has shape [4 2]`, `unexpected "1.weight"`, `unexpected "weight"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := lyMLP(4, 3, 4, 2)
			before := lySnapshot(m)
			sd := good()
			tc.edit(sd)
			err := m.LoadStateDict(sd)
			lyErrorMentions(t, "LoadStateDict", err, tc.want...)
			if fmt.Sprint(lySnapshot(m)) != fmt.Sprint(before) {
				t.Error("a failed load changed the model")
			}
		})
	}
}

func TestZeroGrad(t *testing.T) {
	s := lyMLP(5, 2, 3, 1)
	x := autograd.Const(tensor.New([]float64{1, 2, -1, 0.5}, 2, 2))
	autograd.Sum(s.Forward(x)).Backward()
	for _, p := range s.NamedParameters() {
		if p.Var.Grad() == nil {
			t.Fatalf("%s: no gradient", p.Name)
		}
	}
	s.ZeroGrad()
	for _, p := range s.NamedParameters() {
		if p.Var.Grad().Norm() != 0 {
			t.Errorf("%s: gradient %v after ZeroGrad", p.Name, p.Var.Grad())
		}
	}
}

// lyProbe is a layer that records what reaches it.
type lyProbe struct{ requiresGrad, leaf []bool }

func (p *lyProbe) Forward(x *autograd.Var) *autograd.Var {
	p.requiresGrad = append(p.requiresGrad, x.RequiresGrad())
	p.leaf = append(p.leaf, x.IsLeaf())
	return x
}

func TestPredict(t *testing.T) {
	s := MLP([]int{3, 6, 4, 2}, Tanh{}, nil, rand.New(rand.NewPCG(6, 6)))
	probe := &lyProbe{}
	s.Layers = append(s.Layers, probe)
	x := tensor.New([]float64{0.5, -1, 2, 0, 0.1, -0.2, 3, 3, -3}, 3, 3)
	before := x.Clone()
	y := s.Forward(autograd.Const(x))
	p := s.Predict(x)
	lyClose(t, "Predict", p.Data(), y.Value().Data(), 0)
	if !tensor.EqualShape(p.Shape(), []int{3, 2}) {
		t.Errorf("shape %v", p.Shape())
	}
	lyClose(t, "input", x.Data(), before.Data(), 0)
	if !probe.requiresGrad[0] || probe.leaf[0] {
		t.Error("the training forward pass recorded no graph")
	}
	if probe.requiresGrad[1] || !probe.leaf[1] {
		t.Error("Predict recorded a graph")
	}
	for _, q := range s.Parameters() {
		if q.Grad() != nil {
			t.Errorf("a parameter has a gradient before any Backward")
		}
	}
}

type lyHookCall struct {
	index  int
	layer  Layer
	output []float64
}

func TestForwardHooks(t *testing.T) {
	s := lyMLP(11, 2, 3, 3, 1)
	x := autograd.Const(tensor.New([]float64{1, -0.5, 0.25, 2}, 2, 2))
	var calls []lyHookCall
	remove := s.RegisterForwardHook(func(i int, l Layer, out *tensor.Tensor) {
		calls = append(calls, lyHookCall{i, l, append([]float64(nil), out.Data()...)})
	})
	var other []int
	removeOther := s.RegisterForwardHook(func(i int, _ Layer, _ *tensor.Tensor) { other = append(other, i) })

	y := s.Forward(x)
	if len(calls) != len(s.Layers) {
		t.Fatalf("%d hook calls for %d layers", len(calls), len(s.Layers))
	}
	v := x
	for i, c := range calls {
		v = s.Layers[i].Forward(v)
		if c.index != i || c.layer != s.Layers[i] {
			t.Errorf("call %d: index %d, layer %v", i, c.index, c.layer)
		}
		lyClose(t, fmt.Sprintf("output of layer %d", i), c.output, v.Value().Data(), 0)
	}
	lyClose(t, "last hook output", calls[len(calls)-1].output, y.Value().Data(), 0)
	if fmt.Sprint(other) != "[0 1 2 3 4]" {
		t.Errorf("second hook saw %v", other)
	}

	// Predict runs the hooks too.
	calls, other = nil, nil
	s.Predict(x.Value())
	if len(calls) != 5 || len(other) != 5 {
		t.Errorf("Predict: %d and %d hook calls, want 5 and 5", len(calls), len(other))
	}

	remove()
	remove() // a second removal is harmless
	calls, other = nil, nil
	s.Forward(x)
	if len(calls) != 0 || len(other) != 5 {
		t.Errorf("after removal: %d calls to the removed hook, %d to the other", len(calls), len(other))
	}
	removeOther()
	other = nil
	s.Forward(x)
	if len(other) != 0 {
		t.Error("a removed hook was called")
	}
}

func TestForwardHookRemovingItself(t *testing.T) {
	// A hook may remove itself mid-pass without the other hooks of that
	// pass being skipped.
	s := lyMLP(12, 2, 2, 2)
	var remove func()
	first := 0
	remove = s.RegisterForwardHook(func(int, Layer, *tensor.Tensor) {
		first++
		remove()
	})
	var second, third []int
	s.RegisterForwardHook(func(i int, _ Layer, _ *tensor.Tensor) { second = append(second, i) })
	s.RegisterForwardHook(func(i int, _ Layer, _ *tensor.Tensor) { third = append(third, i) })
	s.Forward(autograd.Const(tensor.Zeros(1, 2)))
	if first != 1 || fmt.Sprint(second) != "[0 1 2]" || fmt.Sprint(third) != "[0 1 2]" {
		t.Errorf("first hook called %d times, second saw %v, third %v", first, second, third)
	}
}

func TestNestedAndSharedParameters(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	inner := NewSequential(NewDense(2, 3, HeUniform{}, rng), ReLU{})
	shared := NewDense(3, 3, HeUniform{}, rng)
	outer := NewSequential(inner, shared, shared, NewDense(3, 1, HeUniform{}, rng))
	var names []string
	for _, p := range outer.NamedParameters() {
		names = append(names, p.Name)
	}
	want := []string{"0.0.weight", "0.0.bias", "1.weight", "1.bias", "3.weight", "3.bias"}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("names %v, want %v", names, want)
	}
	if got := len(outer.Parameters()); got != 6 {
		t.Errorf("%d parameters, want 6", got)
	}
	sd := outer.StateDict()
	if err := outer.LoadStateDict(sd); err != nil {
		t.Errorf("state dict of nested layers does not load back: %v", err)
	}
}
