package main

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// eval --split test measures exactly the rows fit held out: its figures
// are fit's test metrics, bit for bit, for a CSV file and a built-in set;
// --split val gives the validation metrics.
func TestEvalSplitReproducesFitMetrics(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeBC(t, dir, "bc.csv", 300, 3, false)
	for _, data := range [][]string{{"bc.csv"}, {"circle", "--n", "300"}} {
		mustCode(t, dir, nil, 0, append(append([]string{"fit", "--data"}, data...), "--val", "0.25", "--epochs", "10", "--out", "run", "--quiet")...)
		m := readJSON(t, filepath.Join(dir, "run", "metrics.json"))
		for _, c := range []struct{ split, prefix, n string }{{"test", "test_", "n_test"}, {"val", "val_", "n_val"}} {
			r := mustCode(t, dir, nil, 0, "eval", "--model", "run", "--split", c.split, "--json")
			ev := decodeJSON(t, "eval", r.stdout)
			checks := [][2]string{{"accuracy", c.prefix + "accuracy"}, {"auc", c.prefix + "auc"}, {"n", c.n}}
			if c.split == "test" {
				checks = append(checks, [2]string{"log_loss", "test_log_loss"})
			}
			for _, k := range checks {
				if num(t, ev, k[0]) != num(t, m, k[1]) {
					t.Errorf("%s: eval --split %s %s = %v, fit's %s = %v", data[0], c.split, k[0], ev[k[0]], k[1], m[k[1]])
				}
			}
			if ev["split"] != c.split || num(t, ev, "training_rows") != 0 {
				t.Errorf("%s: split %v training_rows %v", data[0], ev["split"], ev["training_rows"])
			}
		}
		split := readJSON(t, filepath.Join(dir, "run", "split.json"))
		rows := split["rows"].(map[string]any)
		var all []int
		for _, part := range []string{"train", "val", "test"} {
			for _, v := range rows[part].([]any) {
				all = append(all, int(v.(float64)))
			}
		}
		slices.Sort(all)
		if len(all) != 300 || all[0] != 0 || all[299] != 299 || len(slices.Compact(all)) != 300 {
			t.Errorf("%s: split.json's parts are not a partition of the 300 rows", data[0])
		}
	}
}

// A data file changed since fit is an error naming it, and the plain eval
// of the training file warns how many of its rows trained the model.
func TestEvalOnTrainingFileWarns(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeBC(t, dir, "bc.csv", 200, 4, false)
	writeBC(t, dir, "other.csv", 100, 5, false)
	mustCode(t, dir, nil, 0, "fit", "--data", "bc.csv", "--epochs", "5", "--out", "run", "--quiet")
	m := readJSON(t, filepath.Join(dir, "run", "metrics.json"))
	nTrain := int(num(t, m, "n_train"))

	r := mustCode(t, dir, nil, 0, "eval", "--model", "run", "--data", "bc.csv")
	want := "warning: bc.csv is the file the model was fitted on: " + strconv.Itoa(nTrain) + " of its 200 rows trained the model, so these figures are not a measure on unseen rows; for the 40 held-out test rows use 'train eval --model run --split test'\n"
	if r.stderr != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
	r = mustCode(t, dir, nil, 0, "eval", "--model", "run", "--data", "bc.csv", "--json")
	if got := num(t, decodeJSON(t, "eval", r.stdout), "training_rows"); got != float64(nTrain) {
		t.Errorf("--json training_rows %v, want %d", got, nTrain)
	}
	r = mustCode(t, dir, nil, 0, "eval", "--model", "run", "--data", "other.csv", "--json")
	if got := num(t, decodeJSON(t, "eval", r.stdout), "training_rows"); got != 0 || r.stderr != "" {
		t.Errorf("another file: training_rows %v, stderr %q", got, r.stderr)
	}

	b := fileBytes(t, filepath.Join(dir, "bc.csv"))
	writeFile(t, filepath.Join(dir, "bc.csv"), string(bytes.Replace(b, []byte("benign"), []byte("malignant"), 1)))
	r = mustCode(t, dir, nil, 1, "eval", "--model", "run", "--split", "test")
	want = "train eval: bc.csv has changed since 'train fit' recorded its split in run/split.json (its SHA-256 differs), so the rows of the split cannot be found again; evaluate a file with --data instead\n"
	if r.stderr != want {
		t.Errorf("changed file: %q, want %q", r.stderr, want)
	}
	mustCode(t, dir, nil, 2, "eval", "--model", "run", "--split", "test", "--data", "bc.csv")
	mustCode(t, dir, nil, 2, "eval", "--model", "run", "--split", "holdout")
}

