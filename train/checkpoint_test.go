package train

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/optim"
	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train/safetensors"
)

// testModel returns a model with random weights of the given architecture,
// named classes and features and, if std, a standardizer.
func testModel(t testing.TB, sizes []int, act string, loss layer.Loss, std bool, seed uint64) *Model {
	t.Helper()
	a, err := layer.ParseActivation(act)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(seed, 3))
	m := &Model{
		Net:   layer.MLP(sizes, a, layer.HeNormal{}, rng),
		Sizes: slices.Clone(sizes), Activation: a, Loss: loss,
	}
	// Non-zero biases, so that a loader that drops them is caught.
	for _, p := range m.Net.NamedParameters() {
		if strings.HasSuffix(p.Name, "bias") {
			p.Var.Value().FillNormal(rng, 0, 0.1)
		}
	}
	for i := range max(sizes[len(sizes)-1], 2) {
		m.Classes = append(m.Classes, fmt.Sprintf("class %d", i))
	}
	for i := range sizes[0] {
		m.Features = append(m.Features, fmt.Sprintf("x%d", i+1))
	}
	if std {
		m.Standardizer = &datasets.Standardizer{}
		for i := range sizes[0] {
			m.Standardizer.Mean = append(m.Standardizer.Mean, 0.1*float64(i)-0.3)
			m.Standardizer.Std = append(m.Standardizer.Std, 1/3.0+float64(i))
		}
	}
	return m
}

func TestModelSaveLoad(t *testing.T) {
	cases := []struct {
		sizes []int
		act   string
		loss  layer.Loss
		std   bool
	}{
		{[]int{2, 16, 16, 1}, "relu", layer.BCEWithLogitsLoss{}, true},
		{[]int{3, 5, 4, 3}, "leaky_relu:0.1", layer.CrossEntropyLoss{}, true},
		{[]int{4, 6, 3}, "elu:0.5", layer.NLLLoss{}, false},
		{[]int{2, 3, 1}, "softplus:2,10", layer.BCELoss{}, true},
		{[]int{5, 2}, "tanh", layer.MSELoss{}, false},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%v %s %v", c.sizes, c.act, c.loss), func(t *testing.T) {
			m := testModel(t, c.sizes, c.act, c.loss, c.std, 1)
			path := filepath.Join(t.TempDir(), "model.safetensors")
			if err := m.Save(path); err != nil {
				t.Fatal(err)
			}
			got, err := LoadModel(path)
			if err != nil {
				t.Fatal(err)
			}
			assertSameWeights(t, "loaded", snapshot(got.Net), snapshot(m.Net))
			if fmt.Sprint(got.Sizes) != fmt.Sprint(m.Sizes) {
				t.Errorf("sizes %v, want %v", got.Sizes, m.Sizes)
			}
			if got.Activation.String() != c.act {
				t.Errorf("activation %q, want %q", got.Activation, c.act)
			}
			if fmt.Sprint(got.Loss) != fmt.Sprint(c.loss) {
				t.Errorf("loss %v, want %v", got.Loss, c.loss)
			}
			if !slices.Equal(got.Classes, m.Classes) || !slices.Equal(got.Features, m.Features) {
				t.Errorf("classes %q features %q, want %q %q", got.Classes, got.Features, m.Classes, m.Features)
			}
			if (got.Standardizer == nil) != (m.Standardizer == nil) ||
				m.Standardizer != nil && (!slices.Equal(got.Standardizer.Mean, m.Standardizer.Mean) || !slices.Equal(got.Standardizer.Std, m.Standardizer.Std)) {
				t.Errorf("standardizer %+v, want %+v", got.Standardizer, m.Standardizer)
			}
			x := tensor.Zeros(7, c.sizes[0])
			x.FillNormal(rand.New(rand.NewPCG(5, 5)), 0, 2)
			want, have := m.PredictProba(x), got.PredictProba(x)
			if d := weightsDiff(map[string]*tensor.Tensor{"p": have}, map[string]*tensor.Tensor{"p": want}); d != "" {
				t.Errorf("PredictProba differs after loading: %s", d)
			}
			if have.Cols() != len(m.Classes) {
				t.Errorf("PredictProba has %d columns for %d classes", have.Cols(), len(m.Classes))
			}
		})
	}
}

