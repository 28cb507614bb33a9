package main

import (
	"bytes"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// lrColumn returns the learning rate of every epoch in run's history.csv.
func lrColumn(t *testing.T, run string) []float64 {
	t.Helper()
	header, rows := readCSV(t, filepath.Join(run, "history.csv"))
	c := column(t, header, "lr")
	var out []float64
	for _, r := range rows {
		v, err := strconv.ParseFloat(r[c], 64)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

func TestFitSchedule(t *testing.T) {
	t.Parallel()
	cos := func(e, n int) float64 { return 0.01 * (1 + math.Cos(math.Pi*float64(e)/float64(n))) / 2 }
	cases := []struct {
		spec string
		want []float64
	}{
		{"step:2:0.5", []float64{0.01, 0.01, 0.005, 0.005, 0.0025, 0.0025}},
		{"Step:4", []float64{0.01, 0.01, 0.01, 0.01, 0.001, 0.001}},
		{"exponential:0.5", []float64{0.01, 0.005, 0.0025, 0.00125, 0.000625, 0.0003125}},
		{"cosine", []float64{cos(0, 6), cos(1, 6), cos(2, 6), cos(3, 6), cos(4, 6), cos(5, 6)}},
		{"warmup:2+cosine", []float64{0.01 / 3, 0.01 * 2 / 3, cos(0, 4), cos(1, 4), cos(2, 4), cos(3, 4)}},
	}
	for _, c := range cases {
		t.Run(c.spec, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			mustCode(t, dir, nil, 0, "fit", "--data", "moons", "--n", "100", "--epochs", "6", "--schedule", c.spec, "--quiet", "--out", "run")
			got := lrColumn(t, filepath.Join(dir, "run"))
			for i := range c.want {
				if i >= len(got) || math.Abs(got[i]-c.want[i]) > 1e-12 {
					t.Fatalf("lr per epoch %v, want %v", got, c.want)
				}
			}
			settings, _ := readJSON(t, filepath.Join(dir, "run", "metrics.json"))["settings"].(map[string]any)
			if settings["schedule"] != strings.ToLower(c.spec) {
				t.Errorf("settings schedule %v, want %q", settings["schedule"], strings.ToLower(c.spec))
			}
		})
	}
}

// moonsWithExtras writes a CSV of moons with an id column and, if holes,
// two rows with an empty field.
func moonsWithExtras(t *testing.T, dir string, holes bool) {
	t.Helper()
	mustCode(t, dir, nil, 0, "datasets", "moons", "--n", "120", "--csv", "plain.csv")
	header, rows := readCSV(t, filepath.Join(dir, "plain.csv"))
	var b bytes.Buffer
	fmt.Fprintf(&b, "id,%s\n", strings.Join(header, ","))
	for i, r := range rows {
		if holes && (i == 5 || i == 50) {
			r[1] = ""
		}
		fmt.Fprintf(&b, "row%d,%s\n", i, strings.Join(r, ","))
	}
	writeFile(t, filepath.Join(dir, "m.csv"), b.String())
}

func TestFitExtrasResumeBitIdentical(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	moonsWithExtras(t, dir, true)
	base := []string{"fit", "--data", "m.csv", "--drop", "id", "--drop-missing", "--epochs", "5", "--batch", "16",
		"--schedule", "step:2:0.5", "--clip-grad-norm", "0.5", "--class-weight", "balanced", "--quiet"}
	mustCode(t, dir, nil, 0, append(base, "--out", "whole")...)
	mustCode(t, dir, []string{interruptEnv + "=9"}, exitInterrupted, append(base, "--out", "parts")...)
	mustCode(t, dir, nil, 0, "fit", "--resume", "--out", "parts", "--quiet")
	if !bytes.Equal(fileBytes(t, filepath.Join(dir, "whole", "model.safetensors")), fileBytes(t, filepath.Join(dir, "parts", "model.safetensors"))) {
		t.Error("the resumed run differs from the uninterrupted one")
	}
	m := readJSON(t, filepath.Join(dir, "whole", "metrics.json"))
	s, _ := m["settings"].(map[string]any)
	if s["class_weight"] != "balanced" || s["clip_grad_norm"] != 0.5 || s["drop_missing"] != true || fmt.Sprint(s["drop"]) != "[id]" {
		t.Errorf("settings %v lack the extras", s)
	}
	if num(t, m, "rows_dropped") != 2 || num(t, m, "n_train")+num(t, m, "n_test") != 118 {
		t.Errorf("rows_dropped %v, rows %v+%v; want 2 dropped of 120", m["rows_dropped"], m["n_train"], m["n_test"])
	}
	if fmt.Sprint(m["features"]) != "[x1 x2]" {
		t.Errorf("features %v: --drop id did not drop the id column", m["features"])
	}
}

// Each extra changes the training: without it, the model differs.
func TestFitExtrasTakeEffect(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	moonsWithExtras(t, dir, false)
	base := []string{"fit", "--data", "m.csv", "--drop", "id", "--epochs", "3", "--quiet"}
	mustCode(t, dir, nil, 0, append(base, "--out", "plain")...)
	plain := fileBytes(t, filepath.Join(dir, "plain", "model.safetensors"))
	for i, extra := range [][]string{
		{"--clip-grad-norm", "0.01"},
		{"--class-weight", "1,5"},
		{"--class-weight", "3,1", "--loss", "cross_entropy"},
	} {
		out := fmt.Sprintf("run%d", i)
		mustCode(t, dir, nil, 0, append(append(base, "--out", out), extra...)...)
		if bytes.Equal(plain, fileBytes(t, filepath.Join(dir, out, "model.safetensors"))) {
			t.Errorf("%v: the model is the same as without it", extra)
		}
	}
}

func TestFitExtrasErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	moonsWithExtras(t, dir, true)
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--data", "moons", "--schedule", "linear:3"}, exitUsage, `--schedule "linear:3": want step:STEP_SIZE[:GAMMA]`},
		{[]string{"--data", "moons", "--schedule", "step"}, exitUsage, `--schedule "step": step takes 1 to 2 parameter(s), got 0`},
		{[]string{"--data", "moons", "--schedule", "step:0"}, exitUsage, `--schedule "step:0": optim: StepLR.StepSize`},
		{[]string{"--data", "moons", "--schedule", "cosine+step:2"}, exitUsage, "only a warm-up is followed by another schedule"},
		{[]string{"--data", "moons", "--clip-grad-norm", "0"}, exitUsage, "--clip-grad-norm must be greater than 0, got 0"},
		{[]string{"--data", "moons", "--class-weight", "1,x"}, exitUsage, `--class-weight "1,x": "x" is not a positive number`},
		{[]string{"--data", "moons", "--class-weight", "1,2,3"}, exitUsage, `--class-weight "1,2,3": 3 weight(s) for 2 classes (0, 1)`},
		{[]string{"--data", "moons", "--loss", "mse", "--class-weight", "1,2"}, exitUsage, "--class-weight applies to --loss cross_entropy and bce_with_logits, not mse"},
		{[]string{"--data", "moons", "--drop-missing"}, exitUsage, "--drop and --drop-missing apply to CSV files only"},
		{[]string{"--data", "m.csv", "--drop", "id"}, 1, `m.csv:7: column 3 "x2": empty field; want a number (--drop-missing skips rows with an empty field)`},
		{[]string{"--data", "m.csv", "--drop", "idd", "--drop-missing"}, 1, `no column "idd" to drop`},
	}
	for _, c := range cases {
		r := mustCode(t, dir, nil, c.code, append([]string{"fit", "--epochs", "1", "--out", "run"}, c.args...)...)
		if !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: stderr %q, want %q", c.args, r.stderr, c.want)
		}
	}
	r := mustCode(t, dir, nil, 0, "fit", "--data", "m.csv", "--drop", "id", "--drop-missing", "--epochs", "1", "--out", "run")
	if !strings.Contains(r.stdout, "skipped 2 row(s) with an empty field (--drop-missing)") {
		t.Errorf("summary does not report the skipped rows:\n%s", r.stdout)
	}
}

