package plots

import (
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train"
	"github.com/nnlab/nnlab/train/metrics"
)

func TestScratch(t *testing.T) {
	out := "/tmp/plots-out/"
	os.MkdirAll(out, 0o755)
	rng := rand.New(rand.NewPCG(1, 2))
	n := 300
	X := tensor.Zeros(n, 2)
	labels := make([]int, n)
	for i := range n {
		c := i % 2
		a := rng.Float64() * math.Pi
		x, y := math.Cos(a), math.Sin(a)
		if c == 1 {
			x, y = 1-x, 0.5-y
		}
		X.Set(x+0.1*rng.NormFloat64(), i, 0)
		X.Set(y+0.1*rng.NormFloat64(), i, 1)
		labels[i] = c
	}
	proba := func(g *tensor.Tensor) *tensor.Tensor {
		P := tensor.Zeros(g.Rows(), 2)
		for i := range g.Rows() {
			x, y := g.At(i, 0), g.At(i, 1)
			z := 3*(y-0.25) - 2*math.Sin(2*(x-0.5))
			p0 := 1 / (1 + math.Exp(-z*2))
			P.Set(p0, i, 0)
			P.Set(1-p0, i, 1)
		}
		return P
	}
	if err := DecisionBoundary(out+"boundary.png", proba, X, labels, []string{"upper moon", "lower moon"}, "Two moons, MLP (tanh)"); err != nil {
		t.Fatal(err)
	}
	if err := Scatter(out+"scatter.png", X, labels, []string{"upper moon", "lower moon"}, "Two moons"); err != nil {
		t.Fatal(err)
	}
	// 3 classes blobs
	m := 450
	X3 := tensor.Zeros(m, 2)
	l3 := make([]int, m)
	centres := [][2]float64{{0, 0}, {3, 1}, {1, 3}}
	for i := range m {
		c := i % 3
		X3.Set(centres[c][0]+0.8*rng.NormFloat64(), i, 0)
		X3.Set(centres[c][1]+0.8*rng.NormFloat64(), i, 1)
		l3[i] = c
	}
	proba3 := func(g *tensor.Tensor) *tensor.Tensor {
		P := tensor.Zeros(g.Rows(), 3)
		for i := range g.Rows() {
			s := 0.0
			for c := range 3 {
				dx, dy := g.At(i, 0)-centres[c][0], g.At(i, 1)-centres[c][1]
				e := math.Exp(-(dx*dx + dy*dy))
				P.Set(e, i, c)
				s += e
			}
			for c := range 3 {
				P.Set(P.At(i, c)/s, i, c)
			}
		}
		return P
	}
	if err := DecisionBoundary(out+"boundary3.png", proba3, X3, l3, nil, "Blobs"); err != nil {
		t.Fatal(err)
	}
	cells := [][]BoundaryCell{
		{{Proba: proba, X: X, Labels: labels, Title: "relu"}, {Proba: proba, X: X, Labels: labels, Title: "tanh"}, {}},
		{{Proba: proba3, X: X3, Labels: l3, Title: "relu"}, {Proba: proba3, X: X3, Labels: l3, Title: "tanh"}, {Proba: proba3, X: X3, Labels: l3, Title: "sigmoid"}},
	}
	if err := DecisionBoundaryGrid(out+"grid.png", cells, []string{"moons", "blobs"}, []string{"ReLU", "Tanh", "Sigmoid"}); err != nil {
		t.Fatal(err)
	}
	var h train.History
	for e := 1; e <= 30; e++ {
		v := []train.NamedValue{{"epoch", float64(e)}, {"train_loss", 1/float64(e) + 0.1}, {"train_accuracy", 1 - 0.5/float64(e)}}
		if e%3 == 0 {
			v = append(v, train.NamedValue{"val_loss", 1.2/float64(e) + 0.15}, train.NamedValue{"val_accuracy", 1 - 0.6/float64(e) - 0.02})
		}
		h.Add(v)
	}
	if err := LossCurves(out+"loss.png", &h); err != nil {
		t.Fatal(err)
	}
	scores := make([]float64, n)
	P := proba(X)
	for i := range n {
		scores[i] = P.At(i, 1)
	}
	c, _ := metrics.ROC(labels, scores)
	sc2 := make([]float64, n)
	for i := range n {
		sc2[i] = X.At(i, 0)
	}
	c2, _ := metrics.ROC(labels, sc2)
	if err := ROC(out+"roc.png", []NamedCurve{{"MLP", c, metrics.AUC(c)}, {"feature 0", c2, metrics.AUC(c2)}}, "ROC, two moons"); err != nil {
		t.Fatal(err)
	}
	var series []Series
	for k, lr := range []float64{1e-3, 1e-2, 1e-1, 1} {
		s := Series{Name: "lr " + []string{"0.001", "0.01", "0.1", "1"}[k]}
		for e := 1; e <= 100; e++ {
			s.X = append(s.X, float64(e))
			s.Y = append(s.Y, math.Exp(-lr*float64(e)*2)+0.01)
		}
		series = append(series, s)
	}
	series = append(series, Series{Name: "lr 10 (diverged)", X: []float64{1, 2}, Y: []float64{math.NaN(), math.Inf(1)}})
	if err := Lines(out+"lines.png", "Loss vs epoch by learning rate", "epoch", "loss", true, true, series); err != nil {
		t.Fatal(err)
	}
	if err := Lines(out+"lines_lin.png", "Loss vs epoch by learning rate", "epoch", "loss", false, false, series); err != nil {
		t.Fatal(err)
	}
}
