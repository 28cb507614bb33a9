package main

import (
	"bytes"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestFitRegressionPlane(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := mustCode(t, dir, nil, 0, "fit", "--data", "reg-plane", "--out", "run")
	for _, want := range []string{"regression (mse)", "RMSE", "MAE", "R²", "predicted.png", "heatmap.png"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, r.stdout)
		}
	}
	m := readJSON(t, filepath.Join(dir, "run", "metrics.json"))
	if r2 := num(t, m, "test_r2"); r2 < 0.95 {
		t.Errorf("reg-plane test R² = %v, want >= 0.95", r2)
	}
	if rmse, mae := num(t, m, "test_rmse"), num(t, m, "test_mae"); !(mae > 0 && mae <= rmse) {
		t.Errorf("test MAE %v, RMSE %v: want 0 < MAE <= RMSE", mae, rmse)
	}
	if m["task"] != "regression" || m["settings"].(map[string]any)["task"] != "regression" {
		t.Errorf("metrics.json task %v, settings.task %v", m["task"], m["settings"].(map[string]any)["task"])
	}
	for _, png := range []string{"loss.png", "predicted.png", "heatmap.png"} {
		checkPNG(t, filepath.Join(dir, "run", png))
	}
	if exists(filepath.Join(dir, "run", "boundary.png")) || exists(filepath.Join(dir, "run", "roc.png")) {
		t.Error("a regression run wrote a classifier's plot")
	}
	// eval on fresh points, predict's prediction column.
	r = mustCode(t, dir, nil, 0, "eval", "--model", "run", "--data", "reg-plane", "--seed", "3", "--json")
	if r2 := num(t, decodeJSON(t, "eval", r.stdout), "r2"); r2 < 0.95 {
		t.Errorf("eval on fresh reg-plane points: R² %v", r2)
	}
	writeFile(t, filepath.Join(dir, "in.csv"), "id,x2,x1\na,0.5,0.5\nb,0.2,-1\n")
	r = mustCode(t, dir, nil, 0, "predict", "--model", "run", "--in", "in.csv")
	header, rows := parseCSV(t, "predictions", r.stdout)
	if !slices.Equal(header, []string{"id", "x2", "x1", "prediction"}) || len(rows) != 2 {
		t.Fatalf("predict: header %v, %d rows", header, len(rows))
	}
	r = mustCode(t, dir, nil, exitUsage, "eval", "--model", "run", "--data", "circle")
	if !strings.Contains(r.stderr, "is a regression model") {
		t.Errorf("eval of a regression model on circle: %q", r.stderr)
	}
}

