package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// execTrain runs the binary outside a test, for shared fixtures.
func execTrain(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	return cmd.CombinedOutput()
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "d.csv"), "a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n")
	tests := []struct {
		args []string
		cmd  string // "" for train itself
		msg  string // the first line after "train <cmd>: "
	}{
		{[]string{"frobnicate"}, "", `unknown command "frobnicate"`},
		{[]string{"--data", "spiral"}, "", `flag --data before the command; the command comes first, as in 'train fit --data spiral'`},
		{[]string{"help", "nope"}, "", `unknown command "nope"`},
		{[]string{"fit"}, "fit", "missing --data (a built-in data set such as spiral, or a CSV file)"},
		{[]string{"fit", "--data", "spiral", "--epochs", "-1"}, "fit", "--epochs must be at least 1, got -1"},
		{[]string{"fit", "--data", "spiral", "--epochs", "0"}, "fit", "--epochs must be at least 1, got 0"},
		{[]string{"fit", "--data", "spiral", "--epochs", "ten"}, "fit", `--epochs "ten": want a whole number`},
		{[]string{"fit", "--data", "spiral", "--lr", "0"}, "fit", "--lr must be greater than 0, got 0"},
		{[]string{"fit", "--data", "spiral", "--lr", "-0.1"}, "fit", "--lr must be greater than 0, got -0.1"},
		{[]string{"fit", "--data", "spiral", "--lr", "inf"}, "fit", `--lr "inf": want a finite number`},
		{[]string{"fit", "--data", "spiral", "--test", "1.5"}, "fit", "--test must be a fraction from 0 (no test split) to 1 (exclusive), got 1.5"},
		{[]string{"fit", "--data", "spiral", "--test", "-0.1"}, "fit", "--test must be a fraction from 0 (no test split) to 1 (exclusive), got -0.1"},
		{[]string{"fit", "--data", "spiral", "--hidden", "16,,16"}, "fit", `--hidden "16,,16": layer 2 is empty; want sizes separated by commas, such as 16,16`},
		{[]string{"fit", "--data", "spiral", "--hidden", "16,-2"}, "fit", `--hidden "16,-2": layer 2 is "-2"; want a whole number from 1 to 65536`},
		{[]string{"fit", "--data", "spiral", "--batch", "0"}, "fit", "--batch must be at least 1, got 0"},
		{[]string{"fit", "--data", "spiral", "--n", "5"}, "fit", "--n must be at least 10, got 5"},
		{[]string{"fit", "--data", "spiral", "--noise", "-0.1"}, "fit", "--noise must be 0 or more, got -0.1"},
		{[]string{"fit", "--data", "circle", "--noise", "2"}, "fit", "dataset circle: noise = 2, want at most 1"},
		{[]string{"fit", "--data", "xor", "--classes", "3"}, "fit", "dataset xor: classes = 3, but xor has exactly 2 classes"},
		{[]string{"fit", "--data", "spiral", "--classes", "1"}, "fit", "--classes must be at least 2, got 1"},
		{[]string{"fit", "--data", "spiral", "--act", "swish"}, "fit", `--act: unknown activation "swish" (known: `},
		{[]string{"fit", "--data", "spiral", "--act", "leaky_relu:x"}, "fit", `--act: activation "leaky_relu": negative_slope: "x" is not a finite number`},
		{[]string{"fit", "--data", "spiral", "--opt", "lbfgs"}, "fit", `--opt "lbfgs": want one of adam, sgd, adamw, rmsprop`},
		{[]string{"fit", "--data", "spiral", "--loss", "hinge"}, "fit", `--loss "hinge": want one of auto, bce_with_logits, cross_entropy, mse`},
		{[]string{"fit", "--data", "spiral", "--init", "random"}, "fit", `--init: unknown init "random" (known: `},
		{[]string{"fit", "--data", "blobs", "--loss", "bce"}, "fit", "--loss bce_with_logits needs two classes, but blobs has 3; use --loss cross_entropy"},
		{[]string{"fit", "--data", "spiral", "--opt", "sgd", "--momentum", "1"}, "fit", "--momentum must be in [0, 1), got 1"},
		{[]string{"fit", "--data", "spiral", "--opt", "sgd", "--momentum", "-0.5"}, "fit", "--momentum must be in [0, 1), got -0.5"},
		{[]string{"fit", "--data", "spiral", "--momentum", "0.9"}, "fit", "--momentum applies to --opt sgd and rmsprop only, not adam"},
		{[]string{"fit", "--data", "spiral", "--weight-decay", "-1"}, "fit", "--weight-decay must be 0 or more, got -1"},
		{[]string{"fit", "--data", "spiral", "--seed", "-3"}, "fit", `--seed "-3": want a whole number from 0 to 18446744073709551615`},
		{[]string{"fit", "--data", "spiral", "--verbose"}, "fit", "unknown flag --verbose"},
		{[]string{"fit", "--data", "spiral", "--threads", "0"}, "fit", "--threads must be at least 1, got 0"},
		{[]string{"fit", "--data", "spiral", "--out"}, "fit", "flag --out needs a value"},
		{[]string{"fit", "--data", "spiral", "extra"}, "fit", `unexpected argument "extra"`},
		{[]string{"fit", "--data", "spirals"}, "fit", `--data "spirals": not a built-in data set (xor, circle, gauss, spiral, moons, blobs) or a CSV file; did you mean spiral?`},
		{[]string{"fit", "--data", "spiral", "--target", "y"}, "fit", "--target applies to CSV files only, not to the built-in data set spiral"},
		{[]string{"fit", "--data", "d.csv", "--n", "50"}, "fit", "--n applies to built-in data sets only, not to the CSV file d.csv"},
		{[]string{"fit", "--resume", "--data", "spiral"}, "fit", "--data cannot be given with --resume, which continues with the checkpoint's settings (only --out, --json, --quiet and --threads can)"},
		{[]string{"fit", "--data", "spiral", "--quiet=maybe"}, "fit", `--quiet "maybe": want true or false`},
		{[]string{"eval", "--data", "spiral"}, "eval", "missing --model (a model file or the directory 'train fit' wrote)"},
		{[]string{"eval", "--model", "run"}, "eval", "missing --data (a built-in data set such as spiral, or a CSV file)"},
		{[]string{"eval", "--model", "run", "--data", "spiral", "--n", "0"}, "eval", "--n must be at least 1, got 0"},
		{[]string{"eval", "--model", "run", "--data", "d.csv", "--seed", "3"}, "eval", "--seed applies to built-in data sets only, not to the CSV file d.csv"},
		{[]string{"predict", "--model", "run"}, "predict", "missing --in (the CSV file of rows to predict)"},
		{[]string{"predict", "--model", "run", "--in", "d.csv", "more.csv"}, "predict", `unexpected argument "more.csv"`},
		{[]string{"roc"}, "roc", "missing --in (a CSV file of labels and scores)"},
		{[]string{"roc", "--in", "d.csv", "--label", "a", "--score", "a"}, "roc", `--label and --score both name column "a"`},
		{[]string{"datasets", "spirals"}, "datasets", `unknown data set "spirals"; the built-in sets are xor, circle, gauss, spiral, moons, blobs; did you mean spiral?`},
		{[]string{"datasets", "spiral", "moons"}, "datasets", `unexpected argument "moons"; give one data set name`},
		{[]string{"datasets", "--plot", "x.png"}, "datasets", "--plot needs a data set name, as in 'train datasets spiral --plot ...'"},
		{[]string{"datasets", "spiral", "--n", "-4"}, "datasets", "--n must be at least 1, got -4"},
	}
	for _, tc := range tests {
		r := mustCode(t, dir, nil, exitUsage, tc.args...)
		prog := "train"
		if tc.cmd != "" {
			prog += " " + tc.cmd
		}
		lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
		wantFirst := prog + ": " + tc.msg
		if len(lines) != 2 || !strings.HasPrefix(lines[0], wantFirst) || (!strings.HasSuffix(tc.msg, "(known: ") && lines[0] != wantFirst) ||
			lines[1] != "Run '"+prog+" --help' for usage." {
			t.Errorf("train %s:\n%s\nwant\n%s\nRun '%s --help' for usage.", strings.Join(tc.args, " "), r.stderr, wantFirst, prog)
		}
		if r.stdout != "" {
			t.Errorf("train %s: stdout %q", strings.Join(tc.args, " "), r.stdout)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("usage errors left files behind: %v", entries)
	}
	// No command at all: the overview, on stderr.
	r := mustCode(t, dir, nil, exitUsage)
	if !strings.Contains(r.stderr, "Commands:") || r.stdout != "" {
		t.Errorf("bare train: stdout %q stderr %q", r.stdout, r.stderr)
	}
}