// TestModelPredictProbaStandardizes checks that PredictProba applies the
// standardizer to raw inputs: the same as the network on standardised ones.
func TestModelPredictProbaStandardizes(t *testing.T) {
	m := testModel(t, []int{3, 4, 2}, "relu", layer.CrossEntropyLoss{}, true, 2)
	x := tensor.Zeros(5, 3)
	x.FillNormal(rand.New(rand.NewPCG(1, 1)), 1, 3)
	xs := x.Clone()
	for i := range 5 {
		for j := range 3 {
			xs.Data()[3*i+j] = (x.At(i, j) - m.Standardizer.Mean[j]) / m.Standardizer.Std[j]
		}
	}
	got, want := m.PredictProba(x), Probabilities(m.Net.Predict(xs), m.Loss)
	assertClose(t, "PredictProba", got, want, 1e-12)
}

func TestCheckpointDeterministicBytes(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	st := State{Epoch: 2, Step: 3, GlobalStep: 53, BaseLR: 0.01, RNG: []byte{1, 2, 3}, History: &History{}}
	st.History.Add([]NamedValue{{ColEpoch, 1}, {ColTrainLoss, 0.5}})
	st.History.Add([]NamedValue{{ColEpoch, 2}, {ColTrainLoss, 0.4}}) // a row per epoch, as a real state has
	ck := func(seed uint64) *Checkpoint {
		m := testModel(t, []int{3, 5, 4, 3}, "leaky_relu:0.1", layer.CrossEntropyLoss{}, true, seed)
		return &Checkpoint{Model: m, State: &st, Extra: map[string]string{"flag.epochs": "10", "flag.lr": "0.01"},
			Optimizer: map[string]*tensor.Tensor{"lr": tensor.New([]float64{0.01}, 1)}}
	}
	// Two models built separately with the same content: the bytes must
	// not depend on map order or pointers.
	if err := SaveCheckpoint(a, ck(1)); err != nil {
		t.Fatal(err)
	}
	if err := SaveCheckpoint(b, ck(1)); err != nil {
		t.Fatal(err)
	}
	ba, bb := readFile(t, a), readFile(t, b)
	if !bytes.Equal(ba, bb) {
		t.Error("saving the same content twice gave different bytes")
	}
	if err := SaveCheckpoint(b, ck(2)); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(ba, readFile(t, b)) {
		t.Error("different weights gave the same bytes")
	}
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCheckpointRoundTrip(t *testing.T) {
	m := testModel(t, []int{2, 4, 1}, "relu", layer.BCEWithLogitsLoss{}, false, 1)
	best := 0.25
	h := &History{}
	h.Add([]NamedValue{{ColEpoch, 1}, {ColTrainLoss, 0.7}, {ColValAUC, math.NaN()}})
	st := State{Epoch: 1, Step: 2, GlobalStep: 12, BaseLR: 0.003, RNG: []byte{9, 8, 7, 6},
		LossSum: 1.0 / 3, LossCount: 64, GradNormSum: []float64{0.1, 0.2}, Best: &best, BadEpochs: 1, History: h}
	opt := map[string]*tensor.Tensor{"lr": tensor.New([]float64{0.003}, 1), "0.exp_avg": tensor.New([]float64{1, 2, 3, 4, 5, 6, 7, 8}, 4, 2)}
	path := filepath.Join(t.TempDir(), "ck.safetensors")
	if err := SaveCheckpoint(path, &Checkpoint{Model: m, Optimizer: opt, State: &st, Extra: map[string]string{"note": "hello"}}); err != nil {
		t.Fatal(err)
	}
	ck, err := LoadCheckpoint(path)
	if err != nil {
		t.Fatal(err)
	}
	assertSameWeights(t, "optimizer", ck.Optimizer, opt)
	assertSameWeights(t, "model", snapshot(ck.Model.Net), snapshot(m.Net))
	if ck.Extra["note"] != "hello" {
		t.Errorf("extra metadata %v lost the caller's key", ck.Extra)
	}
	got := *ck.State
	assertSameHistory(t, "state history", got.History, st.History)
	got.History, st.History = nil, nil
	gj, _ := json.Marshal(got)
	wj, _ := json.Marshal(st)
	if !bytes.Equal(gj, wj) {
		t.Errorf("state %s, want %s", gj, wj)
	}
	// A plain model file has neither part, and LoadModel reads a checkpoint.
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	if ck, err = LoadCheckpoint(path); err != nil || ck.State != nil || ck.Optimizer != nil {
		t.Errorf("model file read as checkpoint: err %v, state %v, optimizer %v", err, ck.State, ck.Optimizer)
	}
}

// rewrite decodes a good file, lets edit change its tensors and metadata,
// and encodes the result to a new file.
func rewrite(t *testing.T, good []byte, edit func(tensors map[string]*tensor.Tensor, meta map[string]string)) []byte {
	t.Helper()
	f, err := safetensors.Decode(bytes.NewReader(good), int64(len(good)))
	if err != nil {
		t.Fatal(err)
	}
	edit(f.Tensors, f.Metadata)
	var b bytes.Buffer
	if err := safetensors.Encode(&b, f.Tensors, f.Metadata); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestLoadModelRejectsBadFiles(t *testing.T) {
	m := testModel(t, []int{2, 16, 16, 1}, "leaky_relu:0.1", layer.BCEWithLogitsLoss{}, true, 1)
	dir := t.TempDir()
	goodPath := filepath.Join(dir, "good.safetensors")
	if err := SaveCheckpoint(goodPath, &Checkpoint{Model: m, State: &State{RNG: []byte{1}, History: &History{}}}); err != nil {
		t.Fatal(err)
	}
	good := readFile(t, goodPath)
	meta := func(key, value string) func([]byte) []byte {
		return func(b []byte) []byte {
			return rewrite(t, b, func(_ map[string]*tensor.Tensor, md map[string]string) { md[key] = value })
		}
	}
	dropMeta := func(key string) func([]byte) []byte {
		return func(b []byte) []byte {
			return rewrite(t, b, func(_ map[string]*tensor.Tensor, md map[string]string) { delete(md, key) })
		}
	}
	tensors := func(edit func(map[string]*tensor.Tensor)) func([]byte) []byte {
		return func(b []byte) []byte {
			return rewrite(t, b, func(ts map[string]*tensor.Tensor, _ map[string]string) { edit(ts) })
		}
	}
	cases := []struct {
		name   string
		mangle func([]byte) []byte
		substr string // in the error besides the path
		bad    bool   // wraps ErrBadModel (else safetensors' errors)
	}{
		{"empty", func([]byte) []byte { return nil }, "", false},
		{"truncated length", func(b []byte) []byte { return b[:5] }, "", false},
		{"truncated data", func(b []byte) []byte { return b[:len(b)-7] }, "", false},
		{"truncated header", func(b []byte) []byte { return b[:100] }, "", false},
		{"flipped header byte", func(b []byte) []byte { b[8] ^= 0x20; return b }, "", false},
		{"flipped length byte", func(b []byte) []byte { b[1] ^= 0x01; return b }, "", false},
		{"wrong format", meta(MetaFormat, "nnlab.mlp.v0"), "format", true},
		{"no format", dropMeta(MetaFormat), "format", true},
		{"no metadata", func(b []byte) []byte {
			return rewrite(t, b, func(_ map[string]*tensor.Tensor, md map[string]string) { clear(md) })
		}, "format", true},
		{"bad sizes JSON", meta(MetaSizes, "[2,16,"), "sizes", true},
		{"sizes not a list", meta(MetaSizes, `{"a":1}`), "sizes", true},
		{"one size", meta(MetaSizes, "[2]"), "sizes", true},
		{"zero size", meta(MetaSizes, "[2,0,16,1]"), "sizes", true},
		{"negative size", meta(MetaSizes, "[2,-16,16,1]"), "sizes", true},
		{"wrong architecture", meta(MetaSizes, "[2,8,16,1]"), "0.weight", true},
		{"one layer too many", meta(MetaSizes, "[2,16,16,16,1]"), "", true},
		{"huge architecture", meta(MetaSizes, "[2,1000000,1000000,1]"), "0.weight", true},
		{"many huge layers", meta(MetaSizes, "[1000000"+strings.Repeat(",1000000", 200)+"]"), "", true},
		{"missing tensor", tensors(func(ts map[string]*tensor.Tensor) { delete(ts, "2.bias") }), "2.bias", true},
		{"missing weight", tensors(func(ts map[string]*tensor.Tensor) { delete(ts, "4.weight") }), "4.weight", true},
		{"extra tensor", tensors(func(ts map[string]*tensor.Tensor) { ts["9.weight"] = tensor.Zeros(1, 1) }), "9.weight", true},
		{"transposed weight", tensors(func(ts map[string]*tensor.Tensor) { ts["0.weight"] = tensor.Zeros(2, 16) }), "0.weight", true},
		{"NaN weight", tensors(func(ts map[string]*tensor.Tensor) { ts["2.weight"].Data()[3] = math.NaN() }), "2.weight", true},
		{"infinite bias", tensors(func(ts map[string]*tensor.Tensor) { ts["4.bias"].Data()[0] = math.Inf(-1) }), "4.bias", true},
		{"NaN best weight", tensors(func(ts map[string]*tensor.Tensor) {
			for _, name := range []string{"0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"} {
				ts["best."+name] = ts[name].Clone()
			}
			ts["best.2.weight"].Data()[3] = math.NaN()
		}), "best.2.weight", true},
		{"misshapen best weights", tensors(func(ts map[string]*tensor.Tensor) { ts["best.0.weight"] = tensor.Zeros(2, 16) }), "best.", true},
		{"unknown activation", meta(MetaActivation, "wiggle"), "activation", true},
		{"bad activation parameter", meta(MetaActivation, "leaky_relu:x"), "activation", true},
		{"unknown loss", meta(MetaLoss, "hinge"), "loss", true},
		{"too few classes", meta(MetaClasses, `["one"]`), "class", true},
		{"classes not JSON", meta(MetaClasses, `one,two`), "classes", true},
		{"wrong feature count", meta(MetaFeatures, `["x"]`), "features", true},
		{"standardizer too short", meta(MetaMean, "[0]"), "standardisation", true},
		{"standardizer not JSON", meta(MetaStd, "[1,"), "standardisation", true},
		{"standardizer half", dropMeta(MetaStd), "standardisation", true},
		{"bad train state", meta(MetaState, `{"epoch":"two"}`), "train_state", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "_")+".safetensors")
			if err := os.WriteFile(path, c.mangle(bytes.Clone(good)), 0o644); err != nil {
				t.Fatal(err)
			}
			var err error
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("LoadModel panicked: %v", r)
					}
				}()
				var got *Model
				got, err = LoadModel(path)
				if err == nil {
					t.Fatalf("LoadModel accepted it: %v", got.Sizes)
				}
			}()
			msg := err.Error()
			if !strings.Contains(msg, path) || !strings.Contains(msg, c.substr) {
				t.Errorf("error %q should name the file and %q", msg, c.substr)
			}
			if c.bad != errors.Is(err, ErrBadModel) {
				t.Errorf("errors.Is(err, ErrBadModel) = %v, want %v", !c.bad, c.bad)
			}
			if !c.bad && !errors.Is(err, safetensors.ErrCorrupt) {
				t.Errorf("error %q does not wrap safetensors.ErrCorrupt", msg)
			}
			if _, err2 := LoadCheckpoint(path); err2 == nil || err2.Error() != msg {
				t.Errorf("LoadCheckpoint says %v, LoadModel %v", err2, err)
			}
		})
	}
	// The good file itself loads, so every failure above is the mangling's.
	if _, err := LoadModel(goodPath); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadModel(filepath.Join(dir, "absent.safetensors")); err == nil || !strings.Contains(err.Error(), "absent.safetensors") || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

