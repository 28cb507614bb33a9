package layer

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/tensor"
)

// TestLayerShapePanicsNameTheOp holds Dense.Forward, Sequential.Forward and
// the loss modules to the package's panic policy: an input whose shape does
// not fit panics before any work, with a message that starts with the
// package and the op's name and shows the shapes.
func TestLayerShapePanicsNameTheOp(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	in := func(shape ...int) *autograd.Var { return autograd.Const(tensor.Zeros(shape...)) }
	dense := NewDense(3, 2, nil, rng)
	// Layer 2 expects 4 features but gets layer 0's 2.
	broken := NewSequential(NewDense(3, 2, nil, rng), ReLU{}, NewDense(4, 1, nil, rng))
	nested := NewSequential(NewSequential(dense), Tanh{})
	x23 := in(2, 3)
	tests := []struct {
		name, prefix string
		f            func()
		shows        []string
	}{
		{"dense features", "layer: Dense.Forward:", func() { dense.Forward(in(5, 4)) }, []string{"[5 4]", "[2 3]"}},
		{"dense vector", "layer: Dense.Forward:", func() { dense.Forward(in(4)) }, []string{"[4]", "[2 3]"}},
		{"dense rank 3", "layer: Dense.Forward:", func() { dense.Forward(in(5, 1, 3)) }, []string{"[5 1 3]", "[2 3]"}},
		{"dense scalar", "layer: Dense.Forward:", func() { dense.Forward(in()) }, []string{"[]", "[2 3]"}},
		{"sequential", "layer: Sequential.Forward: layer 2 (Dense(in_features=4, out_features=1)):",
			func() { broken.Forward(in(5, 3)) }, []string{"layer: Dense.Forward:", "[5 2]", "[1 4]"}},
		{"sequential input", "layer: Sequential.Forward: layer 0 (Dense(in_features=3, out_features=2)):",
			func() { broken.Forward(in(5, 7)) }, []string{"[5 7]", "[2 3]"}},
		{"nested sequential", "layer: Sequential.Forward: layer 0 (Sequential(",
			func() { nested.Forward(in(5, 7)) }, []string{"layer: Sequential.Forward: layer 0 (Dense(", "[5 7]"}},
		{"mse", "autograd: MSELoss:", func() { MSELoss{}.Forward(x23, tensor.Zeros(3, 2)) }, []string{"[2 3]", "[3 2]"}},
		{"bce", "autograd: BCELoss:", func() { BCELoss{}.Forward(x23, tensor.Zeros(3, 2)) }, []string{"[2 3]", "[3 2]"}},
		{"bce_with_logits", "autograd: BCEWithLogitsLoss:",
			func() { BCEWithLogitsLoss{}.Forward(x23, tensor.Zeros(3, 2)) }, []string{"[2 3]", "[3 2]"}},
		{"cross_entropy", "autograd: CrossEntropyLoss:",
			func() { CrossEntropyLoss{}.Forward(x23, tensor.Zeros(3)) }, []string{"[2 3]", "[3]"}},
		{"nll", "autograd: NLLLoss:", func() { NLLLoss{}.Forward(x23, tensor.Zeros(3)) }, []string{"[2 3]", "[3]"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			msg, ok := lyPanic(tc.f)
			if !ok {
				t.Fatalf("no panic; want one starting %q", tc.prefix)
			}
			if !strings.HasPrefix(msg, tc.prefix) {
				t.Errorf("panic %q does not start with %q", msg, tc.prefix)
			}
			for _, s := range tc.shows {
				if !strings.Contains(msg, s) {
					t.Errorf("panic %q does not show %q", msg, s)
				}
			}
		})
	}
}

// panicky is a user's layer that panics with a value that is not a message.
type panicky struct{ v any }

func (p panicky) Forward(*autograd.Var) *autograd.Var { panic(p.v) }

// TestSequentialPassesOtherPanicsOn checks that Sequential.Forward leaves a
// panic alone unless it is a message from a layer: a layer's error value
// keeps its identity, and a hook's panic is not blamed on a layer.
func TestSequentialPassesOtherPanicsOn(t *testing.T) {
	sentinel := errors.New("sentinel")
	func() {
		defer func() {
			if r := recover(); r != sentinel {
				t.Errorf("recovered %v, want the layer's own error value", r)
			}
		}()
		NewSequential(Identity{}, panicky{sentinel}).Forward(autograd.Const(tensor.Zeros(1)))
	}()
	s := NewSequential(Identity{})
	s.RegisterForwardHook(func(int, Layer, *tensor.Tensor) { panic("hook") })
	if msg, _ := lyPanic(func() { s.Forward(autograd.Const(tensor.Zeros(1))) }); msg != "hook" {
		t.Errorf("hook's panic became %q, want it unchanged", msg)
	}
}
