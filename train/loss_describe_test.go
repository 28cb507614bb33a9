package train

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train/safetensors"
)

// silentLoss is a user's loss that says nothing about itself: train must
// not guess its targets or its reading of the outputs.
type silentLoss struct{}

func (silentLoss) Forward(input *autograd.Var, target *tensor.Tensor) *autograd.Var {
	return autograd.MSELoss(input, target, autograd.ReduceMean)
}

// hardLoss is a user's loss that describes itself, in ways no built-in
// loss does: cross-entropy on class indices, whose outputs read as a hard
// choice of the largest (probability 1 for it, 0 for the rest).
type hardLoss struct{ layer.CrossEntropyLoss }

func (hardLoss) Name() string                 { return "hard_test" }
func (hardLoss) TargetKind() layer.TargetKind { return layer.ClassIndexTargets }
func (hardLoss) Probabilities(out *tensor.Tensor) *tensor.Tensor {
	p := tensor.Zeros(out.Shape()...)
	for i := range out.Rows() {
		p.Row(i)[slices.Index(out.Row(i), slices.Max(out.Row(i)))] = 1
	}
	return p
}

func init() {
	layer.RegisterLoss(layer.LossSpec{Name: "hard_test", Doc: "test: argmax", New: func() layer.Loss { return hardLoss{} }})
}

// panicMessage returns what f panics with, or "" if it returns.
func panicMessage(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = strings.TrimSpace(strings.Join(strings.Fields(toString(r)), " "))
		}
	}()
	f()
	return ""
}

func toString(r any) string {
	if s, ok := r.(string); ok {
		return s
	}
	if e, ok := r.(error); ok {
		return e.Error()
	}
	return ""
}

func threeClasses() *datasets.Dataset {
	return &datasets.Dataset{X: tensor.New([]float64{0, 1, 2, 3}, 4, 1), Y: []int{2, 0, 1, 2},
		Classes: []string{"a", "b", "c"}, Features: []string{"x"}}
}

