package train

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

// Predict and PredictProba are a classifier's, PredictValues a
// regressor's: each refuses the other kind, naming the method to use.
func TestModelPredictMethodsByKind(t *testing.T) {
	x := tensor.New([]float64{0.5, -1, 2, 0.25}, 2, 2)
	reg := regressionModel(t, layer.MSELoss{})
	cls := testModel(t, []int{2, 5, 1}, "tanh", layer.BCEWithLogitsLoss{}, true, 9)
	cases := []struct {
		name string
		f    func()
		want string
	}{
		{"Predict on a regressor", func() { reg.Predict(x) }, "use Model.PredictValues"},
		{"PredictProba on a regressor", func() { reg.PredictProba(x) }, "use Model.PredictValues"},
		{"PredictValues on a classifier", func() { cls.PredictValues(x) }, "use Model.Predict or PredictProba"},
		{"PredictValues of the wrong width", func() { reg.PredictValues(tensor.Zeros(2, 3)) }, "takes [rows, 2]"},
	}
	for _, c := range cases {
		if msg := panicMessage(c.f); !strings.Contains(msg, c.want) {
			t.Errorf("%s: panic %q, want one saying %q", c.name, msg, c.want)
		}
	}
	if got := cls.Predict(x); len(got) != 2 {
		t.Errorf("Predict on a classifier: %q", got)
	}
	if got := reg.PredictValues(x); !slices.Equal(got.Shape(), []int{2, 1}) {
		t.Errorf("PredictValues on a regressor: shape %v", got.Shape())
	}
}

// NewModel on a data set of values makes a regression model, whose
// Evaluate gives the loss on raw rows and no accuracy.
func TestNewModelRegressionEvaluate(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	ds := datasets.RegPlane(40, 0.1, rng)
	std := datasets.FitStandardizer(ds.X)
	net := layer.MLP([]int{2, 4, 1}, layer.Tanh{}, layer.HeNormal{}, rng)
	m, err := NewModel(net, layer.MSELoss{}, ds, &std)
	if err != nil {
		t.Fatal(err)
	}
	if !m.Regression || len(m.Classes) != 0 {
		t.Fatalf("NewModel on a regression set: Regression %v, classes %q", m.Regression, m.Classes)
	}
	got, err := m.Evaluate(ds)
	if err != nil {
		t.Fatal(err)
	}
	scaled := &datasets.Dataset{X: std.Transform(ds.X), Values: ds.Values, Features: ds.Features}
	want := Evaluate(net, layer.MSELoss{}, RegressionData(scaled))
	if got.Loss != want.Loss || !math.IsNaN(got.Accuracy) {
		t.Errorf("Evaluate: loss %v accuracy %v, want loss %v and NaN", got.Loss, got.Accuracy, want.Loss)
	}
	if _, err := m.Evaluate(datasets.Circle(10, 0, rng)); err == nil || !strings.Contains(err.Error(), "regression model") {
		t.Errorf("regression model on a classification set: %v", err)
	}
	if _, err := NewModel(net, layer.BCEWithLogitsLoss{}, ds, nil); err == nil || !strings.Contains(err.Error(), "compare outputs with values") {
		t.Errorf("NewModel, regression set with bce_with_logits: %v", err)
	}
}

// Evaluate of a model with a FeatureMap takes the raw columns.
func TestModelEvaluateWithFeatureMap(t *testing.T) {
	m := featureModel(t)
	raw := &datasets.Dataset{
		X: tensor.New([]float64{0.5, -1, 2, 0.25, -3, 3, 1, 1}, 4, 2),
		Y: []int{0, 1, 1, 0}, Classes: m.Classes, Features: []string{"x1", "x2"},
	}
	got, err := m.Evaluate(raw)
	if err != nil {
		t.Fatal(err)
	}
	if want := m.PredictProba(raw.X); !slices.Equal(got.Probs.Data(), want.Data()) {
		t.Errorf("Evaluate probabilities %v, PredictProba %v", got.Probs.Data(), want.Data())
	}
}