// TestSaveFailureKeepsOldFile checks the atomic replacement: a save that
// fails leaves the previous file byte for byte, and no temporary behind.
func TestSaveFailureKeepsOldFile(t *testing.T) {
	m := testModel(t, []int{2, 4, 1}, "relu", layer.BCEWithLogitsLoss{}, true, 1)
	cases := []struct {
		name string
		save func(path string) error
		root bool // whether it fails for root too
	}{
		{"metadata that is not UTF-8", func(path string) error {
			// A flag holding a Latin-1 file name, say: safetensors
			// metadata is JSON, which cannot carry it.
			return SaveCheckpoint(path, &Checkpoint{Model: m, Extra: map[string]string{"flag.data": "caf\xe9.csv"}})
		}, true},
		{"standardizer overflowed", func(path string) error {
			// Features near 1e200 overflow the variance: the fitted
			// standard deviation is +Inf, which JSON cannot write.
			bad := *m
			s := datasets.FitStandardizer(tensor.New([]float64{1e200, -1e200, -1e200, 1e200}, 2, 2))
			bad.Standardizer = &s
			return bad.Save(path)
		}, true},
		{"state no run can have", func(path string) error {
			// (A state with an infinite sum, which a diverging run can
			// hold, is saved: TestCheckpointNonFiniteState.)
			st := State{RNG: []byte{1}, Epoch: 2, LossSum: math.Inf(1), LossCount: 64, History: &History{}}
			return SaveCheckpoint(path, &Checkpoint{Model: m, State: &st})
		}, true},
		{"directory not writable", func(path string) error {
			dir := filepath.Dir(path)
			if err := os.Chmod(dir, 0o500); err != nil {
				return err
			}
			defer os.Chmod(dir, 0o700)
			return m.Save(path)
		}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !c.root && os.Geteuid() == 0 {
				t.Skip("root writes to read-only directories")
			}
			dir := t.TempDir()
			path := filepath.Join(dir, "model.safetensors")
			old := testModel(t, []int{2, 4, 1}, "relu", layer.BCEWithLogitsLoss{}, false, 9)
			if err := old.Save(path); err != nil {
				t.Fatal(err)
			}
			before := readFile(t, path)
			var err error
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("save panicked: %v", r)
					}
				}()
				err = c.save(path)
			}()
			if err == nil {
				t.Fatal("save succeeded")
			}
			if !strings.Contains(err.Error(), "model.safetensors") {
				t.Errorf("error %q does not name the file", err)
			}
			if !bytes.Equal(readFile(t, path), before) {
				t.Error("the failed save changed the old file")
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("directory holds %v after the failed save, want only the old file", names)
			}
		})
	}
}

