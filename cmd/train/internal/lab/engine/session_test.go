package engine

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train"
)

func mustSession(t *testing.T, edit func(*Config)) *Session {
	t.Helper()
	c := DefaultConfig()
	if edit != nil {
		edit(&c)
	}
	s, err := New(c)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestActivationLesson checks the lesson the page shows first: relu
// separates circle, identity (a linear model however deep) cannot.
func TestActivationLesson(t *testing.T) {
	for _, tc := range []struct {
		act    string
		ok     func(float64) bool
		expect string
	}{
		{"relu", func(a float64) bool { return a >= 0.95 }, ">= 0.95"},
		{"identity", func(a float64) bool { return a <= 0.70 }, "<= 0.70"},
	} {
		s := mustSession(t, func(c *Config) { c.Act = tc.act; c.Hidden = []int{8, 8}; c.Noise = 0 })
		h, err := s.Step(40)
		if err != nil {
			t.Fatal(err)
		}
		if acc := h.Last(train.ColValAccuracy); !tc.ok(acc) {
			t.Errorf("%s on circle: test accuracy %v after 40 epochs, want %s", tc.act, acc, tc.expect)
		}
	}
}

// TestStepContinues checks that training in pieces is training at once.
func TestStepContinues(t *testing.T) {
	a := mustSession(t, nil)
	for range 3 {
		if _, err := a.Step(2); err != nil {
			t.Fatal(err)
		}
	}
	b := mustSession(t, nil)
	hb, err := b.Step(6)
	if err != nil {
		t.Fatal(err)
	}
	ha := a.History()
	if ha.Len() != 6 || hb.Len() != 6 {
		t.Fatalf("history lengths %d and %d, want 6", ha.Len(), hb.Len())
	}
	for i, v := range hb.Series(train.ColTrainLoss) {
		if got := ha.Series(train.ColTrainLoss)[i]; got != v {
			t.Fatalf("epoch %d: train loss %v in steps of 2, %v at once", i+1, got, v)
		}
	}
}

// TestModelBytesLoad checks that the downloaded model is a model file
// that predicts what the picture shows.
func TestModelBytesLoad(t *testing.T) {
	s := mustSession(t, func(c *Config) { c.Features = "x1,x2,x1*x2,sin(x1)"; c.L2 = 0.001 })
	if _, err := s.Step(3); err != nil {
		t.Fatal(err)
	}
	b, err := s.ModelBytes()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "model.safetensors")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := train.LoadModel(path)
	if err != nil {
		t.Fatal(err)
	}
	pic := s.Picture(5, 1)
	raw := tensor.Zeros(25, 2)
	for r := range 5 {
		for c := range 5 {
			raw.Data()[2*(r*5+c)] = -1 + 2*float64(c)/4
			raw.Data()[2*(r*5+c)+1] = 1 - 2*float64(r)/4
		}
	}
	p := m.PredictProba(s.features.Apply(raw))
	for i, want := range pic.Output {
		if got := p.At(i, 1); math.Abs(got-want) > 1e-12 {
			t.Fatalf("cell %d: loaded model gives %v, the picture %v", i, got, want)
		}
	}
}

// TestPictureShapesAndDead checks the picture's shapes and that a
// learning rate far too high leaves dead relu units.
func TestPictureShapesAndDead(t *testing.T) {
	s := mustSession(t, func(c *Config) { c.Act = "relu"; c.Hidden = []int{8, 8}; c.LR = 3 })
	s.Step(5) // may diverge; the picture is drawn either way
	pic := s.Picture(7, 1)
	if len(pic.Output) != 49 || len(pic.Units) != 2 || len(pic.Units[0]) != 8 || len(pic.Units[0][0]) != 49 {
		t.Fatalf("picture shapes: output %d, units %d", len(pic.Output), len(pic.Units))
	}
	if len(pic.Weights) != 3 || len(pic.Weights[0]) != 8 || len(pic.Weights[0][0]) != 2 {
		t.Fatalf("weights shape wrong: %d layers", len(pic.Weights))
	}
	dead := 0
	for _, l := range pic.Dead {
		for _, d := range l {
			if d {
				dead++
			}
		}
	}
	if dead == 0 {
		t.Errorf("lr 3 with relu: no dead unit")
	}
}

func TestDataCSVAndFitCommand(t *testing.T) {
	s := mustSession(t, func(c *Config) { c.N = 10 })
	lines := strings.Split(strings.TrimSpace(string(s.DataCSV())), "\n")
	if len(lines) != 11 || lines[0] != "x1,x2,label,part" || !strings.HasSuffix(lines[10], ",test") {
		t.Fatalf("CSV: %q", lines)
	}
	cmd, note := s.FitCommand()
	if !strings.Contains(cmd, "--data circle --n 10 --noise 0.1 --test 0.5 --hidden 4,2 --act tanh") || note != "" {
		t.Fatalf("fit command %q, note %q", cmd, note)
	}
	s = mustSession(t, func(c *Config) { c.L1 = 0.1 })
	if _, note := s.FitCommand(); !strings.Contains(note, "L1/L2") {
		t.Fatalf("note %q does not name L1/L2", note)
	}
}

func TestBadConfig(t *testing.T) {
	for _, tc := range []struct {
		edit func(*Config)
		want string
	}{
		{func(c *Config) { c.Hidden = []int{4, 0} }, "hidden layer 2 has 0 units"},
		{func(c *Config) { c.Data = "nope" }, `data "nope"`},
		{func(c *Config) { c.Features = "x1,x9" }, "features"},
		{func(c *Config) { c.Act = "zzz" }, "act"},
		{func(c *Config) { c.Ratio = 1 }, "ratio"},
		{func(c *Config) { c.N = MaxPoints + 1 }, "n is"},
		{func(c *Config) { c.Opt = "lbfgs" }, "opt"},
	} {
		c := DefaultConfig()
		tc.edit(&c)
		if _, err := New(c); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: err %v, want %q", c, err, tc.want)
		}
	}
	if _, err := ParseHidden("4,x"); err == nil {
		t.Error("ParseHidden(4,x): no error")
	}
}