// --test 0 trains on every row: no test metrics anywhere, and said so.
func TestFitNoTestSplit(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := mustCode(t, dir, nil, 0, "fit", "--data", "moons", "--n", "200", "--epochs", "5", "--test", "0", "--out", "run")
	if !strings.Contains(r.stdout, "200 training and 0 test rows") || !strings.Contains(r.stdout, "no test metrics") ||
		strings.Contains(r.stdout, "  test") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	m := readJSON(t, filepath.Join(dir, "run", "metrics.json"))
	for k := range m {
		if strings.HasPrefix(k, "test_") {
			t.Errorf("metrics.json has %s without a test part", k)
		}
	}
	header, _ := readCSV(t, filepath.Join(dir, "run", "history.csv"))
	for _, c := range header {
		if strings.HasPrefix(c, "test_") || strings.HasPrefix(c, "val_") {
			t.Errorf("history.csv has %s without a held-out part", c)
		}
	}
	r = mustCode(t, dir, nil, 1, "eval", "--model", "run", "--split", "test")
	if !strings.Contains(r.stderr, "the model has no test split") {
		t.Errorf("eval --split test: %q", r.stderr)
	}
}

// --val-data and --test-data take the parts from files: every row of
// --data trains, and eval --split test reads the test file again.
func TestFitSplitFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeBC(t, dir, "bc.csv", 150, 6, false)
	writeBC(t, dir, "v.csv", 40, 7, false)
	writeBC(t, dir, "t.csv", 60, 8, false)
	r := mustCode(t, dir, nil, 0, "fit", "--data", "bc.csv", "--val-data", "v.csv", "--test-data", "t.csv", "--epochs", "5", "--out", "run", "--json")
	m := decodeJSON(t, "fit", r.stdout)
	if num(t, m, "n_train") != 150 || num(t, m, "n_val") != 40 || num(t, m, "n_test") != 60 {
		t.Errorf("n_train %v n_val %v n_test %v", m["n_train"], m["n_val"], m["n_test"])
	}
	ev := decodeJSON(t, "eval", mustCode(t, dir, nil, 0, "eval", "--model", "run", "--split", "test", "--json").stdout)
	if num(t, ev, "accuracy") != num(t, m, "test_accuracy") || num(t, ev, "n") != 60 {
		t.Errorf("eval --split test: accuracy %v n %v, fit's test_accuracy %v", ev["accuracy"], ev["n"], m["test_accuracy"])
	}
	mustCode(t, dir, nil, 2, "fit", "--data", "bc.csv", "--test-data", "t.csv", "--test", "0.3")
	mustCode(t, dir, nil, 2, "fit", "--data", "bc.csv", "--val-data", "v.csv", "--val", "0.3")
}

// --early-stop stops a run whose validation loss rises, and the saved
// model holds the weights of the epoch of the lowest validation loss.
func TestFitEarlyStop(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeBC(t, dir, "bc.csv", 150, 9, false)
	// A wide network and a high learning rate overfit 150 noisy rows fast.
	r := mustCode(t, dir, nil, 0, "fit", "--data", "bc.csv", "--hidden", "128,128", "--lr", "0.05", "--epochs", "300",
		"--early-stop", "5", "--out", "run")
	if !strings.Contains(r.stderr, "note: --early-stop watches the validation loss") {
		t.Errorf("no note of the validation part taken: %q", r.stderr)
	}
	m := readJSON(t, filepath.Join(dir, "run", "metrics.json"))
	best, stopped, epochs := int(num(t, m, "best_epoch")), int(num(t, m, "stopped_epoch")), int(num(t, m, "epochs"))
	if stopped != epochs || stopped != best+5 || epochs >= 300 {
		t.Fatalf("best epoch %d, stopped %d, epochs %d", best, stopped, epochs)
	}
	header, rows := readCSV(t, filepath.Join(dir, "run", "history.csv"))
	col := column(t, header, "val_loss")
	lowest := math.Inf(1)
	for _, row := range rows {
		v, _ := strconv.ParseFloat(row[col], 64)
		lowest = min(lowest, v)
	}
	atBest, _ := strconv.ParseFloat(rows[best-1][col], 64)
	last, _ := strconv.ParseFloat(rows[len(rows)-1][col], 64)
	if atBest != lowest || num(t, m, "val_loss") != lowest || last == lowest {
		t.Errorf("val loss: metrics.json %v, history's lowest %v at best epoch %v, last %v", m["val_loss"], lowest, atBest, last)
	}
	split := readJSON(t, filepath.Join(dir, "run", "split.json"))
	if n := len(split["rows"].(map[string]any)["val"].([]any)); n != int(num(t, m, "n_val")) || n != 12 {
		t.Errorf("%d validation rows in split.json, n_val %v; want 10%% of 120", n, m["n_val"])
	}
}

