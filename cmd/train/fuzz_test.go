package main

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// errFuzzStop is what beforeTrain returns under FuzzArgs: a fit whose
// flags and data all passed stops there instead of training.
var errFuzzStop = errors.New("fuzz: stopped before training")

// usagePointer is the second line of every usage error.
var usagePointer = regexp.MustCompile(`^Run '(train(?: [a-z]+)?) --help' for usage\.$`)

// fuzzFixtures makes, in a directory of its own, the files the fuzzed
// command lines may name: good and bad CSV files, a model directory, an
// interrupted run's checkpoint and a file that is not a model. It returns
// their contents by relative path, for copying into each run's directory.
func fuzzFixtures(f *testing.F) map[string][]byte {
	dir := f.TempDir()
	var good strings.Builder
	good.WriteString("x1,x2,label\n")
	for i := range 40 {
		x1, x2 := float64(i%8)/4-1, float64(i%5)/2-1
		label := "0"
		if x1+x2 > 0 {
			label = "1"
		}
		good.WriteString(strconv.FormatFloat(x1, 'g', -1, 64) + "," + strconv.FormatFloat(x2, 'g', -1, 64) + "," + label + "\n")
	}
	files := map[string]string{
		"d.csv":            good.String(),
		"bad.csv":          "x1,x2,label\n0.1,0.2,0\n0.3,oops,1\n",
		"one.csv":          "x1,x2,label\n0.1,0.2,a\n0.3,0.4,a\n",
		"s.csv":            "label,score\n1,0.9\n0,0.1\n1,0.4\n0,0.6\n",
		"junk.safetensors": "not a model",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	// The model and the checkpoint are made in-process, as the fuzzed
	// runs are, before beforeTrain is set.
	f.Chdir(dir)
	quiet := strings.NewReader("")
	var out, errb strings.Builder
	if code := run([]string{"fit", "--data", "d.csv", "--hidden", "3", "--epochs", "2", "--out", "m", "--quiet"}, quiet, &out, &errb); code != 0 {
		f.Fatalf("fitting the fixture model: exit %d: %s", code, errb.String())
	}
	f.Setenv(interruptEnv, "2")
	if code := run([]string{"fit", "--data", "moons", "--n", "40", "--hidden", "3", "--epochs", "3", "--out", "ck", "--quiet"}, quiet, &out, &errb); code != exitInterrupted {
		f.Fatalf("making the fixture checkpoint: exit %d: %s", code, errb.String())
	}
	// Set only for that run: a fuzzed fit must not be interrupted.
	os.Unsetenv(interruptEnv)
	contents := map[string][]byte{}
	for _, rel := range []string{"d.csv", "bad.csv", "one.csv", "s.csv", "junk.safetensors",
		"m/model.safetensors", "ck/checkpoint.safetensors"} {
		b, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			f.Fatal(err)
		}
		contents[rel] = b
	}
	return contents
}

