package train

import (
	"bytes"
	"context"
	"regexp"
	"strconv"
	"testing"
)

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
	drawn.Progress = &bar
	h1, err := drawn.Fit(context.Background(), data.train, data.test)
	if err != nil {
		t.Fatal(err)
	}
	assertSameWeights(t, "with a progress bar", snapshot(drawn.Net), snapshot(plain.Net))
	assertSameHistory(t, "with a progress bar", h1, h0)

	total := 3 * ((data.train.Len() + 49) / 50)
	last := -1
	for _, m := range regexp.MustCompile(`\((\d+)/(\d+)`).FindAllSubmatch(bar.Bytes(), -1) {
		done, _ := strconv.Atoi(string(m[1]))
		of, _ := strconv.Atoi(string(m[2]))
		if of != total || done < last || done > total {
			t.Fatalf("bar shows %d/%d after %d, want counts rising to %d", done, of, last, total)
		}
		last = done
	}
	// Redraws are throttled to ten a second, so a quick run may show only
	// its start; bench/bigcsv watches one move on a terminal.
	if last < 0 {
		t.Errorf("no step count drawn:\n%q", bar.String())
	}
}
