package train

import (
	"bytes"
	"context"
	"errors"
	"os"
	"regexp"
	"strconv"
	"testing"
)

// barCounts returns the step counts a progress bar drew, in order, each
// checked against the total.
func barCounts(t *testing.T, bar []byte, total int) []int {
	t.Helper()
	var counts []int
	for _, m := range regexp.MustCompile(`\((\d+)/(\d+)`).FindAllSubmatch(bar, -1) {
		done, _ := strconv.Atoi(string(m[1]))
		of, _ := strconv.Atoi(string(m[2]))
		if of != total {
			t.Fatalf("bar shows %d/%d, want a total of %d", done, of, total)
		}
		counts = append(counts, done)
	}
	return counts
}

// The progress bar only watches: a run drawing it ends with the same
// weights and history, bit for bit, as one that does not, and its counts
// rise towards the run's total steps. Under -race (as CI runs this package)
// it also shows that drawing shares nothing unsafely with training.
func TestTrainerProgressBar(t *testing.T) {
	data := newCircleSplit(t, 11)
	cfg := runConfig{seed: 5, diagnostics: true, epochs: 3, batch: 50}
	plain := cfg.build(t, nil)
	h0, err := plain.Fit(context.Background(), data.train, data.test)
	if err != nil {
		t.Fatal(err)
	}
	var bar bytes.Buffer
	drawn := cfg.build(t, nil)
	drawn.Callbacks = append(drawn.Callbacks, NewProgressBar(&bar))
	h1, err := drawn.Fit(context.Background(), data.train, data.test)
	if err != nil {
		t.Fatal(err)
	}
	assertSameWeights(t, "with a progress bar", snapshot(drawn.Net), snapshot(plain.Net))
	assertSameHistory(t, "with a progress bar", h1, h0)

	total := 3 * ((data.train.Len() + 49) / 50)
	last := -1
	for _, done := range barCounts(t, bar.Bytes(), total) {
		if done < last || done > total {
			t.Fatalf("bar shows %d after %d, want counts rising to %d", done, last, total)
		}
		last = done
	}
	// Redraws are throttled to ten a second, so a quick run may show only
	// its start; bench/bigcsv watches one move on a terminal.
	if last < 0 {
		t.Errorf("no step count drawn:\n%q", bar.String())
	}
}

// A Trainer given no progress bar writes nothing to the terminal: Fit
// leaves the process's stdout and stderr untouched.
func TestTrainerWritesNothing(t *testing.T) {
	data := newCircleSplit(t, 3)
	tr := runConfig{seed: 2, epochs: 2, batch: 40}.build(t, nil)
	dir := t.TempDir()
	stdout, stderr := os.Stdout, os.Stderr
	out, err := os.Create(dir + "/stdout")
	if err != nil {
		t.Fatal(err)
	}
	errf, err := os.Create(dir + "/stderr")
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout, os.Stderr = out, errf
	_, fitErr := tr.Fit(context.Background(), data.train, data.test)
	os.Stdout, os.Stderr = stdout, stderr
	out.Close()
	errf.Close()
	if fitErr != nil {
		t.Fatal(fitErr)
	}
	for _, name := range []string{"stdout", "stderr"} {
		b, err := os.ReadFile(dir + "/" + name)
		if err != nil || len(b) != 0 {
			t.Errorf("Fit wrote %q to %s (%v)", b, name, err)
		}
	}
}

// recorder is a Callback that notes what it is told.
type recorder struct {
	NopCallback
	start  []FitInfo
	steps  []int // global steps
	epochs []int
	ends   []error
}

func (r *recorder) FitStart(i FitInfo) error         { r.start = append(r.start, i); return nil }
func (r *recorder) StepEnd(s StepInfo) error         { r.steps = append(r.steps, s.GlobalStep); return nil }
func (r *recorder) EpochEnd(e int, _ *History) error { r.epochs = append(r.epochs, e); return nil }
func (r *recorder) FitEnd(_ *History, err error)     { r.ends = append(r.ends, err) }

