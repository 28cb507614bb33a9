package train

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/optim"
	"github.com/nnlab/nnlab/tensor"
)

// pausedCheckpoint interrupts a run of cfg at global step stop and returns
// its checkpoint as a file would hold it.
func pausedCheckpoint(t *testing.T, cfg runConfig, data circleSplit, stop int) *Checkpoint {
	return pausedCheckpointTB(t, cfg, data, stop)
}

func pausedCheckpointTB(t testing.TB, cfg runConfig, data circleSplit, stop int) *Checkpoint {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	tr := cfg.build(t, nil)
	tr.OnStep = func(s StepInfo) error {
		if s.GlobalStep == stop {
			cancel()
		}
		return nil
	}
	if _, err := tr.Fit(ctx, data.train, data.test); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("Fit returned %v, want ErrInterrupted", err)
	}
	st := tr.State()
	return &Checkpoint{
		Model: &Model{Net: tr.Net, Sizes: circleSizes, Activation: layer.ReLU{}, Loss: tr.Loss,
			Classes: data.classes, Features: data.features},
		Optimizer: tr.Optimizer.StateDict(),
		State:     &st,
	}
}

// TestCheckResume edits one value of a good checkpoint at a time and
// expects CheckResume to name it; the good one, mid-epoch and at an
// epoch's start, with and without a schedule, passes.
func TestCheckResume(t *testing.T) {
	data := newCircleSplit(t, 5)
	for _, cfg := range []runConfig{{seed: 41}, {seed: 42, sgd: true, schedule: optim.StepLR{StepSize: 1, Gamma: 0.5}}} {
		for _, stop := range []int{1, 30, 50} {
			ck := pausedCheckpoint(t, cfg, data, stop)
			if err := ck.CheckResume(cfg.build(t, nil)); err != nil {
				t.Errorf("stop %d: a good checkpoint refused: %v", stop, err)
			}
		}
	}
	cfg := runConfig{seed: 43}
	cases := []struct {
		name  string
		spoil func(ck *Checkpoint, tr *Trainer)
		want  string
	}{
		{"optimizer lr 0", func(ck *Checkpoint, _ *Trainer) { ck.Optimizer["lr"] = tensor.New([]float64{0}, 1) },
			`tensor "optimizer.lr" is 0, the run's learning rate is 0.01`},
		{"base lr", func(ck *Checkpoint, _ *Trainer) { ck.State.BaseLR = 0.5 }, `base_lr is 0.5, the run's learning rate is 0.01`},
		{"epoch past epochs", func(ck *Checkpoint, tr *Trainer) { tr.Epochs = 1 }, `epoch 2, step 5 is past the run's 1 epochs`},
		{"step count", func(ck *Checkpoint, _ *Trainer) { ck.Optimizer["3.step"] = tensor.New([]float64{7}, 1) },
			`tensor "optimizer.3.step" is 7, but metadata "train_state" counts 30 steps`},
		{"history", func(ck *Checkpoint, _ *Trainer) { ck.State.History.Rows = nil }, `epoch 1, but the history records 0 epochs`},
		{"rng", func(ck *Checkpoint, _ *Trainer) { ck.State.RNG = []byte("x") }, `corrupt shuffle generator state`},
		{"no state", func(ck *Checkpoint, _ *Trainer) { ck.State = nil }, `not a training checkpoint`},
	}
	for _, c := range cases {
		ck := pausedCheckpoint(t, cfg, data, 30)
		tr := cfg.build(t, nil)
		c.spoil(ck, tr)
		if err := ck.CheckResume(tr); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: CheckResume gave %v, want an error containing %q", c.name, err, c.want)
		}
	}
}

