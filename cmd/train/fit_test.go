package main

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// small keeps a run fast: a few hundred points, few epochs.
var small = []string{"--n", "200", "--epochs", "8"}

func fitArgs(data, out string, extra ...string) []string {
	return append(append([]string{"fit", "--data", data, "--out", out}, small...), extra...)
}

func TestFitBuiltinWritesEverything(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := mustCode(t, dir, nil, 0, "fit", "--data", "circle", "--n", "300", "--epochs", "30", "--out", "run")
	if r.stderr != "" {
		t.Errorf("stderr not empty (no terminal, so no progress bar):\n%s", r.stderr)
	}
	for _, want := range []string{"accuracy", "loss", "AUC", "train", "test", "wrote run"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, r.stdout)
		}
	}
	run := filepath.Join(dir, "run")
	for _, png := range []string{"loss.png", "boundary.png", "roc.png"} {
		checkPNG(t, filepath.Join(run, png))
	}
	m := readJSON(t, filepath.Join(run, "metrics.json"))
	for _, key := range []string{"train_accuracy", "test_accuracy", "test_loss", "test_auc", "train_loss"} {
		v := num(t, m, key)
		if key != "test_loss" && key != "train_loss" && (v < 0 || v > 1) {
			t.Errorf("%s = %v, want a value in [0, 1]", key, v)
		}
	}
	if acc := num(t, m, "test_accuracy"); acc < 0.85 {
		t.Errorf("test accuracy %v on circle after 30 epochs; the network did not learn", acc)
	}
	if num(t, m, "epochs") != 30 || num(t, m, "seed") != 1 || num(t, m, "n_train")+num(t, m, "n_test") != 300 {
		t.Errorf("metrics.json: epochs %v seed %v n_train %v n_test %v", m["epochs"], m["seed"], m["n_train"], m["n_test"])
	}
	settings, _ := m["settings"].(map[string]any)
	if settings["init"] != "he_uniform" || settings["loss"] != "bce_with_logits" || settings["opt"] != "adam" {
		t.Errorf("settings resolved init %v loss %v opt %v, want he_uniform, bce_with_logits, adam", settings["init"], settings["loss"], settings["opt"])
	}
	header, rows := readCSV(t, filepath.Join(run, "history.csv"))
	if len(rows) != 30 {
		t.Errorf("history.csv has %d rows, want one per epoch (30)", len(rows))
	}
	for _, col := range []string{"epoch", "train_loss", "train_accuracy", "test_loss", "test_accuracy",
		"dead_fraction_1", "activation_rate_1", "dead_fraction_2", "grad_norm_1", "grad_norm_3"} {
		column(t, header, col)
	}
	// Without a validation part the epochs are measured on the test part,
	// and the columns say so: the last epoch's is the test accuracy.
	last, err := strconv.ParseFloat(rows[len(rows)-1][column(t, header, "test_accuracy")], 64)
	if err != nil || last != num(t, m, "test_accuracy") {
		t.Errorf("last test_accuracy %v (%v), metrics.json test_accuracy %v", last, err, m["test_accuracy"])
	}
	if !exists(filepath.Join(run, "model.safetensors")) || exists(filepath.Join(run, checkpointName)) {
		t.Error("want model.safetensors and no checkpoint after a finished run")
	}
}

