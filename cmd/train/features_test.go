package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The nonlinearity can come from the inputs: a network without one
// (identity activations) separates circle with x1², x2² among its inputs
// and cannot on x1, x2 alone.
func TestFitFeaturesIdentityNetworkSeparatesCircle(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	base := []string{"fit", "--data", "circle", "--act", "identity", "--epochs", "100", "--quiet"}
	mustCode(t, dir, nil, 0, append(base, "--out", "raw", "--features", "x1,x2")...)
	mustCode(t, dir, nil, 0, append(base, "--out", "sq", "--features", "x1, x2, x1^2, x2^2")...)
	raw := readJSON(t, filepath.Join(dir, "raw", "metrics.json"))
	sq := readJSON(t, filepath.Join(dir, "sq", "metrics.json"))
	if acc := num(t, raw, "test_accuracy"); acc > 0.75 {
		t.Errorf("identity network on x1, x2: test accuracy %v; a linear model cannot separate circle", acc)
	}
	if acc := num(t, sq, "test_accuracy"); acc < 0.95 {
		t.Errorf("identity network on x1, x2, x1^2, x2^2: test accuracy %v, want >= 0.95", acc)
	}
	settings := sq["settings"].(map[string]any)
	if settings["features"] != "x1,x2,x1^2,x2^2" {
		t.Errorf("settings.features = %v, want the canonical x1,x2,x1^2,x2^2", settings["features"])
	}
	checkPNG(t, filepath.Join(dir, "sq", "boundary.png"))

	// eval and predict take the raw columns and compute the features.
	mustCode(t, dir, nil, 0, "datasets", "circle", "--seed", "9", "--csv", "points.csv")
	r := mustCode(t, dir, nil, 0, "eval", "--model", "sq", "--data", "points.csv", "--json")
	if acc := num(t, decodeJSON(t, "eval", r.stdout), "accuracy"); acc < 0.93 {
		t.Errorf("eval of the feature model on fresh raw points: accuracy %v", acc)
	}
	r = mustCode(t, dir, nil, 0, "predict", "--model", "sq", "--in", "points.csv")
	header, rows := parseCSV(t, "predictions", r.stdout)
	if !slices.Contains(header, "p_1") || !slices.Contains(header, "x1") || len(rows) != 500 {
		t.Errorf("predict: header %v and %d rows, want the raw rows with p_1, and 500 rows", header, len(rows))
	}
	r = mustCode(t, dir, nil, 0, "eval", "--model", "sq", "--data", "circle", "--seed", "9", "--json")
	if acc := num(t, decodeJSON(t, "eval", r.stdout), "accuracy"); acc < 0.93 {
		t.Errorf("eval on a built-in set: accuracy %v", acc)
	}
}

func TestFitFeaturesBadExpressionIsUsageError(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for spec, want := range map[string]string{
		"x1,x9":     `--features "x1,x9": at character 4: no column "x9"`,
		"x1,sin(x2": `--features "x1,sin(x2": at character 10: want a closing )`,
		"x1,x1":     `--features "x1,x1": at character 4: x1 given twice`,
	} {
		r := mustCode(t, dir, nil, exitUsage, fitArgs("circle", "run", "--features", spec)...)
		if !strings.Contains(r.stderr, want) {
			t.Errorf("--features %q: stderr %q, want %q", spec, r.stderr, want)
		}
	}
	if exists(filepath.Join(dir, "run", "model.safetensors")) {
		t.Error("a run with a bad --features wrote a model")
	}
}
