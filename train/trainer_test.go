package train

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/optim"
	"github.com/nnlab/nnlab/tensor"
)

// circleSplit is datasets.Circle (1000 points, noise 0.1) split 80/20 by
// class and standardised on the training part, as a model would see it.
type circleSplit struct {
	train, test *Data
	std         datasets.Standardizer
	features    []string
	classes     []string
}

func newCircleSplit(t testing.TB, seed uint64) circleSplit {
	t.Helper()
	return newNoisyCircleSplit(t, seed, 0.1)
}

func newNoisyCircleSplit(t testing.TB, seed uint64, noise float64) circleSplit {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 1))
	d := datasets.Circle(1000, noise, rng)
	tr, te, err := datasets.StratifiedSplit(d, 0.2, rng)
	if err != nil {
		t.Fatal(err)
	}
	std := datasets.FitStandardizer(tr.X)
	std.TransformInPlace(tr.X)
	std.TransformInPlace(te.X)
	loss := layer.BCEWithLogitsLoss{}
	return circleSplit{
		train: ClassificationData(tr, loss, 1), test: ClassificationData(te, loss, 1),
		std: std, features: d.Features, classes: d.Classes,
	}
}

// runConfig describes one training run of a 2-16-16-1 ReLU network; build
// turns it into a ready Trainer, so that an interrupted run and its resumed
// continuation are configured identically.
type runConfig struct {
	seed        uint64
	sgd         bool // SGD with momentum instead of Adam
	schedule    optim.Schedule
	diagnostics bool
	noShuffle   bool
	epochs      int
	batch       int
	clip        *GradClip
	early       *EarlyStopping
	l1, l2      float64 // penalties, none if 0
	dropout     float64 // if > 0, a Dropout after every hidden activation
}

var circleSizes = []int{2, 16, 16, 1}

func newOptimizer(t testing.TB, cfg runConfig, params []*autograd.Var) optim.Optimizer {
	t.Helper()
	var opt optim.Optimizer
	var err error
	if cfg.sgd {
		opt, err = optim.NewSGD(params, optim.SGDConfig{LR: 0.05, Momentum: 0.9})
	} else {
		opt, err = optim.NewAdam(params, optim.AdamConfig{LR: 0.01, Betas: [2]float64{0.9, 0.999}, Eps: 1e-8})
	}
	if err != nil {
		t.Fatal(err)
	}
	return opt
}

// build returns a trainer over a freshly initialised model. With net set it
// trains that network instead (a model loaded from a checkpoint).
func (cfg runConfig) build(t testing.TB, net *layer.Sequential) *Trainer {
	t.Helper()
	if net == nil && cfg.dropout > 0 {
		net = layer.MLPWithDropout(circleSizes, layer.ReLU{}, cfg.dropout, layer.HeNormal{}, rand.New(rand.NewPCG(cfg.seed, 2)))
	}
	if net == nil {
		net = layer.MLP(circleSizes, layer.ReLU{}, layer.HeNormal{}, rand.New(rand.NewPCG(cfg.seed, 2)))
	}
	epochs, batch := cfg.epochs, cfg.batch
	if epochs == 0 {
		epochs = 4
	}
	if batch == 0 {
		batch = 32
	}
	var penalties []layer.Penalty
	if cfg.l1 > 0 {
		penalties = append(penalties, layer.NewL1(net, cfg.l1))
	}
	if cfg.l2 > 0 {
		penalties = append(penalties, layer.NewL2(net, cfg.l2))
	}
	return &Trainer{
		Net: net, Loss: layer.BCEWithLogitsLoss{}, Optimizer: newOptimizer(t, cfg, net.Parameters()),
		Schedule: cfg.schedule, Epochs: epochs, BatchSize: batch, Shuffle: !cfg.noShuffle,
		Seed: cfg.seed, GradClip: cfg.clip, Diagnostics: cfg.diagnostics, EarlyStopping: cfg.early,
		Penalties: penalties,
	}
}

// snapshot returns a deep copy of a model's weights.
func snapshot(m *layer.Sequential) map[string]*tensor.Tensor {
	out := map[string]*tensor.Tensor{}
	for name, w := range m.StateDict() {
		out[name] = w.Clone()
	}
	return out
}

