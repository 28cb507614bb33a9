package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Class labels and paths holding terminal escape sequences are printed
// escaped, in tables and in errors.
func TestEscapeSequencesEscaped(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("x1,x2,label\n")
	for i := range 40 {
		label := "plain"
		if i%2 == 1 {
			label = "\x1b[31mred"
		}
		b.WriteString(strings.Repeat("0.", 1) + string(rune('1'+i%9)) + "," + string(rune('1'+i%2)) + "," + label + "\n")
	}
	writeFile(t, filepath.Join(dir, "esc.csv"), b.String())
	mustCode(t, dir, nil, 0, "fit", "--data", "esc.csv", "--epochs", "2", "--out", "m", "--quiet")
	r := mustCode(t, dir, nil, 0, "eval", "--model", "m", "--data", "esc.csv")
	if strings.Contains(r.stdout, "\x1b") || !strings.Contains(r.stdout, `\x1b[31mred`) {
		t.Errorf("eval printed the label unescaped or not at all:\n%q", r.stdout)
	}
	writeFile(t, filepath.Join(dir, "a-file"), "x")
	r = mustCode(t, dir, nil, 1, "fit", "--data", "moons", "--out", "a-file/\x1b[2J")
	want := "train fit: --out a-file/\\x1b[2J: cannot create the directory: not a directory\n"
	if r.stderr != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
}

// An error line stays short however many classes it could list.
func TestErrorsBounded(t *testing.T) {
	t.Parallel()
	r := mustCode(t, t.TempDir(), nil, 1, "fit", "--data", "spiral", "--classes", "1000", "--n", "1000")
	if len(r.stderr) > 400 || !strings.Contains(r.stderr, "and 990 more") {
		t.Errorf("%d bytes: %s", len(r.stderr), r.stderr)
	}
	if got := oneLine(strings.Repeat("é", 5000)); len(got) > maxMessage+40 || !strings.HasSuffix(got, "more bytes)") {
		t.Errorf("oneLine of 10000 bytes gave %d bytes", len(got))
	}
}

// A failed write to standard output is an error, not a success.
func TestStdoutWriteError(t *testing.T) {
	t.Parallel()
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full:", err)
	}
	defer full.Close()
	for _, args := range [][]string{{"datasets"}, {"datasets", "moons"}, {"fit", "--data", "moons", "--n", "50", "--epochs", "1", "--out", "run", "--json"}} {
		cmd := exec.Command(binary, args...)
		cmd.Dir = t.TempDir()
		cmd.Stdout = full
		var stderr strings.Builder
		cmd.Stderr = &stderr
		err := cmd.Run()
		want := "train " + args[0] + ": writing to standard output: no space left on device\n"
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 || stderr.String() != want {
			t.Errorf("train %s > /dev/full: %v, stderr %q, want exit 1 and %q", strings.Join(args, " "), err, stderr.String(), want)
		}
	}
}

// roc reads numeric labels by value, as fit does: "1" and "1.0" are one
// class, "0" and "-0" another.
func TestROCNumericLabelsByValue(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "s.csv"), "label,score\n1,0.2\n1.0,0.9\n0,0.1\n-0,0.3\n01,0.8\n")
	r := mustCode(t, dir, nil, 0, "roc", "--in", "s.csv", "--json")
	m := decodeJSON(t, "stdout", r.stdout)
	if m["positive"] != "1" || m["negative"] != "0" || num(t, m, "n_positive") != 3 || num(t, m, "n_negative") != 2 {
		t.Errorf("roc --json: %s", r.stdout)
	}
}

// Text that is not UTF-8 is refused alike by every command that reads it,
// naming the byte; predict reads only the feature columns.
func TestNotUTF8Consistent(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mustCode(t, dir, nil, 0, fitArgs("moons", "m", "--quiet")...)
	writeFile(t, filepath.Join(dir, "label.csv"), "x1,x2,label\n1,2,\xff\n3,4,0\n")
	writeFile(t, filepath.Join(dir, "scores.csv"), "label,score\n\xff,1\n0,2\n")
	writeFile(t, filepath.Join(dir, "name.csv"), "x1,x2,\xffz\n1,2,0\n3,4,1\n")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"fit", "--data", "label.csv"}, `train fit: label.csv:2: column 3 "label": the class label "\xff" is not valid UTF-8 (byte 1 of the field); the file must be UTF-8 text`},
		{[]string{"eval", "--model", "m", "--data", "label.csv"}, `train eval: label.csv:2: column 3 "label": the class label "\xff" is not valid UTF-8 (byte 1 of the field); the file must be UTF-8 text`},
		{[]string{"roc", "--in", "scores.csv"}, `train roc: scores.csv:2: column 1 "label": the class label "\xff" is not valid UTF-8 (byte 1 of the field); the file must be UTF-8 text`},
		{[]string{"fit", "--data", "name.csv"}, `train fit: name.csv:1: column 3 "\xffz": the column name "\xffz" is not valid UTF-8 (byte 1 of the field); the file must be UTF-8 text`},
		{[]string{"eval", "--model", "m", "--data", "name.csv"}, `train eval: name.csv:1: column 3 "\xffz": the column name "\xffz" is not valid UTF-8 (byte 1 of the field); the file must be UTF-8 text`},
		{[]string{"predict", "--model", "m", "--in", "name.csv"}, `train predict: name.csv:1: column 3 "\xffz": the column name "\xffz" is not valid UTF-8 (byte 1 of the field); the file must be UTF-8 text`},
		{[]string{"roc", "--in", "name.csv", "--label", "x1", "--score", "x2"}, `train roc: name.csv:1: column 3 "\xffz": the column name "\xffz" is not valid UTF-8 (byte 1 of the field); the file must be UTF-8 text`},
	} {
		r := mustCode(t, dir, nil, 1, tc.args...)
		if r.stderr != tc.want+"\n" {
			t.Errorf("train %s:\n%s\nwant\n%s", strings.Join(tc.args, " "), r.stderr, tc.want)
		}
	}
}

// eval ignores columns that are neither the model's features nor the
// target, as predict does.
func TestEvalIgnoresOtherColumns(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mustCode(t, dir, nil, 0, fitArgs("moons", "m", "--quiet")...)
	writeFile(t, filepath.Join(dir, "extra.csv"), "\ufeff\"id\",x1,note,x2,label\na,0.1,hello,0.2,0\nb,1.5,,0.3,1\n")
	r := mustCode(t, dir, nil, 0, "eval", "--model", "m", "--data", "extra.csv", "--json")
	if m := decodeJSON(t, "stdout", r.stdout); num(t, m, "n") != 2 {
		t.Errorf("eval: %s", r.stdout)
	}
	mustCode(t, dir, nil, 0, "predict", "--model", "m", "--in", "extra.csv")
}