// interruptAt trains cfg until global step stop, cancelling from OnStep,
// saves a checkpoint, loads it into a new model, optimizer and trainer and
// finishes the run; it returns the final weights and history.
func interruptAt(t *testing.T, cfg runConfig, data circleSplit, stop int) (map[string]*tensor.Tensor, *History) {
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
	_, err := tr.Fit(ctx, data.train, data.test)
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("Fit returned %v, want ErrInterrupted", err)
	}
	st := tr.State()
	if st.GlobalStep != stop {
		t.Fatalf("interrupted at global step %d, want %d", st.GlobalStep, stop)
	}
	path := filepath.Join(t.TempDir(), "run.safetensors")
	ck := &Checkpoint{
		Model: &Model{
			Net: tr.Net, Sizes: circleSizes, Activation: layer.ReLU{}, Loss: tr.Loss,
			Classes: data.classes, Features: data.features, Standardizer: &data.std,
		},
		Optimizer: tr.Optimizer.StateDict(),
		State:     &st,
	}
	if err := SaveCheckpoint(path, ck); err != nil {
		t.Fatal(err)
	}
	// Scribble over the old run, so that nothing but the file carries over.
	for _, p := range tr.Net.Parameters() {
		p.Value().FillNormal(rand.New(rand.NewPCG(99, 99)), 0, 1)
	}

	loaded, err := LoadCheckpoint(path)
	if err != nil {
		t.Fatal(err)
	}
	if loaded.State == nil || loaded.Optimizer == nil {
		t.Fatal("checkpoint lost its state or optimizer state")
	}
	resumed := cfg.build(t, loaded.Model.Net)
	if err := resumed.Optimizer.LoadStateDict(loaded.Optimizer); err != nil {
		t.Fatal(err)
	}
	if err := resumed.Restore(*loaded.State); err != nil {
		t.Fatal(err)
	}
	h, err := resumed.Fit(context.Background(), data.train, data.test)
	if err != nil {
		t.Fatal(err)
	}
	return snapshot(resumed.Net), h
}

