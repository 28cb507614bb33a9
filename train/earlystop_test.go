package train

import (
	"context"
	"math"
	"slices"
	"testing"
)

// flipped returns d with every label and target swapped (two classes, one
// output): a validation set on which the loss rises as the model learns.
func flipped(d *Data) *Data {
	out := &Data{X: d.X, Target: d.Target.Clone(), Labels: make([]int, len(d.Labels))}
	for i, v := range out.Target.Data() {
		out.Target.Data()[i] = 1 - v
	}
	for i, y := range d.Labels {
		out.Labels[i] = 1 - y
	}
	return out
}

// With RestoreBest, a run whose validation loss rises stops early and ends
// holding the weights of its best epoch: their validation loss is the
// history's lowest, at State.BestEpoch. Without it, the last epoch's.
func TestEarlyStoppingRestoreBest(t *testing.T) {
	data := newCircleSplit(t, 9)
	val := flipped(data.test)
	for _, restore := range []bool{true, false} {
		cfg := runConfig{seed: 9, epochs: 30, early: &EarlyStopping{Metric: ColValLoss, Patience: 3, RestoreBest: restore}}
		tr := cfg.build(t, nil)
		h, err := tr.Fit(context.Background(), data.train, val)
		if err != nil {
			t.Fatal(err)
		}
		st := tr.State()
		series := h.Series(ColValLoss)
		best := slices.Min(series)
		if !st.Stopped || h.Len() >= 30 || st.BestEpoch < 1 || series[st.BestEpoch-1] != best || h.Len() != st.BestEpoch+3 {
			t.Fatalf("restore %v: stopped %v after %d epochs, best epoch %d; val loss %v", restore, st.Stopped, h.Len(), st.BestEpoch, series)
		}
		got := Evaluate(tr.Net, tr.Loss, val).Loss
		want := series[len(series)-1]
		if restore {
			want = best
		}
		if math.Abs(got-want) > 1e-12 || (restore && got == series[len(series)-1]) {
			t.Errorf("restore %v: the network's val loss %v, want %v (best %v, last %v)", restore, got, want, best, series[len(series)-1])
		}
		if restore != (st.BestWeights != nil) {
			t.Errorf("restore %v: BestWeights kept: %v", restore, st.BestWeights != nil)
		}
	}
}

// A run with RestoreBest interrupted after its best epoch and resumed from
// a checkpoint file ends with the same weights, bit for bit, as a run
// never interrupted: the checkpoint keeps the best epoch's weights.
func TestEarlyStoppingRestoreBestResume(t *testing.T) {
	data := newCircleSplit(t, 9)
	data.test = flipped(data.test)
	cfg := runConfig{seed: 9, epochs: 30, early: &EarlyStopping{Metric: ColValLoss, Patience: 3, RestoreBest: true}}
	full := cfg.build(t, nil)
	want, err := full.Fit(context.Background(), data.train, data.test)
	if err != nil {
		t.Fatal(err)
	}
	if st := full.State(); st.BestEpoch >= want.Len() {
		t.Fatalf("best epoch %d of %d: the test needs a best epoch before the last", st.BestEpoch, want.Len())
	}
	// 25 steps an epoch: stop in the second and in the third epoch, after
	// the best epoch's weights were kept.
	for _, stop := range []int{40, 60} {
		w, h := interruptAt(t, cfg, data, stop)
		assertSameWeights(t, "resumed", w, snapshot(full.Net))
		assertSameHistory(t, "resumed", h, want)
	}
}