// TestLoadCheckpointRejectsImpossibleState: a trainer state no run can
// produce is refused on load, naming the metadata key, and Save refuses to
// write one.
func TestLoadCheckpointRejectsImpossibleState(t *testing.T) {
	data := newCircleSplit(t, 5)
	for _, spoil := range []struct {
		f    func(s *State)
		want string
	}{
		{func(s *State) { s.GlobalStep = 2 }, "global_step 2 is less than epoch 1 or step 5"},
		{func(s *State) { s.BadEpochs = 5 }, "bad_epochs 5 is more than the 1 epochs completed"},
		{func(s *State) { s.BestEpoch = 2 }, "best_epoch 2 is not between 0 and the 1 epochs completed"},
		{func(s *State) { s.BestEpoch = -1 }, "best_epoch -1 is not between 0 and the 1 epochs completed"},
		{func(s *State) { s.Epoch = 3 }, "epoch 3, but the history records 1 epochs"},
		{func(s *State) { s.BaseLR = -1 }, "base_lr is -1"},
		{func(s *State) { s.GradNormSum = []float64{-1} }, "grad_norm_sum[0] is -1, want >= 0"},
	} {
		ck := pausedCheckpoint(t, runConfig{seed: 44}, data, 30)
		path := filepath.Join(t.TempDir(), "ck.safetensors")
		good := *ck.State
		spoil.f(ck.State)
		if err := SaveCheckpoint(path, ck); err == nil || !strings.Contains(err.Error(), spoil.want) {
			t.Errorf("Save gave %v, want an error containing %q", err, spoil.want)
		}
		bad := *ck.State
		ck.State = &good
		if err := SaveCheckpoint(path, ck); err != nil {
			t.Fatal(err)
		}
		// Edit the file as a hostile writer would.
		raw, _ := bad.MarshalJSON()
		edited := rewrite(t, readFile(t, path), func(_ map[string]*tensor.Tensor, meta map[string]string) {
			meta[MetaState] = string(raw)
		})
		writeFile(t, path, edited)
		_, err := LoadCheckpoint(path)
		if err == nil || !strings.Contains(err.Error(), `metadata "train_state": `+spoil.want) {
			t.Errorf("LoadCheckpoint gave %v, want an error containing %q", err, spoil.want)
		}
	}
}

// TestFitRefusesEpochPastEnd: a restored state beyond the trainer's epochs
// is an error, not a run that silently does nothing.
func TestFitRefusesEpochPastEnd(t *testing.T) {
	data := newCircleSplit(t, 5)
	ck := pausedCheckpoint(t, runConfig{seed: 45}, data, 80) // epoch 4 of 4, step 5
	tr := runConfig{seed: 45, epochs: 3}.build(t, nil)
	if err := tr.Restore(*ck.State); err != nil {
		t.Fatal(err)
	}
	_, err := tr.Fit(context.Background(), data.train, data.test)
	if err == nil || !strings.Contains(err.Error(), "past the run's 3 epochs") {
		t.Errorf("Fit gave %v, want an error about the epochs", err)
	}
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFitRefusesOptimizerOfAnotherNet: an optimizer over another network's
// parameters (or over part of this one's) would train nothing of Net.
func TestFitRefusesOptimizerOfAnotherNet(t *testing.T) {
	data := newCircleSplit(t, 5)
	cfg := runConfig{seed: 46}
	tr := cfg.build(t, nil)
	other := cfg.build(t, nil)
	tr.Optimizer = other.Optimizer
	if _, err := tr.Fit(context.Background(), data.train, data.test); err == nil || !strings.Contains(err.Error(), "another network") {
		t.Errorf("Fit gave %v, want an error about the optimizer's parameters", err)
	}
	part, err := optim.NewSGD(tr.Net.Parameters()[:2], optim.DefaultSGDConfig(0.1))
	if err != nil {
		t.Fatal(err)
	}
	mixed, err := optim.NewSGD(append(tr.Net.Parameters()[:2:2], other.Net.Parameters()[2]), optim.DefaultSGDConfig(0.1))
	if err != nil {
		t.Fatal(err)
	}
	tr.Optimizer = mixed
	if _, err := tr.Fit(context.Background(), data.train, data.test); err == nil || !strings.Contains(err.Error(), "parameter 2 is none of Net's") {
		t.Errorf("Fit gave %v, want an error naming the optimizer's foreign parameter", err)
	}
	// Part of Net, as with frozen layers in PyTorch, trains.
	tr.Optimizer = part
	if _, err := tr.Fit(context.Background(), data.train, data.test); err != nil {
		t.Errorf("Fit over part of Net gave %v, want it to train", err)
	}
}