// weightsDiff describes the first difference in bits between two sets of
// weights, or returns "" if they are identical.
func weightsDiff(a, b map[string]*tensor.Tensor) string {
	if len(a) != len(b) {
		return fmt.Sprintf("%d tensors vs %d", len(a), len(b))
	}
	for name, x := range a {
		y, ok := b[name]
		if !ok {
			return fmt.Sprintf("%q missing", name)
		}
		if !tensor.SameShape(x, y) {
			return fmt.Sprintf("%q shapes %v vs %v", name, x.Shape(), y.Shape())
		}
		for i, v := range x.Data() {
			if math.Float64bits(v) != math.Float64bits(y.Data()[i]) {
				return fmt.Sprintf("%q[%d]: %v vs %v", name, i, v, y.Data()[i])
			}
		}
	}
	return ""
}

func assertSameWeights(t *testing.T, what string, got, want map[string]*tensor.Tensor) {
	t.Helper()
	if d := weightsDiff(got, want); d != "" {
		t.Errorf("%s: weights differ: %s", what, d)
	}
}

// historyDiff describes the first difference in bits between two
// histories, NaN equal to NaN, or returns "".
func historyDiff(a, b *History) string {
	if strings.Join(a.Columns, ",") != strings.Join(b.Columns, ",") {
		return fmt.Sprintf("columns %v vs %v", a.Columns, b.Columns)
	}
	if len(a.Rows) != len(b.Rows) {
		return fmt.Sprintf("%d rows vs %d", len(a.Rows), len(b.Rows))
	}
	for i, r := range a.Rows {
		for j, v := range r {
			if math.Float64bits(v) != math.Float64bits(b.Rows[i][j]) {
				return fmt.Sprintf("epoch %d %s: %v vs %v", i+1, a.Columns[j], v, b.Rows[i][j])
			}
		}
	}
	return ""
}

func assertSameHistory(t *testing.T, what string, got, want *History) {
	t.Helper()
	if d := historyDiff(got, want); d != "" {
		t.Errorf("%s: histories differ: %s", what, d)
	}
}

func TestTrainerLearnsCircle(t *testing.T) {
	// Hyperparameters chosen once. Circle labels a point by where its
	// jittered copy falls, so at noise 0.1 a few points near the disc's
	// edge carry the other label and even the generator's own boundary
	// (radius 0.5) misses 2-4% of a 200-row test split; at noise 0.05 the
	// task is learnable to 97% and more. One split can still be unlucky,
	// so the claim is made of the median over five data seeds, with a floor
	// for each.
	var accs []float64
	for seed := uint64(1); seed <= 5; seed++ {
		data := newNoisyCircleSplit(t, seed, 0.05)
		tr := runConfig{seed: 1, epochs: 40}.build(t, nil)
		h, err := tr.Fit(context.Background(), data.train, data.test)
		if err != nil {
			t.Fatal(err)
		}
		ev := Evaluate(tr.Net, tr.Loss, data.test)
		accs = append(accs, ev.Accuracy)
		if ev.Accuracy < 0.95 {
			t.Errorf("data seed %d: test accuracy %.4f, want >= 0.95", seed, ev.Accuracy)
		}
		if got := h.Last(ColValAccuracy); got != ev.Accuracy {
			t.Errorf("history's last val_accuracy %v, Evaluate says %v", got, ev.Accuracy)
		}
		if h.Len() != 40 {
			t.Errorf("history has %d epochs, want 40", h.Len())
		}
		loss := h.Series(ColTrainLoss)
		if !(loss[len(loss)-1] < loss[0]/3) {
			t.Errorf("train loss went from %v to %v, want a clear drop", loss[0], loss[len(loss)-1])
		}
		st := tr.State()
		if st.Epoch != 40 || st.Step != 0 || st.GlobalStep != 40*25 {
			t.Errorf("final state epoch %d step %d global %d, want 40, 0, %d", st.Epoch, st.Step, st.GlobalStep, 40*25)
		}
	}
	sort.Float64s(accs)
	if med := accs[len(accs)/2]; med < 0.97 {
		t.Errorf("median test accuracy %.4f over data seeds 1-5 %v, want >= 0.97", med, accs)
	}
}

