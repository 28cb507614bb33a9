package train

import (
	"math"
	"testing"

	"github.com/nnlab/nnlab/train/metrics"
)

func init() { runners["roc"] = runROCCase }

// runROCCase checks metrics.ROC, metrics.AUC and metrics.ROCAUC against a
// roc case: either its expected curve and AUC, or, with "error": true, that
// both refuse the data.
//
// Labels are 0 and 1, or -1 and 1: the two encodings for which sklearn's
// roc_curve and roc_auc_score take 1 as the positive class without being
// told (pos_label=None). metrics takes 0 and 1, so -1 becomes 0. Any other
// set of labels, {-1, 0, 1} or {0, 2} say, fails the case: sklearn would
// need a pos_label the format does not carry.
func runROCCase(t *testing.T, c *refCase) {
	c.allowFields("labels", "scores", "fpr", "tpr", "thresholds", "auc", "error")
	var rawLabels, scores []float64
	c.decode("labels", &rawLabels)
	c.decode("scores", &scores)
	labels := make([]int, len(rawLabels))
	seen := map[float64]bool{}
	for i, v := range rawLabels {
		// Labels are stored as numbers; anything but an exact integer is
		// not a class and must not be truncated into one.
		if v != math.Trunc(v) || math.Abs(v) > 1<<31 {
			t.Fatalf("labels[%d] = %v is not a class index", i, v)
		}
		labels[i] = int(v)
		seen[v] = true
	}
	switch {
	case seen[-1] && seen[0]:
		t.Fatalf("labels mix -1, 0 and 1: not one of sklearn's binary encodings {0, 1} or {-1, 1}")
	case seen[-1]:
		for i, v := range labels {
			if v == -1 {
				labels[i] = 0
			}
		}
	}
	for v := range seen {
		if v != -1 && v != 0 && v != 1 {
			t.Fatalf("label %v: want labels in {0, 1} or {-1, 1}", v)
		}
	}

	wantError := false
	if c.has("error") {
		c.decode("error", &wantError)
	}
	expected := []string{}
	for _, k := range []string{"fpr", "tpr", "thresholds", "auc"} {
		if c.has(k) {
			expected = append(expected, k)
		}
	}
	switch {
	case wantError && len(expected) > 0:
		t.Fatalf("case expects an error and also %v", expected)
	case !wantError && len(expected) == 0:
		t.Fatalf("case expects neither an error nor any of fpr, tpr, thresholds, auc")
	}

	curve, err := metrics.ROC(labels, scores)
	auc, aucErr := metrics.ROCAUC(labels, scores)
	if wantError {
		if err == nil || aucErr == nil {
			t.Fatalf("want an error; ROC gave %v (curve %+v), ROCAUC gave %v (auc %v)", err, curve, aucErr, auc)
		}
		t.Logf("ROC: %v; ROCAUC: %v", err, aucErr)
		return
	}
	if err != nil {
		t.Fatalf("ROC: %v", err)
	}
	if aucErr != nil {
		t.Fatalf("ROCAUC: %v", aucErr)
	}
	for _, k := range expected {
		var got []float64
		switch k {
		case "fpr":
			got = curve.FPR
		case "tpr":
			got = curve.TPR
		case "thresholds":
			got = curve.Thresholds
		case "auc":
			want := c.float("auc")
			assertCloseSlice(t, "ROCAUC", []float64{auc}, []float64{want}, refTol)
			assertCloseSlice(t, "AUC(ROC)", []float64{metrics.AUC(curve)}, []float64{want}, refTol)
			continue
		}
		var want []float64
		c.decode(k, &want)
		assertCloseSlice(t, k, got, want, refTol)
	}
}
