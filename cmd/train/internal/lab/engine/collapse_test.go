package engine

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

// TestCollapseEqualsNetwork checks that the collapsed map computes what
// the identity network computes, on random raw inputs, before and after
// training, for two classes, several classes and regression, with feature
// expressions and dropout.
func TestCollapseEqualsNetwork(t *testing.T) {
	for _, edit := range []func(*Config){
		func(c *Config) {},
		func(c *Config) { c.Features = "x1,x2,x1^2,x2^2,x1*x2,sin(x1),sin(x2)"; c.Hidden = []int{8, 8, 8} },
		func(c *Config) { c.Data, c.Hidden, c.Dropout = "blobs", []int{6, 5}, 0.2 },
		func(c *Config) { c.Task, c.Data, c.Features, c.Hidden = TaskRegression, "reg-gauss", "x2,x1^2", nil },
	} {
		s := mustSession(t, func(c *Config) { c.Act = "identity"; edit(c) })
		for _, epochs := range []int{0, 5} {
			if epochs > 0 {
				if _, err := s.Step(epochs); err != nil {
					t.Fatal(err)
				}
			}
			col, ok := s.Collapse()
			if !ok {
				t.Fatal("an identity network does not collapse")
			}
			name := s.cfg.Data + " " + strings.Join(col.Features, ",")
			if got, want := len(col.W), s.model.Sizes[len(s.model.Sizes)-1]; got != want || len(col.Outputs) != want {
				t.Fatalf("%s: %d rows, %d names; want %d outputs", name, got, len(col.Outputs), want)
			}
			rng := rand.New(rand.NewPCG(7, 8))
			raw := tensor.Zeros(200, 2)
			for i := range raw.Data() {
				raw.Data()[i] = 4 * (2*rng.Float64() - 1)
			}
			f := s.features.Apply(raw)
			out := s.model.Net.Predict(s.std.Transform(f))
			worst := 0.0
			for r := range f.Rows() {
				for o, v := range col.Apply(f.Row(r)) {
					worst = math.Max(worst, math.Abs(v-out.At(r, o)))
				}
			}
			if worst > 1e-12 {
				t.Errorf("%s after %d epochs: the map differs from the network by %g", name, epochs, worst)
			}
		}
	}
}

// TestCollapseOnlyIdentity checks that a nonlinear network has no map.
func TestCollapseOnlyIdentity(t *testing.T) {
	for _, act := range []string{"relu", "tanh", "leaky_relu:0.1"} {
		if _, ok := mustSession(t, func(c *Config) { c.Act = act }).Collapse(); ok {
			t.Errorf("%s: the network collapses", act)
		}
	}
}

// TestCollapseJSON checks the map's JSON, a diverged weight as null.
func TestCollapseJSON(t *testing.T) {
	c := Collapse{Features: []string{"x1", "x1^2"}, Outputs: []string{"value"}, W: [][]float64{{1.5, math.NaN()}}, B: []float64{-2}}
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"features":["x1","x1^2"],"outputs":["value"],"w":[[1.5,null]],"b":[-2]}`; string(b) != want {
		t.Errorf("JSON %s, want %s", b, want)
	}
}