func TestFitAutoChoices(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		args      []string
		init      string
		loss      string
		wd        float64
		roc       bool
		nFeatures int
	}{
		{"tanh gets xavier", []string{"--data", "moons", "--act", "tanh"}, "xavier_uniform", "bce_with_logits", 0, true, 2},
		{"leaky relu gets he", []string{"--data", "xor", "--act", "leaky_relu:0.1"}, "he_uniform", "bce_with_logits", 0, true, 2},
		{"three classes get ce", []string{"--data", "spiral", "--classes", "3"}, "he_uniform", "cross_entropy", 0, false, 2},
		{"ce on two classes", []string{"--data", "gauss", "--loss", "ce"}, "he_uniform", "cross_entropy", 0, true, 2},
		{"mse on blobs", []string{"--data", "blobs", "--loss", "mse", "--opt", "sgd", "--lr", "0.1", "--momentum", "0.9"}, "he_uniform", "mse", 0, false, 2},
		{"adamw default decay", []string{"--data", "circle", "--opt", "adamw", "--init", "xavier_normal"}, "xavier_normal", "bce_with_logits", 0.01, true, 2},
		{"rmsprop no hidden layer", []string{"--data", "gauss", "--opt", "rmsprop", "--hidden", "none", "--no-standardize"}, "he_uniform", "bce_with_logits", 0, true, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			args := append(append([]string{"fit", "--out", "run", "--json"}, small...), tc.args...)
			r := mustCode(t, dir, nil, 0, args...)
			m := decodeJSON(t, "stdout", r.stdout)
			file := readJSON(t, filepath.Join(dir, "run", "metrics.json"))
			if !reflect.DeepEqual(m, file) {
				t.Errorf("--json output differs from metrics.json:\n%s", r.stdout)
			}
			s := m["settings"].(map[string]any)
			if s["init"] != tc.init || s["loss"] != tc.loss || s["weight_decay"] != tc.wd {
				t.Errorf("init %v loss %v weight_decay %v, want %s %s %v", s["init"], s["loss"], s["weight_decay"], tc.init, tc.loss, tc.wd)
			}
			if got := exists(filepath.Join(dir, "run", "roc.png")); got != tc.roc {
				t.Errorf("roc.png written: %v, want %v", got, tc.roc)
			}
			checkPNG(t, filepath.Join(dir, "run", "boundary.png"))
			if m["test_auc"] == nil {
				t.Error("test_auc is null, but both parts have every class")
			}
		})
	}
}

func TestFitQuietPrintsNothing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := mustCode(t, dir, nil, 0, fitArgs("gauss", "q", "--quiet")...)
	if r.stdout != "" || r.stderr != "" {
		t.Errorf("--quiet printed stdout %q stderr %q", r.stdout, r.stderr)
	}
}

// A run is a function of its flags: the thread count must not change a
// bit of the model, and the seed must.
func TestFitDeterministicAcrossGOMAXPROCS(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	args := func(out string, seed string) []string {
		return []string{"fit", "--data", "spiral", "--n", "300", "--epochs", "10", "--batch", "16", "--seed", seed, "--out", out, "--quiet"}
	}
	mustCode(t, dir, []string{"GOMAXPROCS=1"}, 0, args("a", "7")...)
	mustCode(t, dir, []string{"GOMAXPROCS=2"}, 0, args("b", "7")...)
	mustCode(t, dir, []string{"GOMAXPROCS=2"}, 0, args("c", "8")...)
	for _, f := range []string{"model.safetensors", "metrics.json", "history.csv"} {
		a, b := fileBytes(t, filepath.Join(dir, "a", f)), fileBytes(t, filepath.Join(dir, "b", f))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between GOMAXPROCS=1 and 2", f)
		}
	}
	if bytes.Equal(fileBytes(t, filepath.Join(dir, "a", "model.safetensors")), fileBytes(t, filepath.Join(dir, "c", "model.safetensors"))) {
		t.Error("seeds 7 and 8 gave the same model")
	}
}

// --threads splits the large multiplies of a wide network across
// goroutines without changing a bit of the model.
func TestFitThreadsSameBits(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, th := range []string{"1", "2", "3"} {
		mustCode(t, dir, nil, 0, "fit", "--data", "spiral", "--n", "1000", "--hidden", "256,256", "--batch", "400",
			"--epochs", "2", "--threads", th, "--out", "t"+th, "--quiet")
	}
	for _, f := range []string{"model.safetensors", "history.csv"} {
		want := fileBytes(t, filepath.Join(dir, "t1", f))
		for _, th := range []string{"2", "3"} {
			if !bytes.Equal(fileBytes(t, filepath.Join(dir, "t"+th, f)), want) {
				t.Errorf("%s differs between --threads 1 and %s", f, th)
			}
		}
	}
}

