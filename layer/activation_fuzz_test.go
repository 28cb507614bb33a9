package layer

import (
	"math"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/tensor"
)

// FuzzParseActivation feeds arbitrary specs to the parser a CLI user
// reaches with --act: it must never panic, and whatever it accepts must
// print a spec that parses back to an activation printing the same spec and
// computing finite values on finite input.
func FuzzParseActivation(f *testing.F) {
	for _, s := range []string{
		"relu", "leaky_relu:0.1", "elu:0.5", "softplus:2,20", "gelu", "identity",
		"", ":", "relu:", "leaky_relu:", "leaky_relu:1e400", "elu:-1", "softplus:0",
		"leaky_relu:0.1,0.2", "tanh:NaN", "sigmoid:inf", " relu ", "RELU", "elu:0x1p-3",
		"softplus:1,", "leaky_relu:,", "silu:\x00", strings.Repeat("a", 300),
	} {
		f.Add(s)
	}
	x := tensor.New([]float64{-3, -0.5, 0, 0.5, 3}, 5)
	f.Fuzz(func(t *testing.T, spec string) {
		a, err := ParseActivation(spec)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("empty error for %q", spec)
			}
			return
		}
		again, err := ParseActivation(a.String())
		if err != nil {
			t.Fatalf("%q parsed, but its String %q does not: %v", spec, a.String(), err)
		}
		if again.String() != a.String() {
			t.Fatalf("%q -> %q -> %q", spec, a.String(), again.String())
		}
		for _, v := range a.Forward(autograd.Const(x)).Value().Data() {
			if math.IsNaN(v) {
				t.Fatalf("%q gives NaN on finite input", spec)
			}
		}
	})
}