func TestTrainerDeterministic(t *testing.T) {
	data := newCircleSplit(t, 7)
	run := func(seed uint64) (map[string]*tensor.Tensor, *History) {
		tr := runConfig{seed: seed, diagnostics: true, epochs: 3}.build(t, nil)
		h, err := tr.Fit(context.Background(), data.train, data.test)
		if err != nil {
			t.Fatal(err)
		}
		return snapshot(tr.Net), h
	}
	w0, h0 := run(3)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, 0} {
		if procs > 0 {
			runtime.GOMAXPROCS(procs)
		}
		w, h := run(3)
		what := fmt.Sprintf("GOMAXPROCS %d", runtime.GOMAXPROCS(0))
		assertSameWeights(t, what, w, w0)
		assertSameHistory(t, what, h, h0)
	}
	w, _ := run(4)
	if weightsDiff(w, w0) == "" {
		t.Error("seeds 3 and 4 gave identical weights")
	}
}

// TestTrainerShuffleSeed checks that the seed alone decides the order of
// the rows: without shuffling two model seeds see the same batches, with
// it the trainer seed changes the steps' losses.
func TestTrainerShuffleSeed(t *testing.T) {
	data := newCircleSplit(t, 7)
	losses := func(cfg runConfig, shuffleSeed uint64) []float64 {
		tr := cfg.build(t, nil)
		tr.Seed = shuffleSeed
		var out []float64
		tr.OnStep = func(s StepInfo) error { out = append(out, s.Loss); return nil }
		if _, err := tr.Fit(context.Background(), data.train, nil); err != nil {
			t.Fatal(err)
		}
		return out
	}
	same := func(a, b []float64) bool { return fmt.Sprint(a) == fmt.Sprint(b) }
	if !same(losses(runConfig{seed: 1, epochs: 1, noShuffle: true}, 1), losses(runConfig{seed: 1, epochs: 1, noShuffle: true}, 2)) {
		t.Error("without shuffling the trainer seed changed the step losses")
	}
	if same(losses(runConfig{seed: 1, epochs: 1}, 1), losses(runConfig{seed: 1, epochs: 1}, 2)) {
		t.Error("with shuffling two trainer seeds gave the same step losses")
	}
}

// TestTrainerShuffleEachEpoch freezes the model (learning rate 0) so that
// a step's loss depends only on which rows its batch holds: shuffled
// epochs must then differ from each other, in-order ones must not, and
// every epoch's mean loss is the same full pass over the data.
func TestTrainerShuffleEachEpoch(t *testing.T) {
	data := newCircleSplit(t, 9)
	for _, shuffle := range []bool{true, false} {
		tr := runConfig{seed: 9, epochs: 3, noShuffle: !shuffle, schedule: pauseAfter(0)}.build(t, nil)
		losses := make([][]float64, 3)
		tr.OnStep = func(s StepInfo) error { losses[s.Epoch] = append(losses[s.Epoch], s.Loss); return nil }
		h, err := tr.Fit(context.Background(), data.train, nil)
		if err != nil {
			t.Fatal(err)
		}
		for e := 1; e < 3; e++ {
			if same := sameBits(losses[e], losses[0]); same == shuffle {
				t.Errorf("shuffle %v: epoch %d's batches are the same as epoch 1's: %v", shuffle, e+1, same)
			}
		}
		tl := h.Series(ColTrainLoss)
		for e := 1; e < 3; e++ {
			if math.Abs(tl[e]-tl[0]) > 1e-12 {
				t.Errorf("shuffle %v: train_loss %v, want one value for a frozen model", shuffle, tl)
			}
		}
	}
}

