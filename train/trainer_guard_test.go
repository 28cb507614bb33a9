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

// TestRejectedStepRestoresOptimizerState checks, for every optimizer, that
// a step whose update overflows is undone whole: after the NonFiniteError
// the optimizer's state dict is the one before the step, bit for bit.
func TestRejectedStepRestoresOptimizerState(t *testing.T) {
	builds := map[string]func([]*autograd.Var) (optim.Optimizer, error){
		"sgd momentum": func(p []*autograd.Var) (optim.Optimizer, error) {
			return optim.NewSGD(p, optim.SGDConfig{LR: 1e-3, Momentum: 0.9})
		},
		"sgd nesterov": func(p []*autograd.Var) (optim.Optimizer, error) {
			return optim.NewSGD(p, optim.SGDConfig{LR: 1e-3, Momentum: 0.9, Nesterov: true, WeightDecay: 0.1})
		},
		"adam": func(p []*autograd.Var) (optim.Optimizer, error) {
			return optim.NewAdam(p, optim.DefaultAdamConfig())
		},
		"adam amsgrad": func(p []*autograd.Var) (optim.Optimizer, error) {
			c := optim.DefaultAdamConfig()
			c.AMSGrad, c.WeightDecay = true, 0.1
			return optim.NewAdam(p, c)
		},
		"adamw": func(p []*autograd.Var) (optim.Optimizer, error) {
			return optim.NewAdamW(p, optim.DefaultAdamWConfig())
		},
		"adamw amsgrad": func(p []*autograd.Var) (optim.Optimizer, error) {
			c := optim.DefaultAdamWConfig()
			c.AMSGrad = true
			return optim.NewAdamW(p, c)
		},
		"rmsprop": func(p []*autograd.Var) (optim.Optimizer, error) {
			return optim.NewRMSprop(p, optim.DefaultRMSpropConfig())
		},
		"rmsprop centered momentum": func(p []*autograd.Var) (optim.Optimizer, error) {
			c := optim.DefaultRMSpropConfig()
			c.Centered, c.Momentum = true, 0.9
			return optim.NewRMSprop(p, c)
		},
	}
	for name, build := range builds {
		t.Run(name, func(t *testing.T) {
			tr, d := guardTrainer(t, 0.1, layer.MSELoss{})
			d.Target = tensor.Full(1e3, 4, 1) // large, finite gradients
			opt, err := build(tr.Net.Parameters())
			if err != nil {
				t.Fatal(err)
			}
			tr.Optimizer = opt
			var before map[string]*tensor.Tensor
			tr.OnStep = func(s StepInfo) error {
				if s.GlobalStep == 2 {
					// The next update overflows: lr times any step of size
					// above 1 is infinite.
					opt.SetLR(math.MaxFloat64)
					before = opt.StateDict()
				}
				return nil
			}
			_, err = tr.Fit(context.Background(), d, nil)
			var nf *NonFiniteError
			if !errors.As(err, &nf) || !strings.HasPrefix(nf.Where, "update of ") || nf.Step != 1 || nf.Epoch != 2 {
				t.Fatalf("Fit gave %v, want a NonFiniteError about the update of epoch 2, step 1", err)
			}
			after := opt.StateDict()
			if len(after) != len(before) {
				t.Fatalf("state keys after the rejected step: %d, want %d", len(after), len(before))
			}
			for k, v := range before {
				if w, ok := after[k]; !ok || !equalBits(w.Data(), v.Data()) {
					t.Errorf("%s after the rejected step differs from before it", k)
				}
			}
		})
	}
}

// plainOptimizer hides an optimizer's Snapshot methods.
type plainOptimizer struct{ optim.Optimizer }

// TestRejectedStepWithoutSnapshotStops checks that a trainer whose
// optimizer cannot restore its state refuses to continue after a rejected
// step, until Restore.
func TestRejectedStepWithoutSnapshotStops(t *testing.T) {
	tr, d := guardTrainer(t, 1e308, layer.MSELoss{})
	d.Target = tensor.Full(1e6, 4, 1)
	tr.Optimizer = plainOptimizer{tr.Optimizer}
	_, err := tr.Fit(context.Background(), d, nil)
	var nf *NonFiniteError
	if !errors.As(err, &nf) {
		t.Fatalf("Fit gave %v, want a NonFiniteError", err)
	}
	tr.Optimizer.SetLR(1e-3)
	_, err = tr.Fit(context.Background(), d, nil)
	if err == nil || !strings.Contains(err.Error(), "cannot continue") || !strings.Contains(err.Error(), "Snapshotter") {
		t.Fatalf("second Fit gave %v, want a refusal to continue from half a state", err)
	}
	if err := tr.Restore(tr.State()); err != nil {
		t.Fatal(err)
	}
	if _, err := tr.Fit(context.Background(), d, nil); err != nil {
		t.Fatalf("Fit after Restore: %v", err)
	}
}

// TestGradClipZeroIsZero checks that a GradClip of MaxNorm 0 is used as
// given, as clip_grad_norm_ with max_norm 0: every gradient becomes 0, so
// plain SGD leaves the weights as they were.
func TestGradClipZeroIsZero(t *testing.T) {
	tr, d := guardTrainer(t, 0.5, layer.BCEWithLogitsLoss{})
	tr.GradClip = &GradClip{MaxNorm: 0}
	before := map[string]*tensor.Tensor{}
	for k, v := range tr.Net.StateDict() {
		before[k] = v.Clone()
	}
	if _, err := tr.Fit(context.Background(), d, nil); err != nil {
		t.Fatal(err)
	}
	for k, v := range tr.Net.StateDict() {
		if !equalBits(v.Data(), before[k].Data()) {
			t.Errorf("%s moved under GradClip{MaxNorm: 0}", k)
		}
	}
}