func TestFitRegressionCSVAndLosses(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("a,b,y\n")
	for i := range 60 {
		x1, x2 := float64(i%10)/5-1, float64(i/10)/3-1
		b.WriteString(strings.Join([]string{ftoa(x1), ftoa(x2), ftoa(2*x1 - x2 + 0.5)}, ",") + "\n")
	}
	writeFile(t, filepath.Join(dir, "lin.csv"), b.String())
	for _, loss := range []string{"mse", "l1", "huber", "smooth_l1"} {
		mustCode(t, dir, nil, 0, "fit", "--data", "lin.csv", "--task", "regression", "--loss", loss, "--epochs", "5", "--out", loss, "--quiet")
		s := readJSON(t, filepath.Join(dir, loss, "metrics.json"))["settings"].(map[string]any)
		if s["loss"] != loss {
			t.Errorf("--loss %s: settings.loss %v", loss, s["loss"])
		}
	}
	r := mustCode(t, dir, nil, 0, "eval", "--model", "mse", "--data", "lin.csv", "--json")
	if n := num(t, decodeJSON(t, "eval", r.stdout), "n"); n != 60 {
		t.Errorf("eval of lin.csv: n = %v", n)
	}
	for args, want := range map[string]string{
		"--data lin.csv --task regression --loss bce_with_logits": `--loss "bce_with_logits": a regression model takes one of auto (mse), mse, l1, huber, smooth_l1`,
		"--data circle --task regression":                         "--data circle is a classification set; --task regression needs",
		"--data reg-plane --task classification":                  "--data reg-plane is a regression set",
		"--data lin.csv --task ranking":                           "--task",
	} {
		r := mustCode(t, dir, nil, exitUsage, append([]string{"fit", "--out", "bad"}, strings.Fields(args)...)...)
		if !strings.Contains(r.stderr, want) {
			t.Errorf("%s: stderr %q, want %q", args, r.stderr, want)
		}
	}
	// A continuous target meeting a classifier suggests --task regression.
	r = mustCode(t, dir, nil, 1, "fit", "--data", "lin.csv", "--out", "bad")
	if !strings.Contains(r.stderr, "--task regression") {
		t.Errorf("continuous target as classes: %q", r.stderr)
	}
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// An interrupted regression run, with feature expressions, resumes to the
// same bits as one never interrupted.
func TestFitRegressionResumeBitIdentical(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	base := []string{"fit", "--data", "reg-gauss", "--n", "200", "--epochs", "4", "--batch", "32", "--quiet",
		"--loss", "huber", "--features", "x1,x2,x1*x2,sin(x1)"}
	mustCode(t, dir, nil, 0, append(base, "--out", "whole")...)
	mustCode(t, dir, []string{interruptEnv + "=7"}, exitInterrupted, append(base, "--out", "parts")...)
	mustCode(t, dir, nil, 0, "fit", "--resume", "--out", "parts", "--quiet")
	for _, f := range []string{"model.safetensors", "metrics.json", "history.csv"} {
		if !bytes.Equal(fileBytes(t, filepath.Join(dir, "whole", f)), fileBytes(t, filepath.Join(dir, "parts", f))) {
			t.Errorf("%s of the resumed regression run differs from the uninterrupted run's", f)
		}
	}
}

// datasets lists the regression sets, marked so, and writes one as CSV
// with a y column of its target values.
func TestDatasetsRegression(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := mustCode(t, dir, nil, 0, "datasets")
	for _, name := range []string{"reg-plane", "reg-gauss"} {
		if !strings.Contains(r.stdout, "\n"+name+" [regression] ") {
			t.Errorf("the list does not mark %s as a regression set:\n%s", name, r.stdout)
		}
	}
	r = mustCode(t, dir, nil, 0, "datasets", "--json")
	if !strings.Contains(r.stdout, `"name": "reg-gauss",
    "task": "regression"`) || !strings.Contains(r.stdout, `"name": "moons",
    "task": "classification"`) {
		t.Errorf("datasets --json:\n%s", r.stdout)
	}
	r = mustCode(t, dir, nil, 0, "datasets", "reg-plane", "--n", "40", "--noise", "0", "--csv", "f.csv")
	if !strings.Contains(r.stdout, "reg-plane: 40 points, regression") {
		t.Errorf("description: %q", r.stdout)
	}
	header, rows := readCSV(t, filepath.Join(dir, "f.csv"))
	if !slices.Equal(header, []string{"x1", "x2", "y"}) || len(rows) != 40 {
		t.Fatalf("f.csv: header %v, %d rows", header, len(rows))
	}
	distinct := map[string]bool{}
	for i, row := range rows {
		v := make([]float64, 3)
		for j := range v {
			var err error
			if v[j], err = strconv.ParseFloat(row[j], 64); err != nil {
				t.Fatalf("row %d: %v", i+1, err)
			}
		}
		// Without noise, reg-plane's target is (x1+x2)/2 (X is the point
		// over 5, the target its sum over 10).
		if d := v[2] - (v[0]+v[1])/2; d > 1e-12 || d < -1e-12 {
			t.Errorf("row %d: y = %v for x1 %v, x2 %v", i+1, v[2], v[0], v[1])
		}
		distinct[row[2]] = true
	}
	if len(distinct) < 30 {
		t.Errorf("only %d distinct y values in 40 rows", len(distinct))
	}
	mustCode(t, dir, nil, 0, "fit", "--data", "f.csv", "--task", "regression", "--target", "y", "--epochs", "2", "--out", "run", "--quiet")
	r = mustCode(t, dir, nil, exitUsage, "datasets", "reg-gauss", "--plot", "g.png")
	if !strings.Contains(r.stderr, "reg-gauss is a regression set") || exists(filepath.Join(dir, "g.png")) {
		t.Errorf("--plot of a regression set: %q", r.stderr)
	}
}
