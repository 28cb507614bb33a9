package metrics

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestROC(t *testing.T) {
	cases := []struct {
		name                 string
		labels               []int
		scores               []float64
		thresholds, fpr, tpr []float64
		auc                  float64
	}{
		{
			name:   "distinct scores",
			labels: []int{0, 0, 1, 1}, scores: []float64{0.1, 0.4, 0.35, 0.8},
			thresholds: []float64{0.8, 0.4, 0.35, 0.1},
			fpr:        []float64{0, 0, 0.5, 0.5, 1},
			tpr:        []float64{0, 0.5, 0.5, 1, 1},
			auc:        0.75,
		},
		{
			// Sorted: 0.9 (+), 0.5 (− +), 0.2 (− +), 0.1 (−); each tied
			// pair moves the curve diagonally in one step. Area
			// 1/3·(1/3+2/3)/2 + 1/3·(2/3+1)/2 + 1/3·1 = 7/9.
			name:   "ties",
			labels: []int{0, 1, 0, 1, 1, 0}, scores: []float64{0.5, 0.5, 0.2, 0.9, 0.2, 0.1},
			thresholds: []float64{0.9, 0.5, 0.2, 0.1},
			fpr:        []float64{0, 0, 1.0 / 3, 2.0 / 3, 1},
			tpr:        []float64{0, 1.0 / 3, 2.0 / 3, 1, 1},
			auc:        7.0 / 9,
		},
		{
			name:   "all tied",
			labels: []int{1, 0, 0}, scores: []float64{3, 3, 3},
			thresholds: []float64{3}, fpr: []float64{0, 1}, tpr: []float64{0, 1}, auc: 0.5,
		},
		{
			// -0 and +0 are one score, as in numpy's diff.
			name:   "signed zeros",
			labels: []int{1, 0}, scores: []float64{0, math.Copysign(0, -1)},
			thresholds: []float64{0}, fpr: []float64{0, 1}, tpr: []float64{0, 1}, auc: 0.5,
		},
		{
			name:   "inverted",
			labels: []int{1, 0, 1, 0}, scores: []float64{-2, 5, -3, 4},
			thresholds: []float64{5, 4, -2, -3},
			fpr:        []float64{0, 0.5, 1, 1, 1},
			tpr:        []float64{0, 0, 0, 0.5, 1},
			auc:        0,
		},
	}
	for _, c := range cases {
		curve, err := ROC(c.labels, c.scores)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		closeSlice(t, c.name+" thresholds", curve.Thresholds, c.thresholds, 0)
		closeSlice(t, c.name+" FPR", curve.FPR, c.fpr, 1e-15)
		closeSlice(t, c.name+" TPR", curve.TPR, c.tpr, 1e-15)
		if got := AUC(curve); math.Abs(got-c.auc) > 1e-15 {
			t.Errorf("%s: AUC = %.17g, want %.17g", c.name, got, c.auc)
		}
		got, err := ROCAUC(c.labels, c.scores)
		if err != nil || math.Abs(got-c.auc) > 1e-15 {
			t.Errorf("%s: ROCAUC = %.17g, %v; want %.17g", c.name, got, err, c.auc)
		}
	}
}

// TestROCErrors checks that bad input is an error from every ranking
// function, never a panic or a NaN.
func TestROCErrors(t *testing.T) {
	cases := []struct {
		name     string
		labels   []int
		scores   []float64
		oneClass bool
		mention  string
	}{
		{"all positive", []int{1, 1, 1}, []float64{0.2, 0.4, 0.9}, true, "3 positives and 0 negatives"},
		{"all negative", []int{0, 0}, []float64{0.2, 0.4}, true, "0 positives and 2 negatives"},
		{"empty", nil, nil, true, "0 positives and 0 negatives"},
		{"NaN score", []int{0, 1}, []float64{0.2, math.NaN()}, false, "sample 1 is NaN"},
		{"infinite score", []int{0, 1}, []float64{math.Inf(-1), 1}, false, "sample 0 is -Inf"},
		{"length", []int{0, 1, 1}, []float64{0.2, 0.4}, false, "3 labels for 2 scores"},
		{"label 2", []int{0, 2}, []float64{0.2, 0.4}, false, "label 2 of sample 1"},
		{"label -1", []int{-1, 1}, []float64{0.2, 0.4}, false, "label -1 of sample 0"},
	}
	for _, c := range cases {
		_, err1 := ROC(c.labels, c.scores)
		_, err2 := ROCAUC(c.labels, c.scores)
		for i, err := range []error{err1, err2} {
			fn := [...]string{"ROC", "ROCAUC"}[i]
			switch {
			case err == nil:
				t.Errorf("%s: %s returned no error", c.name, fn)
			case errors.Is(err, ErrOneClass) != c.oneClass:
				t.Errorf("%s: %s error %q: errors.Is(ErrOneClass) = %v", c.name, fn, err, !c.oneClass)
			case !strings.Contains(err.Error(), c.mention) || !strings.Contains(err.Error(), fn+":"):
				t.Errorf("%s: %s error %q does not say %q", c.name, fn, err, c.mention)
			}
		}
	}
}

