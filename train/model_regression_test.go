package train

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

func regressionModel(t *testing.T, loss layer.Loss) *Model {
	t.Helper()
	m := testModel(t, []int{2, 5, 1}, "tanh", loss, true, 9)
	m.Classes, m.Regression = nil, true
	return m
}

func TestRegressionModelRoundTrip(t *testing.T) {
	for _, loss := range []layer.Loss{layer.MSELoss{}, layer.L1Loss{}, layer.NewHuberLoss(), layer.NewSmoothL1Loss()} {
		m := regressionModel(t, loss)
		x := tensor.New([]float64{0.5, -1, 2, 0.25, -3, 3}, 3, 2)
		want := m.PredictValues(x)
		// By hand: standardised, through the network.
		xs := x.Clone()
		m.Standardizer.TransformInPlace(xs)
		if byHand := m.Net.Predict(xs); !slices.Equal(want.Data(), byHand.Data()) {
			t.Fatalf("PredictValues = %v, by hand %v", want.Data(), byHand.Data())
		}
		path := filepath.Join(t.TempDir(), "m.safetensors")
		if err := m.Save(path); err != nil {
			t.Fatal(err)
		}
		back, err := LoadModel(path)
		if err != nil {
			t.Fatal(err)
		}
		if !back.Regression || len(back.Classes) != 0 {
			t.Fatalf("%v: loaded Regression %v, classes %q", loss, back.Regression, back.Classes)
		}
		if got := back.PredictValues(x); !slices.Equal(got.Data(), want.Data()) {
			t.Fatalf("%v: loaded model predicts %v, want %v", loss, got.Data(), want.Data())
		}
	}
}

func TestRegressionModelRefused(t *testing.T) {
	m := regressionModel(t, layer.MSELoss{})
	m.Classes = []string{"a", "b"}
	if err := m.Validate(); err == nil || !strings.Contains(err.Error(), "no classes") {
		t.Errorf("regression model with classes: %v", err)
	}
	m = regressionModel(t, layer.BCEWithLogitsLoss{})
	if err := m.Validate(); err == nil || !strings.Contains(err.Error(), "compare outputs with values") {
		t.Errorf("regression model with bce_with_logits: %v", err)
	}
	m = regressionModel(t, layer.MSELoss{})
	dir := t.TempDir()
	path := filepath.Join(dir, "m.safetensors")
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	b := rewrite(t, readFile(t, path), func(_ map[string]*tensor.Tensor, meta map[string]string) { meta[MetaTask] = "ranking" })
	p := filepath.Join(dir, "bad.safetensors")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadModel(p); err == nil || !strings.Contains(err.Error(), `"ranking"`) {
		t.Errorf("task ranking: %v", err)
	}
}

func TestRegressionData(t *testing.T) {
	d := datasets.RegPlane(7, 0, rand.New(rand.NewPCG(1, 1)))
	data := RegressionData(d)
	if !slices.Equal(data.Target.Shape(), []int{7, 1}) || !slices.Equal(data.Target.Data(), d.Values) || data.Labels != nil {
		t.Fatalf("RegressionData: target %v %v, labels %v", data.Target.Shape(), data.Target.Data(), data.Labels)
	}
}
