package main

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// trainedModel fits one small model for the tests of eval and predict,
// once for the whole run.
var trainedModel = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "train-model-")
	if err != nil {
		return "", err
	}
	cleanup = append(cleanup, dir)
	out, err := execTrain(dir, "fit", "--data", "moons", "--n", "300", "--epochs", "20", "--out", "run", "--quiet")
	if err != nil {
		return "", fmt.Errorf("fit: %v\n%s", err, out)
	}
	return filepath.Join(dir, "run"), nil
})

func model(t *testing.T) string {
	t.Helper()
	dir, err := trainedModel()
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestHelp(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cases := [][]string{{"--help"}, {"-h"}, {"help"}}
	for _, c := range commands() {
		cases = append(cases, []string{c.name, "--help"}, []string{c.name, "-h"}, []string{"help", c.name})
	}
	cases = append(cases, []string{"datasets", "spiral", "--help"}, []string{"fit", "--data", "spiral", "--help"})
	for _, args := range cases {
		r := mustCode(t, dir, nil, 0, args...)
		if r.stderr != "" || !strings.Contains(r.stdout, "Usage:") {
			t.Errorf("train %s: stdout %q stderr %q", strings.Join(args, " "), r.stdout, r.stderr)
		}
		if args[0] != "experiment" && args[len(args)-1] != "experiment" && !strings.Contains(r.stdout, "Examples:") {
			t.Errorf("train %s: help without examples", strings.Join(args, " "))
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("help wrote files: %v", entries)
	}
}

func TestExperiment(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := mustCode(t, dir, nil, 0, "experiment", "bce-vs-ce", "--quick", "--out", dir)
	if !strings.Contains(r.stdout, "bce-vs-ce") {
		t.Errorf("stdout %q does not name the experiment", r.stdout)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "bce-vs-ce", "results.json"))
	if err != nil || !json.Valid(raw) {
		t.Fatalf("results.json: %v (valid %v)", err, json.Valid(raw))
	}
	r = mustCode(t, dir, nil, exitUsage, "experiment", "no-such-lesson")
	lines := strings.Split(strings.TrimRight(r.stderr, "\n"), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "train experiment: ") || lines[1] != "Run 'train experiment --help' for usage." {
		t.Errorf("unknown experiment: stderr %q", r.stderr)
	}
}

func TestDatasets(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := mustCode(t, dir, nil, 0, "datasets")
	lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
	names := []string{"xor", "circle", "gauss", "spiral", "moons", "blobs", "reg-plane", "reg-gauss"}
	if len(lines) != len(names) {
		t.Fatalf("%d lines, want one per built-in set:\n%s", len(lines), r.stdout)
	}
	for i, name := range names {
		if f := strings.Fields(lines[i]); len(f) < 3 || f[0] != name {
			t.Errorf("line %d: %q, want %s and its description", i+1, lines[i], name)
		}
	}
	// Flags after the name, as a user types them.
	r = mustCode(t, dir, nil, 0, "datasets", "spiral", "--plot", "s.png", "--classes", "3", "--n", "150", "--csv", "s.csv")
	checkPNG(t, filepath.Join(dir, "s.png"))
	header, rows := readCSV(t, filepath.Join(dir, "s.csv"))
	if !reflect.DeepEqual(header, []string{"x1", "x2", "label"}) || len(rows) != 150 {
		t.Errorf("s.csv: header %v, %d rows", header, len(rows))
	}
	counts := map[string]int{}
	for _, row := range rows {
		counts[row[2]]++
	}
	if !reflect.DeepEqual(counts, map[string]int{"0": 50, "1": 50, "2": 50}) {
		t.Errorf("class counts %v", counts)
	}
	if !strings.Contains(r.stdout, "spiral: 150 points, 3 classes") {
		t.Errorf("description: %q", r.stdout)
	}
	// The same flags and seed give the same points; another seed, others.
	mustCode(t, dir, nil, 0, "datasets", "--n", "150", "--classes", "3", "spiral", "--csv", "t.csv")
	mustCode(t, dir, nil, 0, "datasets", "spiral", "--n", "150", "--classes", "3", "--seed", "2", "--csv", "u.csv")
	if string(fileBytes(t, filepath.Join(dir, "s.csv"))) != string(fileBytes(t, filepath.Join(dir, "t.csv"))) {
		t.Error("same seed, different points")
	}
	if string(fileBytes(t, filepath.Join(dir, "s.csv"))) == string(fileBytes(t, filepath.Join(dir, "u.csv"))) {
		t.Error("seeds 1 and 2 gave the same points")
	}
}

func TestEvalBuiltin(t *testing.T) {
	t.Parallel()
	run := model(t)
	dir := t.TempDir()
	r := mustCode(t, dir, nil, 0, "eval", "--model", run, "--data", "moons", "--n", "200", "--seed", "5")
	for _, want := range []string{"accuracy", "log loss", "AUC", "confusion matrix", "precision", "recall", "f1", "macro avg"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("eval output lacks %q:\n%s", want, r.stdout)
		}
	}
	r = mustCode(t, dir, nil, 0, "eval", "--model", filepath.Join(run, "model.safetensors"), "--data", "moons", "--n", "200", "--seed", "5", "--json")
	m := decodeJSON(t, "stdout", r.stdout)
	if acc := num(t, m, "accuracy"); acc < 0.8 {
		t.Errorf("accuracy %v on fresh moons", acc)
	}
	if ll := num(t, m, "log_loss"); !(ll > 0 && ll < 1) {
		t.Errorf("log loss %v", ll)
	}
	num(t, m, "auc")
	cm := m["confusion_matrix"].([]any)
	total, diag := 0.0, 0.0
	for i, row := range cm {
		for j, v := range row.([]any) {
			total += v.(float64)
			if i == j {
				diag += v.(float64)
			}
		}
	}
	if total != 200 || math.Abs(diag/total-num(t, m, "accuracy")) > 1e-12 {
		t.Errorf("confusion matrix %v does not match 200 rows and the accuracy", cm)
	}
	if pc := m["per_class"].([]any); len(pc) != 2 || pc[1].(map[string]any)["class"] != "1" {
		t.Errorf("per_class %v", pc)
	}
}