// mannWhitney is the AUC by its definition: over all positive-negative
// pairs, the fraction where the positive scores higher, ties counting 1/2.
func mannWhitney(labels []int, scores []float64) float64 {
	wins, pairs := 0.0, 0
	for i, yi := range labels {
		for j, yj := range labels {
			if yi != 1 || yj != 0 {
				continue
			}
			pairs++
			switch {
			case scores[i] > scores[j]:
				wins++
			case scores[i] == scores[j]:
				wins += 0.5
			}
		}
	}
	return wins / float64(pairs)
}

// randomBinary draws n labels and scores rounded to levels values, so that
// ties are common, with both classes present.
func randomBinary(rng *rand.Rand, n, levels int) ([]int, []float64) {
	labels := make([]int, n)
	scores := make([]float64, n)
	for i := range n {
		labels[i] = rng.IntN(2)
		// Positives lean higher, so the AUC is not always near 1/2.
		scores[i] = math.Round((rng.Float64()+0.3*float64(labels[i]))*float64(levels)) / float64(levels)
	}
	labels[0], labels[1] = 0, 1
	return labels, scores
}

func TestROCAUCIsMannWhitney(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		n := 2 + rng.IntN(60)
		levels := 1 + rng.IntN(12)
		if trial%4 == 0 {
			levels = 1 << 30 // almost surely no ties
		}
		labels, scores := randomBinary(rng, n, levels)
		want := mannWhitney(labels, scores)
		curve, err := ROC(labels, scores)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ROCAUC(labels, scores)
		if err != nil {
			t.Fatal(err)
		}
		if got != want || math.Abs(AUC(curve)-want) > 1e-14 {
			t.Fatalf("trial %d (n %d): ROCAUC %.17g, AUC(ROC) %.17g, Mann-Whitney %.17g", trial, n, got, AUC(curve), want)
		}
		checkCurveShape(t, labels, scores, curve)

		// Perfect and inverted scorers: the label itself, plus noise
		// that cannot cross classes.
		perfect := make([]float64, n)
		inverted := make([]float64, n)
		for i, y := range labels {
			perfect[i] = float64(y) + 0.9*scores[i]/2
			inverted[i] = -perfect[i]
		}
		for _, c := range []struct {
			scores []float64
			want   float64
		}{{perfect, 1}, {inverted, 0}} {
			a, err := ROCAUC(labels, c.scores)
			curve, err2 := ROC(labels, c.scores)
			if err != nil || err2 != nil || a != c.want || math.Abs(AUC(curve)-c.want) > 1e-14 {
				t.Fatalf("trial %d: ROCAUC %.17g, AUC(ROC) %.17g, want %v (%v, %v)", trial, a, AUC(curve), c.want, err, err2)
			}
		}
	}
}

// checkCurveShape checks what every ROC curve must satisfy: one threshold
// per distinct score, strictly decreasing; rates from (0,0) to (1,1), never
// decreasing; and the curve unchanged by reordering the samples.
func checkCurveShape(t *testing.T, labels []int, scores []float64, c ROCCurve) {
	t.Helper()
	distinct := map[float64]bool{}
	for _, s := range scores {
		distinct[s] = true
	}
	if len(c.Thresholds) != len(distinct) || len(c.FPR) != len(distinct)+1 || len(c.TPR) != len(distinct)+1 {
		t.Fatalf("%d distinct scores give %d thresholds, %d FPR, %d TPR", len(distinct), len(c.Thresholds), len(c.FPR), len(c.TPR))
	}
	for i := 1; i < len(c.Thresholds); i++ {
		if c.Thresholds[i] >= c.Thresholds[i-1] {
			t.Fatalf("thresholds not strictly decreasing at %d: %v", i, c.Thresholds)
		}
	}
	if c.FPR[0] != 0 || c.TPR[0] != 0 || c.FPR[len(c.FPR)-1] != 1 || c.TPR[len(c.TPR)-1] != 1 {
		t.Fatalf("curve does not run from (0,0) to (1,1): FPR %v TPR %v", c.FPR, c.TPR)
	}
	for i := 1; i < len(c.FPR); i++ {
		if c.FPR[i] < c.FPR[i-1] || c.TPR[i] < c.TPR[i-1] {
			t.Fatalf("rates decrease at %d: FPR %v TPR %v", i, c.FPR, c.TPR)
		}
	}
	rl := append([]int(nil), labels...)
	rs := append([]float64(nil), scores...)
	for i := range rl {
		j := len(rl) - 1 - i
		if i < j {
			rl[i], rl[j] = rl[j], rl[i]
			rs[i], rs[j] = rs[j], rs[i]
		}
	}
	r, err := ROC(rl, rs)
	if err != nil {
		t.Fatal(err)
	}
	closeSlice(t, "reversed FPR", r.FPR, c.FPR, 0)
	closeSlice(t, "reversed TPR", r.TPR, c.TPR, 0)
	closeSlice(t, "reversed thresholds", r.Thresholds, c.Thresholds, 0)
}

func TestAUCPanics(t *testing.T) {
	mustPanic(t, "AUC of an empty curve", func() { AUC(ROCCurve{}) })
	mustPanic(t, "AUC of unequal rates", func() { AUC(ROCCurve{FPR: []float64{0, 1}, TPR: []float64{0}}) })
}