func TestTrainerResume(t *testing.T) {
	data := newCircleSplit(t, 5)
	const steps = 25 // 800 training rows in batches of 32
	cases := []struct {
		name string
		cfg  runConfig
	}{
		{"adam", runConfig{seed: 11}},
		{"sgd momentum", runConfig{seed: 12, sgd: true}},
		{"schedule", runConfig{seed: 13, schedule: optim.StepLR{StepSize: 1, Gamma: 0.5}}},
		{"warmup cosine sgd", runConfig{seed: 14, sgd: true, schedule: optim.DefaultLinearWarmup(2, optim.CosineAnnealingLR{TMax: 3})}},
		{"diagnostics", runConfig{seed: 15, diagnostics: true}},
		{"clipped, no shuffle", runConfig{seed: 16, clip: &GradClip{MaxNorm: 0.5}, noShuffle: true}},
		{"early stopping", runConfig{seed: 17, sgd: true, epochs: 8, early: &EarlyStopping{Metric: ColValAccuracy, Patience: 2}}},
		{"penalties", runConfig{seed: 18, l1: 1e-3, l2: 1e-2}},
		{"dropout", runConfig{seed: 19, dropout: 0.3}},
		{"dropout, sgd, diagnostics, penalties", runConfig{seed: 20, sgd: true, dropout: 0.5, diagnostics: true, l2: 1e-3}},
	}
	stops := []struct {
		name string
		step int
	}{
		{"first step", 1},
		{"mid-epoch", steps + 9},
		{"epoch boundary", 2 * steps},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			full := c.cfg.build(t, nil)
			want, err := full.Fit(context.Background(), data.train, data.test)
			if err != nil {
				t.Fatal(err)
			}
			wantW := snapshot(full.Net)
			for _, s := range stops {
				w, h := interruptAt(t, c.cfg, data, s.step)
				assertSameWeights(t, s.name, w, wantW)
				assertSameHistory(t, s.name, h, want)
			}
		})
	}
}

