package engine

import (
	"encoding/json"
	"fmt"
)

// Collapse is the single affine map a network with the identity activation
// equals, however deep: out = W·f + B, where W = W_L·…·W_1 and B is the
// biases carried through the same products. The inputs f are the features
// as the feature expressions compute them from the raw columns (x1, x1^2,
// sin(x1), …), not standardised: the Standardizer, itself affine, is
// folded into W and B, so the map reads in the units of the data.
type Collapse struct {
	// Features names f's entries, in the network's input order.
	Features []string
	// Outputs says what each of out's entries is: the value for
	// regression, the logit of the second class for two classes (the
	// probability is its sigmoid), one logit per class otherwise.
	Outputs []string
	W       [][]float64 // [output][feature]
	B       []float64
}

// Collapse returns the network's affine map, or false when the network
// does not collapse to one: its activation is not the identity. Dropout
// does not matter, as the map is the network's evaluation-mode function.
// It costs one pass of len(Features) rows through the layers' weights.
func (s *Session) Collapse() (Collapse, bool) {
	if s.model.Activation.String() != "identity" {
		return Collapse{}, false
	}
	_, dense := s.model.Net.DenseLayers()
	nf := s.features.NumFeatures()
	// m is the map so far on standardised inputs: m·z + c.
	m := make([][]float64, nf) // [row][feature], starting with the identity
	for i := range m {
		m[i] = make([]float64, nf)
		m[i][i] = 1
	}
	c := make([]float64, nf)
	// Products are rounded before their sums (float64(...)), as in the
	// training path, so that arm64's fused multiply-adds give the page's bits.
	for _, d := range dense {
		w, bias := d.Weight.Value(), d.Bias.Value().Data()
		next, nc := make([][]float64, w.Rows()), make([]float64, w.Rows())
		for o := range next {
			row := w.Row(o)
			next[o] = make([]float64, nf)
			nc[o] = bias[o]
			for i, wi := range row {
				for j, v := range m[i] {
					next[o][j] += float64(wi * v)
				}
				nc[o] += float64(wi * c[i])
			}
		}
		m, c = next, nc
	}
	// Fold in the standardiser: z_j = (f_j - mean_j) / std_j.
	for o := range m {
		for j := range m[o] {
			m[o][j] /= s.std.Std[j]
			c[o] -= float64(m[o][j] * s.std.Mean[j])
		}
	}
	return Collapse{Features: s.features.Names(), Outputs: s.outputNames(), W: m, B: c}, true
}

// outputNames says what each network output is.
func (s *Session) outputNames() []string {
	switch {
	case s.model.Regression:
		return []string{"value"}
	case len(s.raw.Classes) == 2:
		return []string{fmt.Sprintf("logit of class %s", s.raw.Classes[1])}
	}
	out := make([]string, len(s.raw.Classes))
	for i, c := range s.raw.Classes {
		out[i] = fmt.Sprintf("logit of class %s", c)
	}
	return out
}

// Apply returns the map's outputs for the feature values f.
func (c Collapse) Apply(f []float64) []float64 {
	out := make([]float64, len(c.B))
	for o := range out {
		out[o] = c.B[o]
		for j, v := range f {
			out[o] += float64(c.W[o][j] * v)
		}
	}
	return out
}

// MarshalJSON writes the map with its numbers as Num, so that a diverged
// network's NaN weights encode (as null).
func (c Collapse) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Features []string `json:"features"`
		Outputs  []string `json:"outputs"`
		W        [][]Num  `json:"w"`
		B        []Num    `json:"b"`
	}{c.Features, c.Outputs, nums2(c.W), nums(c.B)})
}