func TestSilentLossIsAnErrorNotAGuess(t *testing.T) {
	if msg := panicMessage(func() { ClassificationData(threeClasses(), silentLoss{}, 3) }); !strings.Contains(msg, "train.silentLoss does not say what targets it takes; implement layer.TargetKinder") {
		t.Errorf("ClassificationData: panic %q, want one naming layer.TargetKinder", msg)
	}
	out := tensor.New([]float64{1, 2, 3, 4, 5, 6}, 2, 3)
	if msg := panicMessage(func() { Probabilities(out, silentLoss{}) }); !strings.Contains(msg, "implement layer.ProbabilityReader") {
		t.Errorf("Probabilities: panic %q, want one naming layer.ProbabilityReader", msg)
	}

	tr, d := guardTrainer(t, 0.1, silentLoss{})
	if _, err := tr.Fit(context.Background(), d, nil); err == nil || !strings.Contains(err.Error(), "implement layer.ProbabilityReader") {
		t.Errorf("Fit with labels: %v, want an error naming layer.ProbabilityReader", err)
	}
	// Without labels nothing reads probabilities: a regression-like run
	// trains, and Evaluate leaves Probs out instead of guessing.
	tr, d = guardTrainer(t, 0.1, silentLoss{})
	d.Labels = nil
	tr.Diagnostics = true
	if _, err := tr.Fit(context.Background(), d, nil); err != nil {
		t.Errorf("Fit without labels: %v", err)
	}
	if ev := Evaluate(tr.Net, silentLoss{}, d); ev.Probs != nil || ev.Pred != nil || math.IsNaN(ev.Loss) {
		t.Errorf("Evaluate without labels: loss %v probs %v pred %v, want a loss and no probabilities", ev.Loss, ev.Probs, ev.Pred)
	}

	m := testModel(t, []int{2, 3, 1}, "relu", silentLoss{}, false, 1)
	path := filepath.Join(t.TempDir(), "m.safetensors")
	if err := m.Save(path); err == nil || !strings.Contains(err.Error(), "implement layer.NamedLoss") {
		t.Errorf("Save: %v, want an error naming layer.NamedLoss", err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("Save wrote a file for a model it rejected")
	}
}

func TestDescribedLossIsUsed(t *testing.T) {
	d := ClassificationData(threeClasses(), hardLoss{}, 3)
	if !slices.Equal(d.Target.Shape(), []int{4}) || !slices.Equal(d.Target.Data(), []float64{2, 0, 1, 2}) {
		t.Errorf("targets %v %v, want the class indices [2 0 1 2]", d.Target.Shape(), d.Target.Data())
	}
	out := tensor.New([]float64{1, 3, 2, -1, -5, -2}, 2, 3)
	if p := Probabilities(out, hardLoss{}); !slices.Equal(p.Data(), []float64{0, 1, 0, 1, 0, 0}) {
		t.Errorf("probabilities %v, want the loss's own reading [0 1 0 1 0 0]", p.Data())
	}

	// A registered loss is saved by its name and comes back as itself.
	m := testModel(t, []int{1, 4, 3}, "tanh", hardLoss{}, false, 2)
	path := filepath.Join(t.TempDir(), "m.safetensors")
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	got, err := LoadModel(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := got.Loss.(hardLoss); !ok {
		t.Errorf("loaded loss %T, want hardLoss", got.Loss)
	}
	p := got.PredictProba(d.X)
	for i := range p.Rows() {
		if s := slices.Max(p.Row(i)); s != 1 {
			t.Errorf("PredictProba row %d is %v, not the loss's hard reading", i, p.Row(i))
		}
	}
}

func TestLossNamesRoundTripThroughCheckpoint(t *testing.T) {
	dir := t.TempDir()
	for _, spec := range layer.LossSpecs() {
		for _, loss := range []layer.Loss{spec.New(), reflect.New(reflect.TypeOf(spec.New())).Interface().(layer.Loss)} {
			m := testModel(t, []int{2, 3}, "relu", loss, false, 3)
			path := filepath.Join(dir, spec.Name+".safetensors")
			if err := m.Save(path); err != nil {
				t.Fatalf("%T: %v", loss, err)
			}
			f, err := safetensors.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if f.Metadata[MetaLoss] != spec.Name {
				t.Errorf("%T saved as %q, want %q", loss, f.Metadata[MetaLoss], spec.Name)
			}
			got, err := LoadModel(path)
			if err != nil {
				t.Fatal(err)
			}
			if reflect.TypeOf(got.Loss) != reflect.TypeOf(spec.New()) {
				t.Errorf("%q loaded as %T, want %T", spec.Name, got.Loss, spec.New())
			}
		}
	}
}

// TestOldCheckpointLossNames loads files with the metadata the previous
// version wrote (fmt.Sprint of the loss, read back through a fixed table):
// each must still load, and mean the same loss, in any case.
func TestOldCheckpointLossNames(t *testing.T) {
	old := map[string]layer.Loss{
		"bce_with_logits": layer.BCEWithLogitsLoss{},
		"cross_entropy":   layer.CrossEntropyLoss{},
		"bce":             layer.BCELoss{},
		"nll":             layer.NLLLoss{},
		"mse":             layer.MSELoss{},
		"Cross_Entropy":   layer.CrossEntropyLoss{},
		"BCE":             layer.BCELoss{},
	}
	dir := t.TempDir()
	for name, want := range old {
		path := filepath.Join(dir, name+".safetensors")
		tensors := map[string]*tensor.Tensor{
			"0.weight": tensor.New([]float64{1, -2, 0.5, 0.25, 3, -1}, 3, 2),
			"0.bias":   tensor.New([]float64{0.1, -0.2, 0.3}, 3),
		}
		meta := map[string]string{
			"format": "nnlab.mlp.v1", "sizes": "[2,3]", "activation": "relu", "loss": name,
			"classes": `["a","b","c"]`, "features": `["x1","x2"]`,
		}
		var b bytes.Buffer
		if err := safetensors.Encode(&b, tensors, meta); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		m, err := LoadModel(path)
		if err != nil {
			t.Fatalf("%q: %v", name, err)
		}
		if reflect.TypeOf(m.Loss) != reflect.TypeOf(want) {
			t.Errorf("%q loaded as %T, want %T", name, m.Loss, want)
		}
	}
}