// TestTrainerResumeSameTrainer continues an interrupted run with the same
// Trainer, as a command line does after a signal it chose to ignore.
func TestTrainerResumeSameTrainer(t *testing.T) {
	data := newCircleSplit(t, 5)
	cfg := runConfig{seed: 21, diagnostics: true}
	full := cfg.build(t, nil)
	want, err := full.Fit(context.Background(), data.train, data.test)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	tr := cfg.build(t, nil)
	tr.OnStep = func(s StepInfo) error {
		if s.GlobalStep == 40 {
			cancel()
		}
		return nil
	}
	if _, err := tr.Fit(ctx, data.train, data.test); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("Fit returned %v, want ErrInterrupted", err)
	}
	h, err := tr.Fit(context.Background(), data.train, data.test)
	if err != nil {
		t.Fatal(err)
	}
	assertSameWeights(t, "continued", snapshot(tr.Net), snapshot(full.Net))
	assertSameHistory(t, "continued", h, want)
}

// PredictProba on more rows than one chunk must give what the network
// gives on all of them at once, with and without standardisation.
func TestModelPredictProbaChunks(t *testing.T) {
	for _, std := range []bool{true, false} {
		m := testModel(t, []int{3, 6, 3}, "tanh", layer.CrossEntropyLoss{}, std, 4)
		n := 2*evalChunk + 5
		x := tensor.Zeros(n, 3)
		x.FillNormal(rand.New(rand.NewPCG(2, 2)), 1, 3)
		xs := x.Clone()
		if std {
			m.Standardizer.TransformInPlace(xs)
		}
		got, want := m.PredictProba(x), Probabilities(m.Net.Predict(xs), m.Loss)
		if got.Rows() != n {
			t.Fatalf("standardize %v: %d rows, want %d", std, got.Rows(), n)
		}
		assertClose(t, fmt.Sprintf("PredictProba (standardize %v)", std), got, want, 1e-12)
	}
}