func TestEvalAndPredictCSV(t *testing.T) {
	t.Parallel()
	run := model(t)
	dir := t.TempDir()
	// Features in another order, an extra column, the label not last.
	rng := rand.New(rand.NewPCG(3, 4))
	var b strings.Builder
	b.WriteString("id,x2,label,x1\n")
	var want []int
	for i := range 40 {
		x1, x2 := rng.Float64()*3-1, rng.Float64()*1.5-0.5
		fmt.Fprintf(&b, "r%d,%v,%d,%v\n", i, x2, i%2, x1)
		want = append(want, i%2)
	}
	writeFile(t, filepath.Join(dir, "pts.csv"), b.String())

	r := mustCode(t, dir, nil, 0, "predict", "--model", run, "--in", "pts.csv")
	header, rows := parseCSV(t, "stdout", r.stdout)
	if !reflect.DeepEqual(header, []string{"id", "x2", "label", "x1", "p_0", "p_1", "predicted"}) || len(rows) != 40 {
		t.Fatalf("predict: header %v, %d rows", header, len(rows))
	}
	input := strings.Split(strings.TrimSpace(b.String()), "\n")[1:]
	for i, row := range rows {
		if strings.Join(row[:4], ",") != input[i] {
			t.Errorf("row %d: input columns %v, the file has %s", i+1, row[:4], input[i])
		}
		p0, err0 := strconv.ParseFloat(row[4], 64)
		p1, err1 := strconv.ParseFloat(row[5], 64)
		if err0 != nil || err1 != nil || math.Abs(p0+p1-1) > 1e-12 || p0 < 0 || p1 < 0 {
			t.Fatalf("row %d: %v", i+1, row)
		}
		if wantLabel := map[bool]string{true: "1", false: "0"}[p1 > p0]; row[6] != wantLabel {
			t.Errorf("row %d: predicted %s for p %v", i+1, row[6], row)
		}
	}
	mustCode(t, dir, nil, 0, "predict", "--model", run, "--in", "pts.csv", "--out", "pred.csv")
	if got := string(fileBytes(t, filepath.Join(dir, "pred.csv"))); got != r.stdout {
		t.Error("--out file differs from stdout")
	}

	// eval on the CSV: the extra id column is not numeric, so it must be
	// the label column's neighbour only; use a file without it.
	var c strings.Builder
	c.WriteString("x2,label,x1\n")
	for _, line := range strings.Split(strings.TrimSpace(b.String()), "\n")[1:] {
		f := strings.Split(line, ",")
		c.WriteString(f[1] + "," + f[2] + "," + f[3] + "\n")
	}
	writeFile(t, filepath.Join(dir, "lab.csv"), c.String())
	r = mustCode(t, dir, nil, 0, "eval", "--model", run, "--data", "lab.csv", "--target", "label", "--json")
	m := decodeJSON(t, "stdout", r.stdout)
	hits := 0
	for i, row := range rows {
		if row[6] == strconv.Itoa(want[i]) {
			hits++
		}
	}
	if acc := num(t, m, "accuracy"); acc != float64(hits)/40 {
		t.Errorf("eval accuracy %v, predict agrees with the labels on %d of 40", acc, hits)
	}
	if num(t, m, "n") != 40 {
		t.Errorf("n = %v", m["n"])
	}
}

