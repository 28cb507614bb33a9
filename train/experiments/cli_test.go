package experiments

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMainUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{nil, "no experiment named"},
		{[]string{"nope"}, "unknown experiment"},
		{[]string{"roc-auc", "--shard", "3/2"}, "--shard"},
		{[]string{"roc-auc", "--shard", "x"}, "--shard"},
		{[]string{"roc-auc", "--seeds", "x"}, "seeds"},
		{[]string{"roc-auc", "--seeds", "-1"}, "positive"},
		{[]string{"roc-auc", "--bogus"}, "bogus"},
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
			code := run(context.Background(), tt.args, &out, &errb)
			msg := errb.String()
			lines := strings.Split(strings.TrimSuffix(msg, "\n"), "\n")
			if code != 2 || len(lines) != 2 || !strings.Contains(lines[0], tt.want) || lines[1] != usageLine || out.Len() != 0 {
				t.Errorf("exit %d, stderr %q, stdout %q; want 2, one line containing %q and the pointer to --help", code, msg, out.String(), tt.want)
			}
		})
	}
}

func TestMainHelpAndList(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}, {"list"}} {
		var out, errb bytes.Buffer
		if code := run(context.Background(), args, &out, &errb); code != 0 || errb.Len() != 0 {
			t.Errorf("%v: exit %d, stderr %q", args, code, errb.String())
		}
		for _, n := range Names() {
			if !strings.Contains(out.String(), n) {
				t.Errorf("%v does not list %s", args, n)
			}
		}
	}
}

// TestMainRunShardMerge runs roc-auc whole (printing JSON), then as two
// shards merged by the command line, and wants the same results.json.
func TestMainRunShardMerge(t *testing.T) {
	ctx := context.Background()
	whole, s1, s2, merged := t.TempDir(), t.TempDir(), t.TempDir(), t.TempDir()
	var out, errb bytes.Buffer
	if code := run(ctx, []string{"roc-auc", "--quick", "--json", "--out", whole}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	var r Result
	if err := json.Unmarshal(out.Bytes(), &r); err != nil || r.Experiment != "roc-auc" {
		t.Fatalf("--json printed %q: %v", out.String(), err)
	}
	file, err := os.ReadFile(filepath.Join(whole, "roc-auc", "results.json"))
	if err != nil || !bytes.Equal(file, out.Bytes()) {
		t.Errorf("--json output differs from results.json (%v)", err)
	}
	for i, d := range []string{s1, s2} {
		out.Reset()
		if code := run(ctx, []string{"roc-auc", "--quick", "--shard", []string{"1/2", "2/2"}[i], "--out", d}, &out, &errb); code != 0 {
			t.Fatalf("shard: exit %d: %s", code, errb.String())
		}
		if !strings.Contains(out.String(), "partial-") {
			t.Errorf("shard printed %q", out.String())
		}
	}
	out.Reset()
	if code := run(ctx, []string{"merge", s1, s2, "--out", merged}, &out, &errb); code != 0 {
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
