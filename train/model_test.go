package train

import (
	"context"
	"errors"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

// rawCircle returns circle data split into raw (unstandardised) training
// and test sets, and the standardizer fitted on the training rows.
func rawCircle(t *testing.T) (trainSet, testSet *datasets.Dataset, std datasets.Standardizer) {
	t.Helper()
	rng := rand.New(rand.NewPCG(7, 1))
	d := datasets.Circle(400, 0.1, rng)
	// Shift the raw features so that forgetting to standardise shows.
	for i := range d.X.Data() {
		d.X.Data()[i] = 3*d.X.Data()[i] + 5
	}
	tr, te, err := datasets.StratifiedSplit(d, 0.25, rng)
	if err != nil {
		t.Fatal(err)
	}
	return tr, te, datasets.FitStandardizer(tr.X)
}

// trainedOnRaw trains a network on the standardised training rows and
// returns it with its loss.
func trainedOnRaw(t *testing.T, trainSet *datasets.Dataset, std datasets.Standardizer) (*layer.Sequential, layer.Loss) {
	t.Helper()
	tr := runConfig{seed: 3, epochs: 15}.build(t, nil)
	data := ClassificationData(trainSet, tr.Loss, 1)
	data.X = std.Transform(data.X)
	if _, err := tr.Fit(context.Background(), data, nil); err != nil {
		t.Fatal(err)
	}
	return tr.Net, tr.Loss
}

func TestNewModelSavesLoadsAndPredictsOnRawFeatures(t *testing.T) {
	trainSet, testSet, std := rawCircle(t)
	net, loss := trainedOnRaw(t, trainSet, std)
	m, err := NewModel(net, loss, trainSet, &std)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(m.Sizes, circleSizes) || m.Activation.String() != "relu" ||
		!slices.Equal(m.Classes, trainSet.Classes) || !slices.Equal(m.Features, trainSet.Features) {
		t.Fatalf("NewModel: sizes %v activation %v classes %v features %v", m.Sizes, m.Activation, m.Classes, m.Features)
	}
	std.Mean[0] = 1e9 // the model keeps its own copy
	dir := t.TempDir()
	if err := m.Save(dir); err != nil { // a directory means its ModelFile
		t.Fatal(err)
	}
	loaded, err := LoadModel(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LoadModel(filepath.Join(dir, ModelFile)); err != nil {
		t.Fatalf("LoadModel of the file: %v", err)
	}
	// Every entry point takes raw rows: the model's Evaluate must agree
	// with the function Evaluate on rows standardised by hand.
	want := Evaluate(net, loss, &Data{X: m.Standardizer.Transform(testSet.X), Target: ClassificationData(testSet, loss, 1).Target, Labels: testSet.Y})
	got, err := loaded.Evaluate(testSet)
	if err != nil {
		t.Fatal(err)
	}
	if got.Loss != want.Loss || got.Accuracy != want.Accuracy || !sameValues(got.Probs, want.Probs) {
		t.Errorf("Model.Evaluate on raw rows: loss %v acc %v; on standardised rows %v %v", got.Loss, got.Accuracy, want.Loss, want.Accuracy)
	}
	if want.Accuracy < 0.8 {
		t.Errorf("accuracy %v: the network did not learn, the test proves little", want.Accuracy)
	}
	if !sameValues(loaded.PredictProba(testSet.X), want.Probs) {
		t.Error("PredictProba on raw rows differs from the network on standardised rows")
	}
	pred := loaded.Predict(testSet.X)
	for i, c := range want.Pred {
		if pred[i] != m.Classes[c] {
			t.Fatalf("Predict row %d: %q, want %q", i, pred[i], m.Classes[c])
		}
	}
}

func TestModelEvaluateMatchesClassesByName(t *testing.T) {
	trainSet, testSet, std := rawCircle(t)
	net, loss := trainedOnRaw(t, trainSet, std)
	m, err := NewModel(net, loss, trainSet, &std)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := m.Evaluate(testSet)
	swapped := testSet.Subset(nil)
	*swapped = *testSet
	swapped.Classes = []string{testSet.Classes[1], testSet.Classes[0]}
	swapped.Y = make([]int, len(testSet.Y))
	for i, y := range testSet.Y {
		swapped.Y[i] = 1 - y
	}
	got, err := m.Evaluate(swapped)
	if err != nil || got.Accuracy != want.Accuracy {
		t.Errorf("classes in the other order: accuracy %v (%v), want %v", got.Accuracy, err, want.Accuracy)
	}
	swapped.Classes = []string{"x", "y"}
	if _, err := m.Evaluate(swapped); err == nil || !strings.Contains(err.Error(), `class "x"`) {
		t.Errorf("unknown class: %v", err)
	}
	if _, err := m.Evaluate(datasets.Blobs(30, 0.1, rand.New(rand.NewPCG(1, 1)), 3)); err == nil {
		t.Error("a data set of other classes was evaluated")
	}
}

func TestNewModelRejects(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	circle := datasets.Circle(20, 0.1, rng)
	blobs := datasets.Blobs(30, 0.1, rng, 3)
	mlp := layer.MLP(circleSizes, layer.Tanh{}, layer.HeNormal{}, rng)
	loss := layer.BCEWithLogitsLoss{}
	wide := &layer.Sequential{Layers: []layer.Layer{layer.NewDense(2, 4, layer.HeNormal{}, rng), layer.NewDense(4, 1, layer.HeNormal{}, rng)}}
	cases := []struct {
		name string
		net  *layer.Sequential
		ds   *datasets.Dataset
		want string
	}{
		{"no data set", mlp, nil, "need a network"},
		{"regression", mlp, datasets.RegPlane(20, 0.1, rng), "regression"},
		{"three classes, one output", mlp, blobs, "3 class names for 1 outputs"},
		{"not an MLP", wide, circle, "layer 1 is Dense"},
		{"no layers", &layer.Sequential{}, circle, "no Dense layer"},
	}
	for _, c := range cases {
		if _, err := NewModel(c.net, loss, c.ds, nil); !errors.Is(err, ErrBadModel) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an ErrBadModel saying %q", c.name, err, c.want)
		}
	}
	// One Dense layer: logistic regression, no activation.
	lin := layer.MLP([]int{2, 1}, nil, layer.HeNormal{}, rng)
	m, err := NewModel(lin, loss, circle, nil)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "m.safetensors")
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadModel(path); err != nil {
		t.Fatal(err)
	}
}

