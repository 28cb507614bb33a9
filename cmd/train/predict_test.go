package main

import (
	"math"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/train/metrics"
)

// predict keeps the input's columns, so roc can score its probabilities
// against the file's own true labels: the AUC roc prints is that of the
// probabilities for those labels, and not the trivial 1 of a model scored
// against its own predictions.
func TestPredictThenROCOnTrueLabels(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeBC(t, dir, "bc.csv", 300, 1, false)
	writeBC(t, dir, "new.csv", 200, 2, true)
	mustCode(t, dir, nil, 0, "fit", "--data", "bc.csv", "--hidden", "8", "--epochs", "15", "--out", "run", "--quiet")
	mustCode(t, dir, nil, 0, "predict", "--model", "run", "--in", "new.csv", "--out", "p.csv")
	header, rows := readCSV(t, filepath.Join(dir, "p.csv"))
	inHeader, inRows := readCSV(t, filepath.Join(dir, "new.csv"))
	want := append(append([]string{}, inHeader...), "p_benign", "p_malignant", "predicted")
	if !reflect.DeepEqual(header, want) || len(rows) != len(inRows) {
		t.Fatalf("header %v (%d rows), want %v (%d rows)", header, len(rows), want, len(inRows))
	}
	labelCol, scoreCol := column(t, header, "label"), column(t, header, "p_malignant")
	labels, scores := make([]int, len(rows)), make([]float64, len(rows))
	for i, row := range rows {
		if !reflect.DeepEqual(row[:len(inHeader)], inRows[i]) {
			t.Fatalf("row %d: input columns %v, the file has %v", i+1, row[:len(inHeader)], inRows[i])
		}
		if row[labelCol] == "malignant" {
			labels[i] = 1
		}
		var err error
		if scores[i], err = strconv.ParseFloat(row[scoreCol], 64); err != nil {
			t.Fatal(err)
		}
	}
	wantAUC, err := metrics.ROCAUC(labels, scores)
	if err != nil {
		t.Fatal(err)
	}
	if !(wantAUC > 0.7 && wantAUC < 1) {
		t.Fatalf("AUC of the probabilities %v: want a good but imperfect model on noisy data", wantAUC)
	}
	r := mustCode(t, dir, nil, 0, "roc", "--in", "p.csv", "--label", "label", "--score", "p_malignant", "--json")
	m := decodeJSON(t, "roc", r.stdout)
	if got := num(t, m, "auc"); math.Abs(got-wantAUC) > 1e-12 || m["positive"] != "malignant" {
		t.Errorf("roc: AUC %v positive %v; the probabilities' AUC is %v", got, m["positive"], wantAUC)
	}
}

// An input column named like an output column is an error naming it:
// the output would otherwise hold two columns of that name.
func TestPredictRejectsClashingColumn(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	run := model(t)
	for _, col := range []string{"predicted", "p_1"} {
		writeFile(t, filepath.Join(dir, "in.csv"), "x1,x2,"+col+"\n0.1,0.2,a\n0.3,0.4,b\n")
		r := mustCode(t, dir, nil, 1, "predict", "--model", run, "--in", "in.csv")
		want := `train predict: in.csv: column 3 is called "` + col + `", a name predict gives its own output column; rename the column`
		if strings.TrimSpace(r.stderr) != want || r.stdout != "" {
			t.Errorf("stderr %q, want %q; stdout %q", r.stderr, want, r.stdout)
		}
	}
}

// predict reads a pipe once: the rows it writes back come from the bytes
// it read for the features, not from a second read that finds nothing.
func TestPredictFromPipeKeepsRows(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mustCode(t, dir, nil, 0, fitArgs("moons", "m", "--quiet")...)
	in := "id,x1,x2\na,0.1,0.2\nb,1.5,-0.3\n"
	cmd := exec.Command(binary, "predict", "--model", "m", "--in", "/dev/stdin")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(in) // a pipe, not a file
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("train predict --in /dev/stdin: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 3 || lines[0] != "id,x1,x2,p_0,p_1,predicted" || !strings.HasPrefix(lines[1], "a,0.1,0.2,") || !strings.HasPrefix(lines[2], "b,1.5,-0.3,") {
		t.Errorf("predict from a pipe wrote:\n%s", out)
	}
}

// predict on a regression model keeps the input's rows as the classifier
// path does: every input column unchanged and in order, then prediction,
// the model's value for the row; an input column called prediction is an
// error naming it.
func TestPredictRegressionKeepsRows(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mustCode(t, dir, nil, 0, "fit", "--data", "reg-plane", "--epochs", "5", "--out", "run", "--quiet")
	in := "id,x2,note,x1\na,0.5,\"one, two\",0.5\nb,0.2,,-1\nc,-1,z,1\n"
	writeFile(t, filepath.Join(dir, "in.csv"), in)
	r := mustCode(t, dir, nil, 0, "predict", "--model", "run", "--in", "in.csv", "--out", "p.csv", "--json")
	if m := decodeJSON(t, "predict", r.stdout); m["task"] != "regression" || num(t, m, "rows") != 3 {
		t.Errorf("predict --json: %v", m)
	}
	header, rows := readCSV(t, filepath.Join(dir, "p.csv"))
	inHeader, inRows := readCSV(t, filepath.Join(dir, "in.csv"))
	if want := append(slices.Clone(inHeader), "prediction"); !reflect.DeepEqual(header, want) || len(rows) != len(inRows) {
		t.Fatalf("header %v (%d rows), want %v (%d rows)", header, len(rows), want, len(inRows))
	}
	preds := map[string]float64{}
	for i, row := range rows {
		if !reflect.DeepEqual(row[:len(inHeader)], inRows[i]) {
			t.Fatalf("row %d: input columns %v, the file has %v", i+1, row[:len(inHeader)], inRows[i])
		}
		v, err := strconv.ParseFloat(row[len(inHeader)], 64)
		if err != nil {
			t.Fatalf("row %d: prediction %q: %v", i+1, row[len(inHeader)], err)
		}
		preds[row[0]] = v
	}
	// reg-plane's target grows with x1+x2: the model must order the rows so.
	if !(preds["b"] < preds["c"] && preds["c"] < preds["a"]) {
		t.Errorf("predictions %v: want b < c < a (x1+x2 = -0.8, 0, 1)", preds)
	}
	writeFile(t, filepath.Join(dir, "bad.csv"), "x1,prediction,x2\n0.1,3,0.2\n")
	r = mustCode(t, dir, nil, 1, "predict", "--model", "run", "--in", "bad.csv", "--out", "p.csv")
	want := `train predict: bad.csv: column 2 is called "prediction", a name predict gives its own output column; rename the column`
	if strings.TrimSpace(r.stderr) != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
	if _, after := readCSV(t, filepath.Join(dir, "p.csv")); len(after) != 3 {
		t.Errorf("a refused predict changed p.csv: %d rows", len(after))
	}
}