// rocAUC counts pairs: the chance a positive outscores a negative.
func rocAUC(labels []int, scores []float64) float64 {
	var num, pairs float64
	for i := range labels {
		for j := range labels {
			if labels[i] == 1 && labels[j] == 0 {
				pairs++
				switch {
				case scores[i] > scores[j]:
					num++
				case scores[i] == scores[j]:
					num += 0.5
				}
			}
		}
	}
	return num / pairs
}

func TestROC(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(5, 6))
	var labels []int
	var scores []float64
	var b, s strings.Builder
	b.WriteString("score,label,other\n")
	s.WriteString("y,prob\n")
	for i := range 120 {
		y := i % 2
		score := math.Round((rng.Float64()+0.4*float64(y))*20) / 20 // ties on purpose
		labels, scores = append(labels, y), append(scores, score)
		fmt.Fprintf(&b, "%v,%d,x\n", score, y)
		fmt.Fprintf(&s, "%s,%v\n", map[int]string{0: "benign", 1: "malignant"}[y], score)
	}
	writeFile(t, filepath.Join(dir, "s.csv"), b.String())
	writeFile(t, filepath.Join(dir, "named.csv"), s.String())
	want := rocAUC(labels, scores)

	r := mustCode(t, dir, nil, 0, "roc", "--in", "s.csv", "--json", "--plot", "roc.png")
	checkPNG(t, filepath.Join(dir, "roc.png"))
	m := decodeJSON(t, "stdout", r.stdout)
	if auc := num(t, m, "auc"); math.Abs(auc-want) > 1e-12 {
		t.Errorf("auc %v, want %v", auc, want)
	}
	fpr, tpr, th := m["fpr"].([]any), m["tpr"].([]any), m["thresholds"].([]any)
	if len(fpr) != len(tpr) || len(fpr) != len(th)+1 || fpr[0] != 0.0 || tpr[len(tpr)-1] != 1.0 {
		t.Errorf("curve: %d fpr, %d tpr, %d thresholds", len(fpr), len(tpr), len(th))
	}
	if m["positive"] != "1" || m["negative"] != "0" {
		t.Errorf("positive %v negative %v", m["positive"], m["negative"])
	}

	r = mustCode(t, dir, nil, 0, "roc", "--in", "named.csv", "--label", "y", "--score", "prob")
	if !strings.HasPrefix(r.stdout, "AUC "+strconv.FormatFloat(want, 'f', 4, 64)) || !strings.Contains(r.stdout, `positive "malignant" 60 rows`) {
		t.Errorf("named labels: %q (want AUC %.4f, malignant positive)", r.stdout, want)
	}
}

// TestEvalRemembersTarget checks that eval reads the labels from the
// column fit trained on, even when it is not the last one.
func TestEvalRemembersTarget(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("species,a,b\n")
	for i := range 80 {
		fmt.Fprintf(&b, "s%d,%d.5,%d\n", i%2, i%7, i%2*3+i%3)
	}
	writeFile(t, filepath.Join(dir, "f.csv"), b.String())
	mustCode(t, dir, nil, 0, "fit", "--data", "f.csv", "--target", "species", "--epochs", "3", "--out", "m", "--quiet")
	r := mustCode(t, dir, nil, 0, "eval", "--model", "m", "--data", "f.csv", "--json")
	var rep struct{ Rows int }
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("eval --json: %v in %q", err, r.stdout)
	}
}