func TestRuntimeErrors(t *testing.T) {
	t.Parallel()
	run := model(t)
	dir := t.TempDir()
	files := map[string]string{
		"bad.csv":             "x1,x2,label\n0.1,0.2,0\n0.3,oops,1\n",
		"short.csv":           "x1,x2,label\n0.1,0.2,0\n0.3,1\n",
		"oneclass.csv":        "x1,x2,label\n0.1,0.2,a\n0.3,0.4,a\n",
		"nox2.csv":            "x1,label\n0.1,0\n0.3,1\n",
		"newclass.csv":        "x1,x2,label\n0.1,0.2,0\n0.3,0.4,7\n",
		"garbage.safetensors": "this is not a model",
		"scores.csv":          "label,score\n1,0.9\n0,0.1\n1,NaN\n",
		"one.csv":             "label,score\n1,0.9\n1,0.1\n",
		"three.csv":           "label,score\n1,0.9\n0,0.1\n2,0.5\n",
		"noscore.csv":         "label,p\n1,0.9\n0,0.1\n",
	}
	for name, text := range files {
		writeFile(t, filepath.Join(dir, name), text)
	}
	writeFile(t, filepath.Join(dir, "afile"), "x")
	tests := []struct {
		args []string
		msg  string // stderr, one line
	}{
		{[]string{"fit", "--data", "missing.csv"}, "train fit: missing.csv: no such file or directory"},
		{[]string{"fit", "--data", "bad.csv"}, `train fit: bad.csv:3: column 2 "x2": "oops" is not a number`},
		{[]string{"fit", "--data", "short.csv"}, "train fit: short.csv:3: "},
		{[]string{"fit", "--data", "oneclass.csv"}, `train fit: oneclass.csv: column 3 "label": only one class, "a", in 2 rows; need at least two`},
		{[]string{"fit", "--data", "spiral", "--out", "afile"}, "train fit: --out afile is a file, not a directory"},
		{[]string{"eval", "--model", "nowhere", "--data", "moons"}, "train eval: nowhere: no such file or directory"},
		{[]string{"eval", "--model", dir, "--data", "moons"}, "train eval: " + filepath.Join(dir, "model.safetensors") + ": no such file or directory"},
		{[]string{"eval", "--model", "garbage.safetensors", "--data", "moons"}, "train eval: garbage.safetensors: "},
		{[]string{"eval", "--model", run, "--data", "nox2.csv"}, `train eval: nox2.csv: missing feature column(s) "x2" that the model was trained on; the data's features are "x1"`},
		{[]string{"eval", "--model", run, "--data", "newclass.csv"}, `train eval: newclass.csv: class "7" is not one of the model's classes "0", "1"`},
		{[]string{"eval", "--model", run, "--data", "bad.csv"}, `train eval: bad.csv:3: column 2 "x2": "oops" is not a number`},
		{[]string{"predict", "--model", run, "--in", "nox2.csv"}, `train predict: nox2.csv:1: missing feature column(s) "x2"; the columns are "x1", "label"`},
		{[]string{"predict", "--model", run, "--in", "missing.csv"}, "train predict: missing.csv: no such file or directory"},
		{[]string{"predict", "--model", "garbage.safetensors", "--in", "bad.csv"}, "train predict: garbage.safetensors: "},
		{[]string{"roc", "--in", "scores.csv"}, `train roc: scores.csv:4: column 2 "score": score "NaN" is not a finite number`},
		{[]string{"roc", "--in", "one.csv"}, `train roc: one.csv: column 1 "label": only one class, "1", in 2 rows; a ROC curve needs both positive and negative examples`},
		{[]string{"roc", "--in", "three.csv"}, `train roc: three.csv:4: column 1 "label": a third class "2" after "1" and "0"; ROC needs exactly two`},
		{[]string{"roc", "--in", "noscore.csv"}, `train roc: noscore.csv:1: no column "score" (set --score); the columns are "label", "p"`},
		{[]string{"roc", "--in", "short.csv", "--label", "label", "--score", "x1"}, "train roc: short.csv:3: wrong number of fields; the header has 3"},
	}
	for _, tc := range tests {
		r := mustCode(t, dir, nil, exitError, tc.args...)
		if strings.Count(r.stderr, "\n") != 1 || !strings.HasPrefix(r.stderr, tc.msg) {
			t.Errorf("train %s:\n%s\nwant a line starting\n%s", strings.Join(tc.args, " "), r.stderr, tc.msg)
		}
	}
	r := mustCode(t, dir, []string{interruptEnv + "=x"}, exitError, "fit", "--data", "spiral", "--n", "50", "--epochs", "1")
	if r.stderr != "train fit: "+interruptEnv+"=\"x\": want a whole number of steps, 1 or more\n" {
		t.Errorf("bad %s: %q", interruptEnv, r.stderr)
	}
	if exists(filepath.Join(dir, "run")) {
		t.Error("a failed fit created its output directory")
	}
}

// panicWriter fails the way a bug would.
type panicWriter struct{}

func (panicWriter) Write([]byte) (int, error) { panic("boom\nin two lines") }

// A panic anywhere in a command becomes one line and exit 1, never a
// stack trace; run is called in-process, as main calls it.
func TestPanicBecomesOneLine(t *testing.T) {
	var stderr strings.Builder
	code := run([]string{"datasets"}, strings.NewReader(""), panicWriter{}, &stderr)
	if code != exitError || stderr.String() != "train: internal error: boom in two lines\n" {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}