func TestFitAgainContinuesOrRefuses(t *testing.T) {
	data := newCircleSplit(t, 2)
	tr := runConfig{seed: 2, epochs: 2}.build(t, nil)
	if _, err := tr.Fit(context.Background(), data.train, data.test); err != nil {
		t.Fatal(err)
	}
	before := snapshot(tr.Net)
	if _, err := tr.Fit(context.Background(), data.train, data.test); !errors.Is(err, ErrFinished) {
		t.Fatalf("second Fit: %v, want ErrFinished", err)
	}
	assertSameWeights(t, "refused second Fit", snapshot(tr.Net), before)
	// Raising Epochs continues, to the same bits as one longer run.
	tr.Epochs = 4
	h, err := tr.Fit(context.Background(), data.train, data.test)
	if err != nil || h.Len() != 4 {
		t.Fatalf("Fit after raising Epochs: %v, %d epochs, want 4", err, h.Len())
	}
	whole := runConfig{seed: 2, epochs: 4}.build(t, nil)
	if _, err := whole.Fit(context.Background(), data.train, data.test); err != nil {
		t.Fatal(err)
	}
	assertSameWeights(t, "2+2 epochs against 4", snapshot(tr.Net), snapshot(whole.Net))
}

func sameValues(a, b *tensor.Tensor) bool {
	return a != nil && b != nil && tensor.EqualShape(a.Shape(), b.Shape()) && slices.Equal(a.Data(), b.Data())
}
