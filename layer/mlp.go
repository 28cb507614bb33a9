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
