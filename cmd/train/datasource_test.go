package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runInProcess runs the program in this process and returns the exit
// code, stdout and stderr.
func runInProcess(args ...string) result {
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errb)
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

// The data-source flags are one group: the same mistake in --n, --noise,
// --classes, --seed, --data or --target gets the same exit code and the
// same message from every command that takes it.
func TestDataFlagsSameInEveryCommand(t *testing.T) {
	dir := t.TempDir()
	csvFile := filepath.Join(dir, "d.csv")
	writeFile(t, csvFile, "x1,x2,label\n1,2,0\n3,4,1\n")
	folder := filepath.Join(dir, "folder.csv")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.csv")
	m := model(t)
	out := filepath.Join(dir, "run")
	builtin := map[string]func(set string, flags ...string) []string{
		"fit": func(set string, fl ...string) []string {
			return append([]string{"fit", "--data", set, "--out", out}, fl...)
		},
		"eval": func(set string, fl ...string) []string {
			return append([]string{"eval", "--model", m, "--data", set}, fl...)
		},
		"datasets": func(set string, fl ...string) []string { return append([]string{"datasets", set}, fl...) },
	}
	mistakes := []struct {
		set   string
		flags []string
		code  int
		msg   string
	}{
		{"spiral", []string{"--noise", "-0.1"}, exitUsage, "--noise must be 0 or more, got -0.1"},
		{"spiral", []string{"--noise", "x"}, exitUsage, `--noise "x": want a finite number`},
		{"spiral", []string{"--noise", "NaN"}, exitUsage, `--noise "NaN": want a finite number`},
		{"spiral", []string{"--classes", "1"}, exitUsage, "--classes must be at least 2, got 1"},
		{"spiral", []string{"--classes", "1001"}, exitUsage, "--classes must be at most 1000, got 1001"},
		{"spiral", []string{"--n", "2000000"}, exitUsage, "--n must be at most 1000000, got 2000000"},
		{"spiral", []string{"--n", "ten"}, exitUsage, `--n "ten": want a whole number`},
		{"spiral", []string{"--seed", "-1"}, exitUsage, `--seed "-1": want a whole number from 0 to 18446744073709551615`},
		{"circle", []string{"--noise", "2"}, exitUsage, "dataset circle: noise = 2, want at most 1"},
		{"xor", []string{"--classes", "3"}, exitUsage, "dataset xor: classes = 3, but xor has exactly 2 classes"},
	}
	for _, mk := range mistakes {
		for cmd, args := range builtin {
			checkSame(t, args(mk.set, mk.flags...), cmd, mk.code, mk.msg)
		}
	}

	// The CSV side, in the commands that read CSV files.
	fromFile := map[string]func(data string, flags ...string) []string{
		"fit": func(d string, fl ...string) []string {
			return append([]string{"fit", "--data", d, "--out", out}, fl...)
		},
		"eval": func(d string, fl ...string) []string {
			return append([]string{"eval", "--model", m, "--data", d}, fl...)
		},
	}
	csvMistakes := []struct {
		data  string
		flags []string
		code  int
		msg   string
	}{
		{csvFile, []string{"--n", "50"}, exitUsage, "--n applies to built-in data sets only, not to the CSV file " + csvFile},
		{csvFile, []string{"--noise", "0.2"}, exitUsage, "--noise applies to built-in data sets only, not to the CSV file " + csvFile},
		{csvFile, []string{"--classes", "3"}, exitUsage, "--classes applies to built-in data sets only, not to the CSV file " + csvFile},
		{"spiral", []string{"--target", "y"}, exitUsage, "--target applies to CSV files only, not to the built-in data set spiral"},
		{"spirals", nil, exitUsage, `--data "spirals": not a built-in data set (xor, circle, gauss, spiral, moons, blobs) or a CSV file; did you mean spiral?`},
		{"", nil, exitUsage, "missing --data (a built-in data set such as spiral, or a CSV file)"},
		{missing, nil, exitError, missing + ": no such file or directory"},
		{folder, nil, exitError, folder + ": is a directory, not a CSV file"},
	}
	for _, mk := range csvMistakes {
		for cmd, args := range fromFile {
			checkSame(t, args(mk.data, mk.flags...), cmd, mk.code, mk.msg)
		}
	}
	// predict reads its rows from --in, a CSV file checked the same way.
	checkSame(t, []string{"predict", "--model", m, "--in", missing}, "predict", exitError, missing+": no such file or directory")
	checkSame(t, []string{"predict", "--model", m, "--in", folder}, "predict", exitError, folder+": is a directory, not a CSV file")

	if exists(out) {
		t.Errorf("a failed fit wrote %s", out)
	}
}

// checkSame runs args and requires exit code code and, on stderr, msg as
// the command's first line.
func checkSame(t *testing.T, args []string, cmd string, code int, msg string) {
	t.Helper()
	r := runInProcess(args...)
	first, _, _ := strings.Cut(r.stderr, "\n")
	if r.code != code || first != "train "+cmd+": "+msg || r.stdout != "" {
		t.Errorf("train %s:\nexit %d, stderr %q, stdout %q\nwant exit %d, %q", strings.Join(args, " "), r.code, first, r.stdout, code, "train "+cmd+": "+msg)
	}
}