// Callbacks compose: a progress bar added next to a user's OnStep and a
// callback of the user's own replaces neither, each sees every step, and
// a run stopped mid-way and continued draws its bar from where it
// stopped.
func TestCallbacksComposeAndResume(t *testing.T) {
	data := newCircleSplit(t, 7)
	tr := runConfig{seed: 4, epochs: 3, batch: 100}.build(t, nil)
	steps := (data.train.Len() + 99) / 100
	total, stop := 3*steps, steps+2
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var own []int
	tr.OnStep = func(s StepInfo) error {
		own = append(own, s.GlobalStep)
		if s.GlobalStep == stop {
			cancel()
		}
		return nil
	}
	rec := &recorder{}
	var bar1, bar2 bytes.Buffer
	tr.Callbacks = []Callback{NewProgressBar(&bar1), rec}
	if _, err := tr.Fit(ctx, data.train, data.test); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("Fit returned %v, want ErrInterrupted", err)
	}
	tr.Callbacks[0] = NewProgressBar(&bar2)
	if _, err := tr.Fit(context.Background(), data.train, data.test); err != nil {
		t.Fatal(err)
	}

	if len(own) != total || len(rec.steps) != total {
		t.Errorf("OnStep saw %d steps and the callback %d, want %d each", len(own), len(rec.steps), total)
	}
	wantStart := []FitInfo{{3, steps, 0}, {3, steps, stop}}
	if len(rec.start) != 2 || rec.start[0] != wantStart[0] || rec.start[1] != wantStart[1] {
		t.Errorf("FitStart saw %+v, want %+v", rec.start, wantStart)
	}
	if len(rec.ends) != 2 || !errors.Is(rec.ends[0], ErrInterrupted) || rec.ends[1] != nil {
		t.Errorf("FitEnd saw %v, want ErrInterrupted then nil", rec.ends)
	}
	if len(rec.epochs) != 3 || rec.epochs[2] != 2 {
		t.Errorf("EpochEnd saw epochs %v, want 0, 1, 2", rec.epochs)
	}
	first := barCounts(t, bar1.Bytes(), total)
	resumed := barCounts(t, bar2.Bytes(), total)
	if len(first) == 0 || first[0] != 0 {
		t.Errorf("the first bar starts at %v, want 0", first)
	}
	if len(resumed) == 0 || resumed[0] != stop {
		t.Errorf("the resumed bar starts at %v, want step %d", resumed, stop)
	}
}

// A callback's error stops Fit, and FitEnd reports it to the callbacks
// that started.
func TestCallbackErrorStopsFit(t *testing.T) {
	data := newCircleSplit(t, 7)
	tr := runConfig{seed: 4, epochs: 3, batch: 100}.build(t, nil)
	errStop := errors.New("enough")
	rec := &recorder{}
	tr.Callbacks = []Callback{rec, stopAfter{NopCallback{}, 3, errStop}}
	if _, err := tr.Fit(context.Background(), data.train, data.test); !errors.Is(err, errStop) {
		t.Fatalf("Fit returned %v, want the callback's error", err)
	}
	if len(rec.steps) != 3 || len(rec.ends) != 1 || !errors.Is(rec.ends[0], errStop) {
		t.Errorf("steps %v, ends %v: want 3 steps and one end with the error", rec.steps, rec.ends)
	}
}

// stopAfter fails at a given global step.
type stopAfter struct {
	NopCallback
	at  int
	err error
}

func (s stopAfter) StepEnd(i StepInfo) error {
	if i.GlobalStep == s.at {
		return s.err
	}
	return nil
}

// A run restored from its State in a new Trainer, as the train command
// resumes from a checkpoint, draws its bar from the step it stopped at.
func TestProgressBarAfterRestore(t *testing.T) {
	data := newCircleSplit(t, 7)
	cfg := runConfig{seed: 4, epochs: 2, batch: 100}
	steps := (data.train.Len() + 99) / 100
	stop := steps + 3
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	first := cfg.build(t, nil)
	first.OnStep = func(s StepInfo) error {
		if s.GlobalStep == stop {
			cancel()
		}
		return nil
	}
	if _, err := first.Fit(ctx, data.train, data.test); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("Fit returned %v, want ErrInterrupted", err)
	}
	resumed := cfg.build(t, nil)
	if err := resumed.Restore(first.State()); err != nil {
		t.Fatal(err)
	}
	var bar bytes.Buffer
	resumed.Callbacks = []Callback{NewProgressBar(&bar)}
	if _, err := resumed.Fit(context.Background(), data.train, data.test); err != nil {
		t.Fatal(err)
	}
	if counts := barCounts(t, bar.Bytes(), 2*steps); len(counts) == 0 || counts[0] != stop {
		t.Errorf("the restored run's bar starts at %v, want step %d", counts, stop)
	}
}