func TestTrainerStepInfo(t *testing.T) {
	data := newCircleSplit(t, 2)
	tr := runConfig{seed: 2, epochs: 2, batch: 300}.build(t, nil) // 800 rows: 300, 300, 200
	var infos []StepInfo
	tr.OnStep = func(s StepInfo) error { infos = append(infos, s); return nil }
	var epochs []int
	tr.OnEpoch = func(e int, h *History) error {
		if h.Len() != e+1 {
			t.Errorf("OnEpoch(%d) sees %d epochs of history", e, h.Len())
		}
		epochs = append(epochs, e)
		return nil
	}
	h, err := tr.Fit(context.Background(), data.train, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(infos) != 6 {
		t.Fatalf("%d steps, want 6", len(infos))
	}
	sizes := []int{300, 300, 200}
	sum := 0.0
	for i, s := range infos {
		want := StepInfo{Epoch: i / 3, Step: i % 3, GlobalStep: i + 1, BatchSize: sizes[i%3], Loss: s.Loss}
		if s != want {
			t.Errorf("step %d: %+v, want %+v", i, s, want)
		}
		if i >= 3 {
			sum += s.Loss * float64(s.BatchSize)
		}
	}
	if fmt.Sprint(epochs) != "[0 1]" {
		t.Errorf("OnEpoch called for %v, want [0 1]", epochs)
	}
	// train_loss is the row-weighted mean of the epoch's step losses.
	if got, want := h.Last(ColTrainLoss), sum/800; math.Abs(got-want) > 1e-12*want {
		t.Errorf("train_loss %v, want %v", got, want)
	}
	wantCols := []string{ColEpoch, ColLR, ColTrainLoss, ColTrainAccuracy}
	if fmt.Sprint(h.Columns) != fmt.Sprint(wantCols) {
		t.Errorf("columns %v, want %v", h.Columns, wantCols)
	}
	if fmt.Sprint(h.Series(ColEpoch)) != "[1 2]" {
		t.Errorf("epoch column %v", h.Series(ColEpoch))
	}
}

func TestTrainerCallbackErrorStops(t *testing.T) {
	data := newCircleSplit(t, 2)
	boom := errors.New("boom")
	tr := runConfig{seed: 2, epochs: 3}.build(t, nil)
	tr.OnStep = func(s StepInfo) error {
		if s.GlobalStep == 30 {
			return boom
		}
		return nil
	}
	if _, err := tr.Fit(context.Background(), data.train, nil); !errors.Is(err, boom) {
		t.Errorf("Fit returned %v, want the OnStep error", err)
	}
	if st := tr.State(); st.GlobalStep != 30 {
		t.Errorf("stopped at global step %d, want 30", st.GlobalStep)
	}
	tr = runConfig{seed: 2, epochs: 3}.build(t, nil)
	tr.OnEpoch = func(e int, _ *History) error {
		if e == 1 {
			return boom
		}
		return nil
	}
	h, err := tr.Fit(context.Background(), data.train, nil)
	if !errors.Is(err, boom) || h.Len() != 2 {
		t.Errorf("Fit returned %v with %d epochs, want the OnEpoch error after 2", err, h.Len())
	}
}

func TestTrainerNonFiniteLoss(t *testing.T) {
	data := newCircleSplit(t, 3)
	const steps = 25
	cases := []struct {
		name      string
		opt       func(params []*autograd.Var) (optim.Optimizer, error)
		poison    int // row of X set to NaN, or -1
		wantEpoch int // 0: whatever step comes after the last good one
		wantStep  int
	}{
		{"absurd learning rate", func(p []*autograd.Var) (optim.Optimizer, error) {
			return optim.NewSGD(p, optim.SGDConfig{LR: 1e200})
		}, -1, 0, 0},
		{"NaN input", func(p []*autograd.Var) (optim.Optimizer, error) {
			return optim.NewAdam(p, optim.AdamConfig{LR: 0.01, Betas: [2]float64{0.9, 0.999}, Eps: 1e-8})
		}, 70, 1, 3}, // row 70 is in the third batch of 32
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			train := data.train
			if c.poison >= 0 {
				x := train.X.Clone()
				x.Data()[2*c.poison] = math.NaN()
				train = &Data{X: x, Target: train.Target, Labels: train.Labels}
			}
			tr := runConfig{seed: 3, noShuffle: true}.build(t, nil)
			var err error
			if tr.Optimizer, err = c.opt(tr.Net.Parameters()); err != nil {
				t.Fatal(err)
			}
			last := snapshot(tr.Net)
			lastGlobal := 0
			tr.OnStep = func(s StepInfo) error {
				last, lastGlobal = snapshot(tr.Net), s.GlobalStep
				return nil
			}
			_, err = tr.Fit(context.Background(), train, nil)
			var nf *NonFiniteError
			if !errors.As(err, &nf) {
				t.Fatalf("Fit returned %v, want a *NonFiniteError", err)
			}
			wantEpoch, wantStep := lastGlobal/steps+1, lastGlobal%steps+1
			if c.wantEpoch != 0 && (c.wantEpoch != wantEpoch || c.wantStep != wantStep) {
				t.Errorf("last good step was global step %d, want the failure at epoch %d step %d", lastGlobal, c.wantEpoch, c.wantStep)
			}
			if nf.Epoch != wantEpoch || nf.Step != wantStep {
				t.Errorf("error at epoch %d step %d, want epoch %d step %d (after global step %d)", nf.Epoch, nf.Step, wantEpoch, wantStep, lastGlobal)
			}
			if nf.Where != "loss" || !(math.IsNaN(nf.Value) || math.IsInf(nf.Value, 0)) {
				t.Errorf("Where %q Value %v, want a non-finite loss", nf.Where, nf.Value)
			}
			msg := err.Error()
			if !strings.Contains(msg, fmt.Sprintf("epoch %d, step %d", wantEpoch, wantStep)) || !strings.Contains(msg, "loss") {
				t.Errorf("message %q does not say where", msg)
			}
			assertSameWeights(t, "after the failure", snapshot(tr.Net), last)
			t.Logf("%v", err)
			if st := tr.State(); st.GlobalStep != lastGlobal {
				t.Errorf("state at global step %d, want %d", st.GlobalStep, lastGlobal)
			}
		})
	}
}