// --drop and --drop-missing reach the --val-data and --test-data files,
// and split.json records them, so that eval --split reads the data again
// as fit did and reproduces its test metrics.
func TestFitDropWithSplitFilesAndEvalSplit(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	moonsWithExtras(t, dir, true)
	mustCode(t, dir, nil, 0, "fit", "--data", "m.csv", "--drop", "id", "--drop-missing", "--val-data", "m.csv",
		"--epochs", "3", "--out", "run", "--quiet")
	m := readJSON(t, filepath.Join(dir, "run", "metrics.json"))
	if num(t, m, "rows_dropped") != 4 || num(t, m, "n_val") != 118 {
		t.Errorf("rows_dropped %v, n_val %v; want 4 (2 in each file) and 118", m["rows_dropped"], m["n_val"])
	}
	src, _ := readJSON(t, filepath.Join(dir, "run", "split.json"))["source"].(map[string]any)
	if fmt.Sprint(src["drop"]) != "[id]" || src["drop_missing"] != true || num(t, src, "rows") != 118 {
		t.Errorf("split.json source %v: want drop [id], drop_missing true, 118 rows", src)
	}
	for _, c := range []struct{ split, prefix, n string }{{"test", "test_", "n_test"}, {"val", "val_", "n_val"}} {
		ev := decodeJSON(t, "eval", mustCode(t, dir, nil, 0, "eval", "--model", "run", "--split", c.split, "--json").stdout)
		for _, k := range [][2]string{{"accuracy", c.prefix + "accuracy"}, {"n", c.n}} {
			if num(t, ev, k[0]) != num(t, m, k[1]) {
				t.Errorf("eval --split %s %s = %v, fit's %s = %v", c.split, k[0], ev[k[0]], k[1], m[k[1]])
			}
		}
	}
}

// eval --quiet prints nothing, not even the warning that the rows trained
// the model; without it, the warning is there.
func TestEvalQuietOnTrainingFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mustCode(t, dir, nil, 0, "datasets", "moons", "--n", "100", "--csv", "plain.csv")
	mustCode(t, dir, nil, 0, "fit", "--data", "plain.csv", "--epochs", "2", "--out", "run", "--quiet")
	if r := mustCode(t, dir, nil, 0, "eval", "--model", "run", "--data", "plain.csv"); !strings.Contains(r.stderr, "trained the model") {
		t.Errorf("eval on the training file gave no warning: %q", r.stderr)
	}
	if r := mustCode(t, dir, nil, 0, "eval", "--model", "run", "--data", "plain.csv", "--quiet"); r.stdout != "" || r.stderr != "" {
		t.Errorf("eval --quiet printed %q, %q", r.stdout, r.stderr)
	}
	if r := mustCode(t, dir, nil, 0, "eval", "--model", "run", "--split", "test", "--quiet"); r.stdout != "" || r.stderr != "" {
		t.Errorf("eval --split test --quiet printed %q, %q", r.stdout, r.stderr)
	}
}
