package train

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/optim"
	"github.com/nnlab/nnlab/tensor"
)

// guardTrainer is a 2-4-1 network on four rows, for the trainer's checks.
func guardTrainer(t *testing.T, lr float64, loss layer.Loss) (*Trainer, *Data) {
	t.Helper()
	model := layer.MLP([]int{2, 4, 1}, layer.ReLU{}, layer.HeUniform{}, rand.New(rand.NewPCG(1, 2)))
	opt, err := optim.NewSGD(model.Parameters(), optim.SGDConfig{LR: lr})
	if err != nil {
		t.Fatal(err)
	}
	d := &Data{
		X:      tensor.New([]float64{0, 1, 1, 0, 1, 1, 0, 0}, 4, 2),
		Target: tensor.New([]float64{1, 1, 0, 0}, 4, 1),
		Labels: []int{1, 1, 0, 0},
	}
	return &Trainer{Net: model, Loss: loss, Optimizer: opt, Epochs: 3, BatchSize: 2}, d
}

func TestUpdateOverflowIsUndone(t *testing.T) {
	// Finite gradients times an absurd learning rate overflow the weights:
	// the step must be reported and undone, keeping the last good values.
	tr, d := guardTrainer(t, 1e308, layer.MSELoss{})
	d.Target = tensor.Full(1e6, 4, 1) // gradients near 1e6: lr·grad overflows
	var before map[string]*tensor.Tensor
	keep := func() {
		before = map[string]*tensor.Tensor{}
		for k, v := range tr.Net.StateDict() {
			before[k] = v.Clone()
		}
	}
	keep()
	tr.OnStep = func(StepInfo) error { keep(); return nil }
	_, err := tr.Fit(context.Background(), d, nil)
	var nf *NonFiniteError
	if !errors.As(err, &nf) || !strings.HasPrefix(nf.Where, "update of ") {
		t.Fatalf("Fit gave %v, want a NonFiniteError about an update", err)
	}
	for k, v := range tr.Net.StateDict() {
		if !v.IsFinite() {
			t.Errorf("%s holds non-finite values after the error %v", k, err)
		}
		if !equalBits(v.Data(), before[k].Data()) {
			t.Errorf("%s differs from its value after the last good step", k)
		}
	}
}

func equalBits(a, b []float64) bool {
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return len(a) == len(b)
}

func TestFitRejectsBadSettings(t *testing.T) {
	cases := []struct {
		name  string
		setup func(tr *Trainer, val *Data) *Data
		want  string
	}{
		{"unknown early-stopping metric", func(tr *Trainer, val *Data) *Data {
			tr.EarlyStopping = &EarlyStopping{Metric: "val_los"}
			return val
		}, `EarlyStopping.Metric "val_los"`},
		{"auc without labels", func(tr *Trainer, val *Data) *Data {
			tr.EarlyStopping = &EarlyStopping{Metric: ColValAUC}
			val.Labels = nil
			return val
		}, "needs validation data with Labels"},
		{"unreduced loss", func(tr *Trainer, val *Data) *Data {
			tr.Loss = layer.MSELoss{Reduction: autograd.ReduceNone}
			return nil
		}, "not a scalar"},
	}
	for _, c := range cases {
		tr, d := guardTrainer(t, 0.1, layer.BCEWithLogitsLoss{})
		val := &Data{X: d.X, Target: d.Target, Labels: d.Labels}
		_, err := tr.Fit(context.Background(), d, c.setup(tr, val))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Fit gave %v, want an error containing %q", c.name, err, c.want)
		}
	}
}

func TestRestoreRejectsImpossibleState(t *testing.T) {
	for _, spoil := range []func(s *State){
		func(s *State) { s.Step = -1 },
		func(s *State) { s.Step = 7 }, // an epoch here has 2 steps
		func(s *State) { s.GradNormSum = []float64{1, 2, 3} },
	} {
		tr, d := guardTrainer(t, 0.1, layer.BCEWithLogitsLoss{})
		ctx, cancel := context.WithCancel(context.Background())
		tr.OnStep = func(StepInfo) error { cancel(); return nil }
		if _, err := tr.Fit(ctx, d, nil); !errors.Is(err, ErrInterrupted) {
			t.Fatalf("setup: %v", err)
		}
		st := tr.State()
		spoil(&st)
		fresh, _ := guardTrainer(t, 0.1, layer.BCEWithLogitsLoss{})
		if err := fresh.Restore(st); err != nil {
			continue // rejected at Restore: fine too
		}
		if _, err := fresh.Fit(context.Background(), d, nil); err == nil || !strings.Contains(err.Error(), "restored state") {
			t.Errorf("Fit on a spoiled state gave %v, want an error about the restored state", err)
		}
	}
}

func TestClassificationDataRejectsLabelsOutOfRange(t *testing.T) {
	d := &datasets.Dataset{X: tensor.Zeros(3, 2), Y: []int{2, 0, 1}, Classes: []string{"a", "b", "c"}}
	for _, outputs := range []int{1, 2} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(r.(string), "label 2 of row 0") {
					t.Errorf("outputs %d: recovered %v, want a panic naming label 2 of row 0", outputs, r)
				}
			}()
			ClassificationData(d, layer.MSELoss{}, outputs)
		}()
	}
}