// TestTrainerNonFiniteGradient hand-sets a 1-1-1 network whose loss is
// finite (about 1e300) but whose first layer's gradient overflows.
func TestTrainerNonFiniteGradient(t *testing.T) {
	net := layer.MLP([]int{1, 1, 1}, layer.ReLU{}, layer.Constant{}, nil)
	if err := net.LoadStateDict(map[string]*tensor.Tensor{
		"0.weight": tensor.New([]float64{1e-50}, 1, 1), "0.bias": tensor.New([]float64{0}, 1),
		"2.weight": tensor.New([]float64{1e200}, 1, 1), "2.bias": tensor.New([]float64{0}, 1),
	}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(net)
	opt, err := optim.NewSGD(net.Parameters(), optim.SGDConfig{LR: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	tr := &Trainer{Net: net, Loss: layer.MSELoss{}, Optimizer: opt, Epochs: 1, BatchSize: FullBatch}
	data := &Data{X: tensor.New([]float64{1}, 1, 1), Target: tensor.New([]float64{0}, 1, 1)}
	_, err = tr.Fit(context.Background(), data, nil)
	var nf *NonFiniteError
	if !errors.As(err, &nf) {
		t.Fatalf("Fit returned %v, want a *NonFiniteError", err)
	}
	if nf.Epoch != 1 || nf.Step != 1 || nf.Where != "gradient of 0.weight" || !math.IsInf(nf.Value, 0) {
		t.Errorf("got %+v, want epoch 1 step 1 at the gradient of 0.weight, infinite", *nf)
	}
	assertSameWeights(t, "after the failure", snapshot(net), before)
}

// expectedStop replays the early-stopping rule on a metric's history: the
// number of epochs after which training should stop, or len(series).
func expectedStop(series []float64, higher bool, patience int, minDelta float64) int {
	best, bad := series[0], 0
	for i, v := range series[1:] {
		better := v < best-minDelta
		if higher {
			better = v > best+minDelta
		}
		if better {
			best, bad = v, 0
			continue
		}
		if bad++; bad >= patience {
			return i + 2
		}
	}
	return len(series)
}

// pauseAfter is a schedule that keeps the base rate for some epochs and
// then stops learning, so that every validation metric freezes.
type pauseAfter int

func (p pauseAfter) Validate() error { return nil }

func (p pauseAfter) LR(base float64, epoch int) float64 {
	if epoch >= int(p) {
		return 0
	}
	return base
}

func TestTrainerEarlyStopping(t *testing.T) {
	data := newCircleSplit(t, 8)
	cases := []struct {
		metric   string
		higher   bool
		patience int
		minDelta float64
	}{
		{ColValLoss, false, 2, 0},
		{ColValLoss, false, 1, 1e-3},
		{ColValAccuracy, true, 3, 0},
		{ColValAUC, true, 2, 0},
	}
	// Learning stops after epoch 6, so every metric is frozen from then
	// on and patience must run out by epoch 6+patience.
	cfg := runConfig{seed: 8, epochs: 30, schedule: pauseAfter(6), sgd: true}
	full, err := cfg.build(t, nil).Fit(context.Background(), data.train, data.test)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s patience %d", c.metric, c.patience), func(t *testing.T) {
			tr := cfg.build(t, nil)
			tr.EarlyStopping = &EarlyStopping{Metric: c.metric, Patience: c.patience, MinDelta: c.minDelta}
			h, err := tr.Fit(context.Background(), data.train, data.test)
			if err != nil {
				t.Fatal(err)
			}
			if h.Len() > 6+c.patience {
				t.Errorf("ran %d epochs, want at most %d", h.Len(), 6+c.patience)
			}
			// Replay the rule on the full run's history, which the stopped
			// run must share up to where it stopped.
			series := full.Series(c.metric)
			want := expectedStop(series, c.higher, c.patience, c.minDelta)
			if h.Len() != want {
				t.Errorf("stopped after %d epochs, the rule says %d (series %v)", h.Len(), want, series)
			}
			t.Logf("stopped after %d epochs: %v", h.Len(), series[:h.Len()])
			st := tr.State()
			if !st.Stopped || st.Best == nil {
				t.Errorf("state Stopped %v Best %v, want stopped with a best value", st.Stopped, st.Best)
			}
			// A stopped run stays stopped, and says so.
			if _, err := tr.Fit(context.Background(), data.train, data.test); !errors.Is(err, ErrFinished) || tr.State().History.Len() != h.Len() {
				t.Errorf("Fit after stopping: %v, %d epochs; want ErrFinished and nothing more", err, tr.State().History.Len())
			}
		})
	}
}