func TestFitDivergedKeepsGoodModel(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mustCode(t, dir, nil, 0, fitArgs("moons", "run", "--quiet")...)
	run := filepath.Join(dir, "run")
	before := map[string][]byte{}
	for _, f := range []string{"model.safetensors", "metrics.json", "history.csv", "loss.png"} {
		before[f] = fileBytes(t, filepath.Join(run, f))
	}
	r := mustCode(t, dir, nil, 1, fitArgs("moons", "run", "--loss", "mse", "--opt", "sgd", "--lr", "1e6")...)
	msg := strings.TrimSpace(r.stderr)
	if !strings.HasPrefix(msg, "train fit: training diverged at epoch 1, step ") || !strings.Contains(msg, "nothing was written to run") ||
		strings.Count(msg, "\n") != 0 {
		t.Errorf("diverged run's message:\n%s", r.stderr)
	}
	for f, b := range before {
		if !bytes.Equal(b, fileBytes(t, filepath.Join(run, f))) {
			t.Errorf("the diverged run changed %s", f)
		}
	}
	entries, _ := os.ReadDir(run)
	if len(entries) != 10 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("run holds %v after the diverged run, want the eight files of the good run (split.json and neurons.png among them), its manifest and lock", names)
	}
}

// An interrupted and resumed run must end exactly where an uninterrupted
// one does, for every optimizer's state.
func TestFitInterruptResumeBitIdentical(t *testing.T) {
	t.Parallel()
	for _, opt := range [][]string{
		{"--opt", "adam"},
		{"--opt", "sgd", "--lr", "0.05", "--momentum", "0.9"},
		{"--opt", "rmsprop", "--lr", "0.005", "--momentum", "0.5", "--weight-decay", "0.001"},
		{"--opt", "adamw"},
	} {
		t.Run(opt[1], func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			base := append([]string{"fit", "--data", "spiral", "--n", "200", "--epochs", "6", "--batch", "24", "--quiet"}, opt...)
			mustCode(t, dir, nil, 0, append(base, "--out", "whole")...)
			// 160 training rows in batches of 24 make 7 steps an epoch: stop
			// mid-epoch 2, then again mid-epoch 4 of the resumed run.
			r := mustCode(t, dir, []string{interruptEnv + "=10"}, exitInterrupted, append(base, "--out", "parts")...)
			want := "interrupted at epoch 2 step 3; checkpoint saved to parts/checkpoint.safetensors; resume with: train fit --resume --out parts\n"
			if r.stderr != want {
				t.Errorf("interrupt message:\n%q\nwant\n%q", r.stderr, want)
			}
			parts := filepath.Join(dir, "parts")
			if !exists(filepath.Join(parts, checkpointName)) || exists(filepath.Join(parts, "model.safetensors")) {
				t.Fatal("want only a checkpoint after the interruption")
			}
			mustCode(t, dir, nil, exitUsage, "fit", "--resume", "--out", "parts", "--epochs", "9")
			r = mustCode(t, dir, []string{interruptEnv + "=25"}, exitInterrupted, "fit", "--resume", "--out", "parts", "--quiet")
			if !strings.HasPrefix(r.stderr, "interrupted at epoch 4 step 4;") {
				t.Errorf("second interrupt message: %q", r.stderr)
			}
			mustCode(t, dir, nil, 0, "fit", "--resume", "--out", "parts", "--quiet")
			for _, f := range []string{"model.safetensors", "metrics.json", "history.csv"} {
				if !bytes.Equal(fileBytes(t, filepath.Join(dir, "whole", f)), fileBytes(t, filepath.Join(parts, f))) {
					t.Errorf("%s of the resumed run differs from the uninterrupted run's", f)
				}
			}
			if exists(filepath.Join(parts, checkpointName)) {
				t.Error("the checkpoint is still there after the resumed run finished")
			}
			r = mustCode(t, dir, nil, 1, "fit", "--resume", "--out", "parts")
			if !strings.Contains(r.stderr, "nothing to resume: parts/checkpoint.safetensors does not exist") {
				t.Errorf("resume without a checkpoint: %q", r.stderr)
			}
		})
	}
}

