package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/train/experiments"
)

// runIn runs train with args in-process.
func runIn(args []string, stdout, stderr *bytes.Buffer) int {
	return run(args, strings.NewReader(""), stdout, stderr)
}

const experimentUsageLine = "Run 'train experiment --help' for usage."

func TestExperimentUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{nil, "no experiment named"},
		{[]string{"nope"}, "unknown experiment"},
		{[]string{"roc-auc", "--shard", "3/2"}, "--shard"},
		{[]string{"roc-auc", "--shard", "x"}, "--shard"},
		{[]string{"roc-auc", "--seeds", "x"}, "seeds"},
		{[]string{"roc-auc", "--seeds", "-1"}, "--seeds must be at least 1"},
		{[]string{"roc-auc", "--seeds", "0"}, "--seeds must be at least 1, got 0"},
		{[]string{"roc-auc", "--workers", "-1"}, "--workers must be at least 0"},
		{[]string{"roc-auc", "--bogus"}, "unknown flag --bogus"},
		{[]string{"roc-auc", "--out"}, "flag --out needs a value"},
		{[]string{"roc-auc", "bce-vs-ce"}, "one experiment"},
		{[]string{"roc-auc", "--docs", "d"}, "--docs needs all"},
		{[]string{"all", "--docs", "d", "--out", "x"}, "leave out --out"},
		{[]string{"merge"}, "at least one DIR"},
		{[]string{"merge", "d", "--seeds", "3"}, "merge takes only"},
		{[]string{"list", "x"}, "no arguments"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var out, errb bytes.Buffer
			code := runIn(append([]string{"experiment"}, tt.args...), &out, &errb)
			msg := errb.String()
			lines := strings.Split(strings.TrimSuffix(msg, "\n"), "\n")
			if code != 2 || len(lines) != 2 || !strings.Contains(lines[0], tt.want) || lines[1] != experimentUsageLine || out.Len() != 0 {
				t.Errorf("exit %d, stderr %q, stdout %q; want 2, one line containing %q and the pointer to --help", code, msg, out.String(), tt.want)
			}
		})
	}
}

// Without --seeds a run has the library's default seeds (QuickSeeds with
// --quick); --seeds N overrides both.
func TestExperimentDefaultSeeds(t *testing.T) {
	for _, c := range []struct {
		args []string
		want int
	}{
		{[]string{"roc-auc"}, experiments.DefaultSeeds},
		{[]string{"roc-auc", "--quick"}, experiments.QuickSeeds},
		{[]string{"roc-auc", "--quick", "--seeds", "7"}, 7},
		{[]string{"roc-auc", "--seeds", "3"}, 3},
	} {
		x, err := parseExperiment(c.args)
		if err != nil || x.opts.Seeds != c.want {
			t.Errorf("%v: seeds %v (err %v), want %d", c.args, x, err, c.want)
		}
	}
}

// Every experiment's report ends with train fit command lines that show
// its lesson; they must be valid command lines of this program.
func TestExperimentTryItCommandsParse(t *testing.T) {
	for _, x := range experiments.List() {
		cmds := x.TryIt()
		if len(cmds) == 0 {
			t.Errorf("%s: no train fit command", x.Name)
		}
		for _, c := range cmds {
			args := strings.Fields(c)
			if len(args) < 2 || args[0] != "train" || args[1] != "fit" {
				t.Errorf("%s: %q is not a train fit command", x.Name, c)
				continue
			}
			if _, err := parseFitFlags(args[2:]); err != nil {
				t.Errorf("%s: %q: %v", x.Name, c, err)
			}
		}
	}
}

func TestExperimentHelpAndList(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}, {"list"}} {
		var out, errb bytes.Buffer
		if code := runIn(append([]string{"experiment"}, args...), &out, &errb); code != 0 || errb.Len() != 0 {
			t.Errorf("%v: exit %d, stderr %q", args, code, errb.String())
		}
		for _, n := range experiments.Names() {
			if !strings.Contains(out.String(), n) {
				t.Errorf("%v does not list %s", args, n)
			}
		}
	}
	// The claims of list start in one column, after the longest name.
	var out, errb bytes.Buffer
	runIn([]string{"experiment", "list"}, &out, &errb)
	for _, e := range experiments.List() {
		line := e.Name + strings.Repeat(" ", nameWidth()-len(e.Name)+1) + e.Claim + "\n"
		if !strings.Contains(out.String(), line) {
			t.Errorf("list has no line %q", line)
		}
	}
}

// TestExperimentRunShardMerge runs roc-auc whole (printing JSON), then as two
// shards merged by the command line, and wants the same results.json.
func TestExperimentRunShardMerge(t *testing.T) {
	whole, s1, s2, merged := t.TempDir(), t.TempDir(), t.TempDir(), t.TempDir()
	var out, errb bytes.Buffer
	if code := runIn([]string{"experiment", "roc-auc", "--quick", "--json", "--out", whole}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var r experiments.Result
	if err := json.Unmarshal(out.Bytes(), &r); err != nil || r.Experiment != "roc-auc" {
		t.Fatalf("--json printed %q: %v", out.String(), err)
	}
	file, err := os.ReadFile(filepath.Join(whole, "roc-auc", "results.json"))
	if err != nil || !bytes.Equal(file, out.Bytes()) {
		t.Errorf("--json output differs from results.json (%v)", err)
	}
	for i, d := range []string{s1, s2} {
		out.Reset()
		if code := runIn([]string{"experiment", "roc-auc", "--quick", "--shard", []string{"1/2", "2/2"}[i], "--out", d}, &out, &errb); code != 0 {
			t.Fatalf("shard: exit %d: %s", code, errb.String())
		}
		if !strings.Contains(out.String(), "partial-") {
			t.Errorf("shard printed %q", out.String())
		}
	}
	out.Reset()
	if code := runIn([]string{"experiment", "merge", s1, s2, "--out", merged}, &out, &errb); code != 0 {
		t.Fatalf("merge: exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "== roc-auc") || !strings.Contains(out.String(), "random_auc") {
		t.Errorf("merge printed %q", out.String())
	}
	got, err := os.ReadFile(filepath.Join(merged, "roc-auc", "results.json"))
	if err != nil || !bytes.Equal(got, file) {
		t.Errorf("merged results.json differs from the whole run's (%v)", err)
	}
}

// TestExperimentUnknownFlag: train experiment answers an unknown flag in
// the words, lines and exit code of every other command, train fit's.
func TestExperimentUnknownFlag(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, cmd := range []string{"fit", "experiment"} {
		r := mustCode(t, dir, nil, exitUsage, cmd, "--bogus")
		want := "train " + cmd + ": unknown flag --bogus\nRun 'train " + cmd + " --help' for usage.\n"
		if r.stderr != want || r.stdout != "" {
			t.Errorf("train %s --bogus: stdout %q, stderr %q; want stderr %q", cmd, r.stdout, r.stderr, want)
		}
	}
}