func TestExpectedStopRule(t *testing.T) {
	// The replay used above, on series whose answer is known by eye.
	cases := []struct {
		series   []float64
		higher   bool
		patience int
		want     int
	}{
		{[]float64{5, 4, 3, 3, 3, 3}, false, 2, 5},
		{[]float64{5, 4, 3, 3.5, 2, 2, 2}, false, 2, 7},
		{[]float64{0.5, 0.6, 0.6, 0.7}, true, 1, 3},
		{[]float64{0.5, 0.6, 0.7}, true, 1, 3},
	}
	for _, c := range cases {
		if got := expectedStop(c.series, c.higher, c.patience, 0); got != c.want {
			t.Errorf("expectedStop(%v) = %d, want %d", c.series, got, c.want)
		}
	}
}

func TestTrainerValidation(t *testing.T) {
	data := newCircleSplit(t, 1)
	ok := func() *Trainer { return runConfig{seed: 1, epochs: 1}.build(t, nil) }
	short := &Data{X: data.train.X, Target: tensor.Zeros(3, 1)}
	cases := []struct {
		name   string
		edit   func(*Trainer)
		train  *Data
		val    *Data
		substr string
	}{
		{"nil net", func(tr *Trainer) { tr.Net = nil }, data.train, nil, "Net"},
		{"nil loss", func(tr *Trainer) { tr.Loss = nil }, data.train, nil, "Loss"},
		{"nil optimizer", func(tr *Trainer) { tr.Optimizer = nil }, data.train, nil, "Optimizer"},
		{"negative epochs", func(tr *Trainer) { tr.Epochs = -1 }, data.train, nil, "Epochs"},
		{"negative batch", func(tr *Trainer) { tr.BatchSize = -2 }, data.train, nil, "BatchSize"},
		{"zero batch", func(tr *Trainer) { tr.BatchSize = 0 }, data.train, nil, "BatchSize is 0, must be >= 1 (train.FullBatch takes the whole data set)"},
		{"negative clip", func(tr *Trainer) { tr.GradClip = &GradClip{MaxNorm: -1} }, data.train, nil, "GradClip.MaxNorm"},
		{"NaN clip", func(tr *Trainer) { tr.GradClip = &GradClip{MaxNorm: math.NaN()} }, data.train, nil, "GradClip.MaxNorm"},
		{"invalid schedule", func(tr *Trainer) { tr.Schedule = optim.StepLR{} }, data.train, nil, "train: Schedule: optim: StepLR.StepSize = 0: must be > 0"},
		{"invalid nested schedule", func(tr *Trainer) {
			tr.Schedule = optim.LinearWarmup{Epochs: 1, StartFactor: 0.5, Then: optim.ExponentialLR{Gamma: -1}}
		}, data.train, nil, "ExponentialLR.Gamma = -1"},
		{"nil data", func(*Trainer) {}, nil, nil, "training data"},
		{"no target", func(*Trainer) {}, &Data{X: data.train.X}, nil, "training data"},
		{"misaligned target", func(*Trainer) {}, short, nil, "training data"},
		{"misaligned labels", func(*Trainer) {}, &Data{X: data.train.X, Target: data.train.Target, Labels: []int{1}}, nil, "training data"},
		{"vector X", func(*Trainer) {}, &Data{X: tensor.Zeros(4), Target: tensor.Zeros(4)}, nil, "training data"},
		{"misaligned validation", func(*Trainer) {}, data.train, short, "validation data"},
		{"early stopping without val", func(tr *Trainer) { tr.EarlyStopping = &EarlyStopping{Metric: ColValLoss} }, data.train, nil, "EarlyStopping"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tr := ok()
			c.edit(tr)
			var before map[string]*tensor.Tensor
			if tr.Net != nil {
				before = snapshot(tr.Net)
			}
			h, err := tr.Fit(context.Background(), c.train, c.val)
			if err == nil || !strings.Contains(err.Error(), c.substr) {
				t.Fatalf("Fit returned %v, want an error mentioning %q", err, c.substr)
			}
			if h != nil {
				t.Errorf("Fit returned a history with the error")
			}
			if tr.Net != nil {
				assertSameWeights(t, "after a refused Fit", snapshot(tr.Net), before)
			}
		})
	}
}