// FuzzArgs runs the program in-process on command lines built from the
// input: split at NUL bytes if it has any (so that a value may hold
// spaces, or be empty), otherwise at spaces. Whatever the user types, the
// program must not panic (the recover guard's "internal error" must never
// show), must exit 0, 1 or 2, must print a usage error as exactly its line
// and the pointer to help, and a runtime error as one line. A fit whose
// flags are all good stops just before training (beforeTrain), and the
// limits on points and network size are lowered, so that each run takes
// milliseconds. Each run has a fresh directory holding the fixture files;
// arguments with a path separator are skipped, so that nothing is read or
// written outside it. The experiment command's arguments are fuzzed too;
// one whose flags pass stops before it trains (beforeTrain again), as its
// runs train many models.
func FuzzArgs(f *testing.F) {
	fixtures := fuzzFixtures(f)
	for _, seed := range []string{
		"",
		"help", "--help", "help fit", "help nope", "fit --help", "eval -h", "frobnicate", "--data spiral",
		"fit --data spiral --classes 3 --hidden 32,32 --epochs 200",
		"fit --data circle --act tanh --init xavier_normal --loss mse --opt sgd --lr 0.1 --momentum 0.9",
		"fit --data d.csv --target label --test 0.3 --json --out run",
		"fit --data d.csv --n 50", "fit --data spiral --target y", "fit --data d.csv --target nope",
		"fit --data bad.csv", "fit --data one.csv", "fit --data missing.csv", "fit --data junk.safetensors",
		"fit --data blobs --loss bce", "fit --data xor --classes 3", "fit --data spiral --classes 1001",
		"fit --data spiral --epochs 0", "fit --data spiral --epochs 1e3", "fit --data spiral --epochs 99999999999999999999",
		"fit --data spiral --lr nan", "fit --data spiral --lr -inf", "fit --data spiral --lr 0x1p-4",
		"fit --data spiral --test 1", "fit --data spiral --batch -1", "fit --data spiral --seed -1",
		"fit --data spiral --seed 18446744073709551616", "fit --data spiral --n 2000000",
		"fit --data spiral --hidden 65536,65536", "fit --data spiral --hidden 16,,16", "fit --data spiral --hidden none",
		"fit --data spiral --hidden 0", "fit --data spiral --act leaky_relu:0.1,2", "fit --data spiral --act elu:-1",
		"fit --data spiral --init constant:nan", "fit --data spiral --weight-decay 1e308 --opt adamw",
		"fit --data spiral --momentum 0.5", "fit --data spiral --quiet=maybe --json=false",
		"fit --data spiral -- --epochs 3", "fit --data spiral extra", "fit --data=spiral --epochs=3 --out=x",
		"fit --resume --out ck", "fit --resume --out m", "fit --resume --out nowhere", "fit --resume --out ck --lr 1",
		"fit --data spiral --out d.csv", "fit --data spiral --out",
		"eval --model m --data d.csv", "eval --model m --data moons --n 30 --seed 3 --json",
		"eval --model m/model.safetensors --data bad.csv", "eval --model junk.safetensors --data moons",
		"eval --model ck --data moons", "eval --model m --data spiral --classes 3", "eval --model m --data one.csv",
		"eval --model m --data d.csv --seed 2", "eval --model m --data s.csv", "eval --model nope --data moons",
		"predict --model m --in d.csv", "predict --model m --in d.csv --out p.csv", "predict --model m --in s.csv",
		"predict --model m --in d.csv --out m", "predict --model junk.safetensors --in d.csv",
		"roc --in s.csv", "roc --in s.csv --plot r.png --json", "roc --in d.csv --label label --score x1",
		"roc --in s.csv --label score --score score", "roc --in s.csv --plot",
		"datasets", "datasets moons --n 50 --csv o.csv --plot o.png", "datasets spiral --classes 7 --noise 2",
		"datasets nope", "datasets --plot x.png", "datasets spiral moons", "datasets circle --noise -1",
		"fit\x00--data\x00my data.csv", "fit\x00--data\x00spiral\x00--act\x00 leaky_relu : 0.1 ",
		"fit\x00--data\x00spiral\x00--hidden\x00 8, 8 ", "fit\x00--data\x00\x00--epochs\x003",
		"eval\x00--model\x00\x00--data\x00moons", "fit\x00--data\x00spiral\x00--out\x00 ",
		"roc\x00--in\x00s.csv\x00--label\x00\x00--score\x00score",
		"experiment list", "experiment rocauc --quick", "experiment all --seeds 2000000000", "experiment rocauc --seeds -1",
		"experiment rocauc --shard 0/3", "experiment rocauc --shard 2/1", "experiment nope", "experiment all --docs out --shard 1/2",
		"experiment merge rocauc", "experiment rocauc --workers 99999999999999999999", "experiment rocauc --quick --json --out x",
	} {
		f.Add(seed)
	}
	oldPoints, oldParams, oldHook := maxPoints, maxParams, beforeTrain
	maxPoints, maxParams = 2000, 50_000
	beforeTrain = func() error { return errFuzzStop }
	f.Cleanup(func() { maxPoints, maxParams, beforeTrain = oldPoints, oldParams, oldHook })

	f.Fuzz(func(t *testing.T, input string) {
		if len(input) > 4096 {
			return
		}
		var args []string
		if strings.ContainsRune(input, 0) {
			args = strings.Split(input, "\x00")
		} else {
			args = strings.Fields(input)
		}
		if len(args) > 64 {
			return
		}
		for _, a := range args {
			if strings.ContainsAny(a, `/\`) {
				return
			}
		}
		dir := t.TempDir()
		for rel, b := range fixtures {
			p := filepath.Join(dir, rel)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		t.Chdir(dir)
		var stdout, stderr strings.Builder
		code := run(args, strings.NewReader(""), &stdout, &stderr)
		msg := stderr.String()
		if strings.Contains(msg, "internal error") {
			t.Fatalf("train %q: the recover guard fired: %s", args, msg)
		}
		switch code {
		case exitOK:
			if msg != "" {
				t.Fatalf("train %q: exit 0 with stderr %q", args, msg)
			}
		case exitError:
			if strings.Count(msg, "\n") != 1 || !strings.HasSuffix(msg, "\n") || !strings.HasPrefix(msg, "train") {
				t.Fatalf("train %q: exit 1, want one line on stderr, got %q", args, msg)
			}
		case exitUsage:
			if len(args) == 0 {
				if msg != topUsage() {
					t.Fatalf("bare train: stderr %q", msg)
				}
				return
			}
			lines := strings.Split(strings.TrimSuffix(msg, "\n"), "\n")
			m := usagePointer.FindStringSubmatch(lines[len(lines)-1])
			if len(lines) != 2 || m == nil || !strings.HasPrefix(lines[0], m[1]+": ") || !strings.HasSuffix(msg, "\n") {
				t.Fatalf("train %q: exit 2, want the message and the pointer to help, got %q", args, msg)
			}
			if stdout.Len() != 0 {
				t.Fatalf("train %q: usage error, but stdout has %q", args, stdout.String())
			}
		default:
			t.Fatalf("train %q: exit %d, want 0, 1 or 2\nstderr: %s", args, code, msg)
		}
	})
}
