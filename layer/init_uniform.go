package layer

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/nnlab/nnlab/tensor"
)

// Uniform draws every weight uniformly from [Low, High) and sets every
// bias to Bias: nn.init.uniform_ and nn.init.constant_. TensorFlow
// Playground initialises so, with Uniform{-0.5, 0.5, 0.1}.
type Uniform struct{ Low, High, Bias float64 }

// Init implements Initializer. It panics if rng is nil.
func (u Uniform) Init(w, b *tensor.Tensor, rng *rand.Rand) {
	needRNG("Uniform", rng)
	w.FillUniform(rng, u.Low, u.High)
	b.Fill(u.Bias)
}

// parseUniform reads the parameters of "uniform:LO:HI" or
// "uniform:LO:HI:BIAS" (v is the text after "uniform:").
func parseUniform(name, v string) (Initializer, error) {
	parts := strings.Split(v, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return nil, fmt.Errorf("init %q: want uniform:LO:HI or uniform:LO:HI:BIAS", name)
	}
	vals := make([]float64, 3)
	for i, p := range parts {
		f, err := parseParam(p)
		if err != nil {
			return nil, fmt.Errorf("init %q: %v", name, err)
		}
		vals[i] = f
	}
	if !(vals[0] < vals[1]) {
		return nil, fmt.Errorf("init %q: LO must be below HI", name)
	}
	return Uniform{Low: vals[0], High: vals[1], Bias: vals[2]}, nil
}