func TestFitResumeCSV(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mustCode(t, dir, nil, 0, "datasets", "moons", "--n", "120", "--csv", "moons.csv")
	base := []string{"fit", "--data", "moons.csv", "--epochs", "5", "--quiet"}
	mustCode(t, dir, nil, 0, append(base, "--out", "whole")...)
	mustCode(t, dir, []string{interruptEnv + "=7"}, exitInterrupted, append(base, "--out", "parts")...)
	mustCode(t, dir, nil, 0, "fit", "--resume", "--out", "parts")
	if !bytes.Equal(fileBytes(t, filepath.Join(dir, "whole", "model.safetensors")), fileBytes(t, filepath.Join(dir, "parts", "model.safetensors"))) {
		t.Error("resumed CSV run differs from the uninterrupted one")
	}
	// A data file changed under an interrupted run cannot be resumed.
	mustCode(t, dir, []string{interruptEnv + "=3"}, exitInterrupted, append(base, "--out", "again")...)
	f, err := os.OpenFile(filepath.Join(dir, "moons.csv"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("0.5,0.5,1\n")
	f.Close()
	r := mustCode(t, dir, nil, 1, "fit", "--resume", "--out", "again")
	if !strings.Contains(r.stderr, "has changed since the run started") {
		t.Errorf("resume after the data changed: %q", r.stderr)
	}
}

// A real Ctrl-C (and SIGTERM) in the middle of a long run stops it with a
// checkpoint.
func TestFitSignalSavesCheckpoint(t *testing.T) {
	t.Parallel()
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			cmd := exec.Command(binary, "fit", "--data", "spiral", "--n", "2000", "--epochs", "100000", "--out", "run")
			cmd.Dir = dir
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Half a second in, and, where /proc tells, a quarter second of
			// CPU: the run is training by then even on a loaded machine.
			time.Sleep(500 * time.Millisecond)
			for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
				if cpu, ok := cpuSeconds(cmd.Process.Pid); !ok || cpu >= 0.25 {
					break
				}
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				cmd.Process.Kill()
				t.Fatal("the run did not stop within 20 s of the signal")
			}
			if code := cmd.ProcessState.ExitCode(); code != exitInterrupted {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitInterrupted, stderr.String())
			}
			checkNoPanic(t, cmd.Args, stderr.String())
			msg := stderr.String()
			if !strings.HasPrefix(msg, "interrupted at epoch ") ||
				!strings.HasSuffix(msg, "; checkpoint saved to run/checkpoint.safetensors; resume with: train fit --resume --out run\n") {
				t.Errorf("message:\n%s", msg)
			}
			if !exists(filepath.Join(dir, "run", checkpointName)) || exists(filepath.Join(dir, "run", "model.safetensors")) {
				t.Error("want the checkpoint and no model")
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout: %q", stdout.String())
			}
		})
	}
}

func TestFitCSVWithNamedTarget(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	// Three features, the label in the middle, named classes: a third
	// feature is a copy of the first with noise, so the task stays easy.
	var b strings.Builder
	b.WriteString("a,species,b,c\n")
	for i := range 120 {
		x := float64(i%40)/20 - 1
		y := math.Sin(float64(i))
		label := "cat"
		if x+y > 0 {
			label = "dog"
		}
		b.WriteString(strconv.FormatFloat(x, 'g', -1, 64) + "," + label + "," +
			strconv.FormatFloat(y, 'g', -1, 64) + "," + strconv.Itoa(i%7) + "\n")
	}
	writeFile(t, filepath.Join(dir, "pets.csv"), b.String())
	mustCode(t, dir, nil, 0, "fit", "--data", "pets.csv", "--target", "species", "--epochs", "40", "--hidden", "8", "--out", "run", "--quiet")
	run := filepath.Join(dir, "run")
	if exists(filepath.Join(run, "boundary.png")) {
		t.Error("boundary.png written for three features")
	}
	checkPNG(t, filepath.Join(run, "roc.png"))
	m := readJSON(t, filepath.Join(run, "metrics.json"))
	if !reflect.DeepEqual(m["classes"], []any{"cat", "dog"}) || !reflect.DeepEqual(m["features"], []any{"a", "b", "c"}) {
		t.Errorf("classes %v features %v", m["classes"], m["features"])
	}
	if m["dataset"] != "pets.csv" {
		t.Errorf("dataset %v", m["dataset"])
	}
	if acc := num(t, m, "test_accuracy"); acc < 0.8 {
		t.Errorf("test accuracy %v on a linearly separable CSV", acc)
	}
}

// cpuSeconds returns the CPU time a process has used, from /proc on Linux;
// ok is false where that cannot be read.
func cpuSeconds(pid int) (float64, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, false
	}
	// The fields after the parenthesised command name: utime and stime are
	// the 12th and 13th, in clock ticks (100 a second on Linux).
	_, rest, ok := strings.Cut(string(b), ") ")
	fields := strings.Fields(rest)
	if !ok || len(fields) < 13 {
		return 0, false
	}
	u, err1 := strconv.ParseFloat(fields[11], 64)
	st, err2 := strconv.ParseFloat(fields[12], 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return (u + st) / 100, true
}
