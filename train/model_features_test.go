package train

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

// featureModel is a model over x1^2, x1*x2 and sin(x2) of raw x1, x2.
func featureModel(t *testing.T) *Model {
	t.Helper()
	m := testModel(t, []int{3, 4, 1}, "tanh", layer.BCEWithLogitsLoss{}, true, 5)
	fm, err := datasets.ParseFeatures("x1^2, x1*x2, sin(x2)", []string{"x1", "x2"})
	if err != nil {
		t.Fatal(err)
	}
	m.FeatureMap, m.Features = fm, fm.Names()
	return m
}

func TestModelFeatureMapPredictAndRoundTrip(t *testing.T) {
	m := featureModel(t)
	raw := tensor.New([]float64{0.5, -1, 2, 0.25, -3, 3}, 3, 2)
	// By hand: the features, standardised, through the network.
	x := tensor.Zeros(3, 3)
	for i := range 3 {
		a, b := raw.At(i, 0), raw.At(i, 1)
		for j, v := range []float64{a * a, a * b, sinOf(b)} {
			x.Data()[i*3+j] = (v - m.Standardizer.Mean[j]) / m.Standardizer.Std[j]
		}
	}
	want := Probabilities(m.Net.Predict(x), m.Loss)
	got := m.PredictProba(raw)
	if !slices.Equal(got.Data(), want.Data()) {
		t.Fatalf("PredictProba with a FeatureMap = %v, want %v", got.Data(), want.Data())
	}
	if in := m.Inputs(); !slices.Equal(in, []string{"x1", "x2"}) {
		t.Fatalf("Inputs() = %q, want x1, x2", in)
	}
	path := filepath.Join(t.TempDir(), "m.safetensors")
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	back, err := LoadModel(path)
	if err != nil {
		t.Fatal(err)
	}
	if back.FeatureMap == nil || back.FeatureMap.String() != "x1^2,x1*x2,sin(x2)" {
		t.Fatalf("loaded FeatureMap = %v, want x1^2,x1*x2,sin(x2)", back.FeatureMap)
	}
	if again := back.PredictProba(raw); !slices.Equal(again.Data(), want.Data()) {
		t.Fatalf("loaded model predicts %v, want %v", again.Data(), want.Data())
	}
}

func TestModelWithoutFeatureMapReadsRawColumns(t *testing.T) {
	m := testModel(t, []int{2, 3, 1}, "relu", layer.BCEWithLogitsLoss{}, false, 1)
	path := filepath.Join(t.TempDir(), "m.safetensors")
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	back, err := LoadModel(path)
	if err != nil {
		t.Fatal(err)
	}
	if back.FeatureMap != nil || !slices.Equal(back.Inputs(), []string{"x1", "x2"}) {
		t.Fatalf("a model without %q loaded with FeatureMap %v, inputs %q", MetaInputs, back.FeatureMap, back.Inputs())
	}
}

func TestLoadRejectsBadFeatureInputs(t *testing.T) {
	m := featureModel(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "m.safetensors")
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	good := readFile(t, path)
	for name, c := range map[string]struct {
		edit func(meta map[string]string)
		want string
	}{
		"not a list":      {func(meta map[string]string) { meta[MetaInputs] = "x1" }, "not a JSON list"},
		"unknown column":  {func(meta map[string]string) { meta[MetaInputs] = `["x1","x3"]` }, `no column "x2"`},
		"duplicate input": {func(meta map[string]string) { meta[MetaInputs] = `["x1","x1","x2"]` }, "both"},
		"not canonical": {func(meta map[string]string) {
			meta[MetaFeatures] = `["x1 ^ 2","x1*x2","sin(x2)"]`
		}, "canonical"},
	} {
		b := rewrite(t, good, func(_ map[string]*tensor.Tensor, meta map[string]string) { c.edit(meta) })
		p := filepath.Join(dir, strings.ReplaceAll(name, " ", "_"))
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := LoadModel(p); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: LoadModel error %v, want one containing %q", name, err, c.want)
		}
	}
}

func sinOf(v float64) float64 { return math.Sin(v) }
