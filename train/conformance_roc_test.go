package train

import (
	"math"
	"slices"
	"sort"
	"testing"

	"github.com/nnlab/nnlab/train/metrics"
)

func init() { runners["roc"] = runROCCase }

// rocFields are the fields a roc case may carry; any other fails the case,
// since it would mean something this runner does not check.
var rocFields = []string{"kind", "name", "labels", "scores", "fpr", "tpr", "thresholds", "auc", "error"}

// runROCCase checks metrics.ROC, metrics.AUC and metrics.ROCAUC against a
// roc case: either its expected curve and AUC, or, with "error": true, that
// both refuse the data.
func runROCCase(t *testing.T, c *refCase) {
	var unknown []string
	for k := range c.fields {
		if !slices.Contains(rocFields, k) {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	if len(unknown) > 0 {
		t.Fatalf("unsupported fields %v", unknown)
	}

	var rawLabels, scores []float64
	c.decode("labels", &rawLabels)
	c.decode("scores", &scores)
	labels := make([]int, len(rawLabels))
	for i, v := range rawLabels {
		// Labels are stored as numbers; anything but an exact integer is
		// not a class and must not be truncated into one.
		if v != math.Trunc(v) || math.Abs(v) > 1<<31 {
			t.Fatalf("labels[%d] = %v is not a class index", i, v)
		}
		labels[i] = int(v)
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