func TestTrainerZeroEpochs(t *testing.T) {
	data := newCircleSplit(t, 1)
	tr := runConfig{seed: 1, epochs: 1}.build(t, nil)
	tr.Epochs = 0
	before := snapshot(tr.Net)
	_, err := tr.Fit(context.Background(), data.train, data.test)
	if err == nil || !strings.Contains(err.Error(), "Epochs is 0") {
		t.Fatalf("Fit with 0 epochs: %v, want an error naming Epochs", err)
	}
	assertSameWeights(t, "0 epochs", snapshot(tr.Net), before)
}

// TestTrainerWholeBatch checks FullBatch (and any batch size larger than
// the data) as one step per epoch over every row.
func TestTrainerWholeBatch(t *testing.T) {
	data := newCircleSplit(t, 1)
	for _, bs := range []int{FullBatch, 5000} {
		tr := runConfig{seed: 1, epochs: 2}.build(t, nil)
		tr.BatchSize = bs
		n := 0
		tr.OnStep = func(s StepInfo) error {
			n++
			if s.BatchSize != data.train.Len() {
				t.Errorf("batch size %d: step of %d rows, want %d", bs, s.BatchSize, data.train.Len())
			}
			return nil
		}
		if _, err := tr.Fit(context.Background(), data.train, nil); err != nil {
			t.Fatal(err)
		}
		if n != 2 {
			t.Errorf("batch size %d: %d steps, want 2", bs, n)
		}
	}
}
