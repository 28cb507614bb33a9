package layer

import (
	"fmt"
	"math/rand/v2"
)

// MLP returns the multilayer perceptron with the given layer sizes: a Dense
// layer between each consecutive pair, with act after every Dense layer but
// the last, whose raw outputs (logits) are the network's. The layers sit at
// the indices nn.Sequential would give them, so MLP([2,16,1], relu, ...)
// has parameters 0.weight, 0.bias, 2.weight, 2.bias.
//
// The one act value is shared by every position, which suits the built-in
// activations (they hold no state). It panics unless there are at least
// two sizes, all positive, and, when init draws random weights, if rng is
// nil (Constant takes a nil rng).
func MLP(sizes []int, act Activation, init Initializer, rng *rand.Rand) *Sequential {
	if len(sizes) < 2 {
		panic(fmt.Sprintf("layer: MLP: need at least an input and an output size, have %v", sizes))
	}
	if act == nil {
		act = Identity{}
	}
	s := &Sequential{}
	for i := 0; i+1 < len(sizes); i++ {
		if i > 0 {
			s.Layers = append(s.Layers, act)
		}
		s.Layers = append(s.Layers, NewDense(sizes[i], sizes[i+1], init, rng))
	}
	return s
}

// MLPWithDropout is MLP with a Dropout(p) layer after every hidden
// activation, as a PyTorch user writes nn.Sequential(nn.Linear(2, 16),
// nn.ReLU(), nn.Dropout(p), nn.Linear(16, 1)): the Dense layers sit at
// indices 0, 3, 6, ..., so MLPWithDropout([2,16,1], relu, 0.5, ...) has
// parameters 0.weight, 0.bias, 3.weight, 3.bias, the names PyTorch gives.
// The Dropout layers are there even for p = 0, where they pass their input
// through, so that the names depend on the architecture alone. The model
// is in training mode; give its Dropout layers a random source with
// SetSource before a training-mode forward pass (train.Trainer does). It
// panics as MLP does, and unless p is in [0, 1].
func MLPWithDropout(sizes []int, act Activation, p float64, init Initializer, rng *rand.Rand) *Sequential {
	d := NewDropout(p) // checks p before any weight is drawn
	s := MLP(sizes, act, init, rng)
	layers := make([]Layer, 0, len(s.Layers)+len(sizes)-2)
	for i, l := range s.Layers {
		layers = append(layers, l)
		if i%2 == 1 { // an activation
			layers = append(layers, &Dropout{P: d.P})
		}
	}
	s.Layers = layers
	return s
}

// DenseLayers returns the Dense layers of s with their indices, in order.
func (s *Sequential) DenseLayers() (idx []int, dense []*Dense) {
	for i, l := range s.Layers {
		if d, ok := l.(*Dense); ok {
			idx = append(idx, i)
			dense = append(dense, d)
		}
	}
	return idx, dense
}
