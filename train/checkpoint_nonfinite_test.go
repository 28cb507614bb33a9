package train

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/layer"
)

// nanPayload is a NaN with other bits than math.NaN().
var nanPayload = math.Float64frombits(0x7ff8_dead_beef_0001)

// poison puts non-finite values and a negative zero into every float of a
// state: the loss sum, the gradient norms, the best metric and a history
// column.
func poison(s *State) {
	s.LossSum = math.Inf(1)
	s.GradNormSum = []float64{math.Inf(1), math.Copysign(0, -1), 1.5}
	inf := math.Inf(1)
	s.Best = &inf
	for i := range s.History.Rows {
		s.History.Rows[i][1] = []float64{math.Inf(1), math.Inf(-1), nanPayload, math.Copysign(0, -1)}[i%4]
	}
}

// stateBits lists every float of a state by its bits, for comparisons that
// NaN != NaN does not spoil.
func stateBits(s *State) []uint64 {
	var bits []uint64
	add := func(v float64) { bits = append(bits, math.Float64bits(v)) }
	add(s.BaseLR)
	add(s.LossSum)
	for _, v := range s.GradNormSum {
		add(v)
	}
	if s.Best != nil {
		add(*s.Best)
	}
	for _, r := range s.History.Rows {
		for _, v := range r {
			add(v)
		}
	}
	return bits
}

// TestCheckpointNonFiniteState interrupts a run, fills its state with
// ±Inf, NaNs and -0, and checks that the checkpoint saves, loads the same
// bits and resumes exactly as the run continued in memory does.
func TestCheckpointNonFiniteState(t *testing.T) {
	data := newCircleSplit(t, 5)
	cfg := runConfig{seed: 31, diagnostics: true, epochs: 4, early: &EarlyStopping{Metric: ColValLoss, Patience: 3}}
	interrupted := func() *Trainer {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		tr := cfg.build(t, nil)
		tr.OnStep = func(s StepInfo) error {
			if s.GlobalStep == 25*2+3 {
				cancel()
			}
			return nil
		}
		if _, err := tr.Fit(ctx, data.train, data.test); !errors.Is(err, ErrInterrupted) {
			t.Fatalf("Fit returned %v, want ErrInterrupted", err)
		}
		st := tr.State()
		poison(&st)
		if err := tr.Restore(st); err != nil {
			t.Fatal(err)
		}
		return tr
	}

	// The run continued in memory.
	mem := interrupted()
	want := mem.State()
	wantHist, err := mem.Fit(context.Background(), data.train, data.test)
	if err != nil {
		t.Fatal(err)
	}

	// The run saved, loaded and resumed.
	tr := interrupted()
	st := tr.State()
	path := filepath.Join(t.TempDir(), "ck.safetensors")
	ck := &Checkpoint{
		Model: &Model{
			Net: tr.Net, Sizes: circleSizes, Activation: layer.ReLU{}, Loss: tr.Loss,
			Classes: data.classes, Features: data.features, Standardizer: &data.std,
		},
		Optimizer: tr.Optimizer.StateDict(),
		State:     &st,
	}
	if err := SaveCheckpoint(path, ck); err != nil {
		t.Fatalf("a state holding non-finite values is not saved: %v", err)
	}
	loaded, err := LoadCheckpoint(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := stateBits(loaded.State), stateBits(&want); !slices.Equal(got, want) {
		t.Errorf("state floats came back as bits %x, want %x", got, want)
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
	assertSameWeights(t, "resumed", snapshot(resumed.Net), snapshot(mem.Net))
	assertSameHistory(t, "resumed", h, wantHist)
	if got, want := stateBits(&resumed.state), stateBits(&mem.state); !slices.Equal(got, want) {
		t.Errorf("final state floats %x, want %x", got, want)
	}
	if v := h.Series(h.Columns[1])[0]; !math.IsInf(v, 1) {
		t.Errorf("history's +Inf came back as %v", v)
	}
}

// TestJSONFloatRoundTrip writes every kind of float64 and reads it back
// to the same bits; strings that are no number are refused.
func TestJSONFloatRoundTrip(t *testing.T) {
	for _, v := range []float64{0, math.Copysign(0, -1), 1.0 / 3, -2.5e-310, math.MaxFloat64, math.SmallestNonzeroFloat64,
		math.Inf(1), math.Inf(-1), math.NaN(), nanPayload, math.Float64frombits(0xfff8_0000_0000_0000)} {
		raw, err := json.Marshal(jsonFloat(v))
		if err != nil {
			t.Fatalf("%v: %v", v, err)
		}
		var back jsonFloat
		if err := json.Unmarshal(raw, &back); err != nil {
			t.Fatalf("%s: %v", raw, err)
		}
		if math.Float64bits(float64(back)) != math.Float64bits(v) {
			t.Errorf("%x written as %s came back as %x", math.Float64bits(v), raw, math.Float64bits(float64(back)))
		}
	}
	for _, in := range []string{`"inf"`, `"NaN(0x0000000000000001)"`, `"NaN(0x7ff8)"`, `"NaN(7ff8000000000001)"`, `"1"`, `[1]`} {
		var f jsonFloat
		if err := json.Unmarshal([]byte(in), &f); err == nil {
			t.Errorf("%s read as %v, want an error", in, f)
		}
	}
}

// TestHistoryJSONInfinity: +Inf and -Inf in a history survive JSON, as a
// resumed run's history.csv must show them, not an empty field.
func TestHistoryJSONInfinity(t *testing.T) {
	h := &History{}
	h.Add([]NamedValue{{"a", math.Inf(1)}, {"b", math.Inf(-1)}, {"c", nanPayload}, {"d", math.Copysign(0, -1)}})
	raw, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	var back History
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	if !sameBits(back.Rows[0], h.Rows[0]) {
		t.Errorf("%s came back as %v", raw, back.Rows[0])
	}
	var b strings.Builder
	if err := back.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	if got := strings.Split(b.String(), "\n")[1]; got != "+Inf,-Inf,,-0" {
		t.Errorf("CSV row %q, want +Inf,-Inf,,-0", got)
	}
}