// An interrupted run with --early-stop, resumed, ends with the same files,
// bit for bit, as a run never interrupted.
func TestFitEarlyStopResumeBitIdentical(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeBC(t, dir, "bc.csv", 150, 9, false)
	base := []string{"fit", "--data", "bc.csv", "--hidden", "128,128", "--lr", "0.05", "--epochs", "300", "--early-stop", "5", "--val", "0.2", "--quiet"}
	mustCode(t, dir, nil, 0, append(base, "--out", "whole")...)
	m := readJSON(t, filepath.Join(dir, "whole", "metrics.json"))
	if num(t, m, "stopped_epoch") == 0 {
		t.Fatal("the run did not stop early")
	}
	// 96 training rows make 3 steps an epoch: stop after the best epoch.
	at := 3*int(num(t, m, "best_epoch")) + 2
	mustCode(t, dir, []string{interruptEnv + "=" + strconv.Itoa(at)}, exitInterrupted, append(base, "--out", "parts")...)
	mustCode(t, dir, nil, 0, "fit", "--resume", "--out", "parts", "--quiet")
	for _, f := range []string{"model.safetensors", "metrics.json", "history.csv", "split.json"} {
		a, _ := os.ReadFile(filepath.Join(dir, "whole", f))
		b, _ := os.ReadFile(filepath.Join(dir, "parts", f))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s of the resumed run differs from the uninterrupted run's", f)
		}
	}
}

// eval --split measures a regression model too: --split test and --split
// train give fit's RMSE, MAE and R² of those parts bit for bit, for a
// built-in set and a CSV file with a numeric target.
func TestEvalSplitRegressionReproducesFitMetrics(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mustCode(t, dir, nil, 0, "datasets", "reg-plane", "--n", "200", "--seed", "4", "--csv", "plane.csv", "--quiet")
	for _, data := range [][]string{{"reg-gauss", "--n", "300"}, {"plane.csv", "--task", "regression", "--target", "y"}} {
		mustCode(t, dir, nil, 0, append(append([]string{"fit", "--data"}, data...), "--epochs", "10", "--out", "run", "--quiet")...)
		m := readJSON(t, filepath.Join(dir, "run", "metrics.json"))
		for _, part := range []string{"test", "train"} {
			r := mustCode(t, dir, nil, 0, "eval", "--model", "run", "--split", part, "--json")
			ev := decodeJSON(t, "eval", r.stdout)
			for _, k := range [][2]string{{"rmse", part + "_rmse"}, {"mae", part + "_mae"}, {"r2", part + "_r2"}, {"n", "n_" + part}} {
				if num(t, ev, k[0]) != num(t, m, k[1]) {
					t.Errorf("%s: eval --split %s %s = %v, fit's %s = %v", data[0], part, k[0], ev[k[0]], k[1], m[k[1]])
				}
			}
			if ev["split"] != part || ev["task"] != "regression" {
				t.Errorf("%s: split %v task %v", data[0], ev["split"], ev["task"])
			}
		}
		r := mustCode(t, dir, nil, 0, "eval", "--model", "run", "--split", "test")
		if !strings.Contains(r.stdout, "on the test split of "+data[0]) || !strings.Contains(r.stdout, "RMSE") {
			t.Errorf("%s: eval --split test printed:\n%s", data[0], r.stdout)
		}
	}
}
