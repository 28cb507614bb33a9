package engine

import (
	"math"
	"testing"
)

// handNet is a [2, H, 1] relu network's weights, copied out of a session.
type handNet struct {
	w1, w2 [][]float64
	b1, b2 []float64
}

func copyNet(s *Session) handNet {
	w, b := s.weights()
	return handNet{w1: w[0], b1: b[0], w2: w[1], b2: b[1]}
}

// hidden returns the pre-activations z1 of row x.
func (n handNet) hidden(x []float64) []float64 {
	z := make([]float64, len(n.w1))
	for u, row := range n.w1 {
		z[u] = n.b1[u]
		for j, v := range x {
			z[u] += row[j] * v
		}
	}
	return z
}

// gradNorms computes by hand the full-batch gradient of the mean BCE with
// logits loss with respect to W1 and W2 on the rows x with labels y, and
// returns the two Frobenius norms.
func (n handNet) gradNorms(x [][]float64, y []float64) (g1, g2 float64) {
	h := len(n.w1)
	gw1 := make([][]float64, h)
	for u := range gw1 {
		gw1[u] = make([]float64, len(x[0]))
	}
	gw2 := make([]float64, h)
	for r, xr := range x {
		z1 := n.hidden(xr)
		z2 := n.b2[0]
		for u, z := range z1 {
			z2 += n.w2[0][u] * math.Max(z, 0)
		}
		dz2 := (1/(1+math.Exp(-z2)) - y[r]) / float64(len(x))
		for u, z := range z1 {
			gw2[u] += dz2 * math.Max(z, 0)
			if z > 0 {
				for j, v := range xr {
					gw1[u][j] += dz2 * n.w2[0][u] * v
				}
			}
		}
	}
	for u := range gw1 {
		g2 += gw2[u] * gw2[u]
		for _, v := range gw1[u] {
			g1 += v * v
		}
	}
	return math.Sqrt(g1), math.Sqrt(g2)
}

// TestLayerStatsByHand checks the per-layer series against a hand
// computation on a [2, 5, 1] relu network trained one full batch per
// epoch: the gradient norms at the weights each epoch starts from, the
// activation rate and dead fraction at the weights it ends with.
func TestLayerStatsByHand(t *testing.T) {
	s := mustSession(t, func(c *Config) {
		c.Act, c.Hidden, c.N, c.Batch, c.LR, c.Data = "relu", []int{5}, 60, 1000, 0.5, "xor"
	})
	x := make([][]float64, s.trainData.X.Rows())
	y := make([]float64, len(x))
	for r := range x {
		x[r] = append([]float64(nil), s.trainData.X.Row(r)...)
		y[r] = s.trainData.Target.Data()[r]
	}
	const epochs = 3
	var want LayerStats
	want.GradNorm = make([][]float64, 2)
	want.ActivationRate, want.DeadFraction = make([][]float64, 1), make([][]float64, 1)
	for range epochs {
		g1, g2 := copyNet(s).gradNorms(x, y)
		want.GradNorm[0] = append(want.GradNorm[0], g1)
		want.GradNorm[1] = append(want.GradNorm[1], g2)
		if _, err := s.Step(1); err != nil {
			t.Fatal(err)
		}
		n := copyNet(s)
		active, alive := 0, make([]bool, len(n.w1))
		for _, xr := range x {
			for u, z := range n.hidden(xr) {
				if z > 0 {
					active++
					alive[u] = true
				}
			}
		}
		dead := 0
		for _, a := range alive {
			if !a {
				dead++
			}
		}
		want.ActivationRate[0] = append(want.ActivationRate[0], float64(active)/float64(len(x)*len(alive)))
		want.DeadFraction[0] = append(want.DeadFraction[0], float64(dead)/float64(len(alive)))
	}
	got := s.LayerStats()
	check := func(name string, got, want [][]float64) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%s: %d layers, want %d", name, len(got), len(want))
		}
		for k := range want {
			if len(got[k]) != epochs {
				t.Fatalf("%s layer %d: %d values, want one per epoch (%d)", name, k+1, len(got[k]), epochs)
			}
			for e, w := range want[k] {
				if math.Abs(got[k][e]-w) > 1e-12*math.Max(1, math.Abs(w)) {
					t.Errorf("%s layer %d epoch %d: engine %v, by hand %v", name, k+1, e+1, got[k][e], w)
				}
			}
		}
	}
	check("grad norm", got.GradNorm, want.GradNorm)
	check("activation rate", got.ActivationRate, want.ActivationRate)
	check("dead fraction", got.DeadFraction, want.DeadFraction)
	if want.GradNorm[0][0] == 0 || want.ActivationRate[0][0] == 0 {
		t.Errorf("a degenerate case: %+v", want)
	}
}

// TestLayerStatsShapes checks one series per layer, empty before training.
func TestLayerStatsShapes(t *testing.T) {
	s := mustSession(t, func(c *Config) { c.Hidden = []int{4, 3, 2} })
	st := s.LayerStats()
	if len(st.DeadFraction) != 3 || len(st.ActivationRate) != 3 || len(st.GradNorm) != 4 {
		t.Fatalf("before training: %d, %d, %d series; want 3, 3, 4", len(st.DeadFraction), len(st.ActivationRate), len(st.GradNorm))
	}
	for _, v := range st.GradNorm {
		if v == nil || len(v) != 0 {
			t.Fatalf("before training: %v, want empty series", v)
		}
	}
	if _, err := s.Step(2); err != nil {
		t.Fatal(err)
	}
	for _, v := range s.LayerStats().ActivationRate {
		if len(v) != 2 {
			t.Errorf("after 2 epochs: %d values", len(v))
		}
	}
}
