package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// Every command takes --quiet (nothing on stdout) and --json (one JSON
// value on stdout, nothing else).
func TestEveryCommandQuietAndJSON(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mustCode(t, dir, nil, 0, "fit", "--data", "moons", "--n", "100", "--epochs", "2", "--quiet", "--out", "run")
	mustCode(t, dir, nil, 0, "datasets", "moons", "--n", "50", "--csv", "m.csv", "--quiet")
	mustCode(t, dir, nil, 0, "predict", "--model", "run", "--in", "m.csv", "--out", "p.csv", "--quiet")
	cmds := [][]string{
		{"fit", "--data", "moons", "--n", "100", "--epochs", "2", "--out", "run2"},
		{"eval", "--model", "run", "--data", "m.csv"},
		{"predict", "--model", "run", "--in", "m.csv", "--out", "p2.csv"},
		{"roc", "--in", "p.csv", "--label", "label", "--score", "p_1"},
		{"datasets"},
		{"datasets", "moons", "--n", "50", "--plot", "m.png"},
	}
	for _, c := range cmds {
		if r := mustCode(t, dir, nil, 0, append(c, "--quiet")...); r.stdout != "" || r.stderr != "" {
			t.Errorf("%v --quiet printed:\n%s%s", c, r.stdout, r.stderr)
		}
		r := mustCode(t, dir, nil, 0, append(c, "--json")...)
		var v any
		if err := json.Unmarshal([]byte(r.stdout), &v); err != nil || r.stderr != "" {
			t.Errorf("%v --json: stdout is not one JSON value (%v):\n%s%s", c, err, r.stdout, r.stderr)
		}
	}
	r := mustCode(t, dir, nil, 0, "predict", "--model", "run", "--in", "m.csv", "--out", filepath.Join(dir, "p3.csv"), "--json")
	if !strings.Contains(r.stdout, `"rows": 50`) {
		t.Errorf("predict --json: %s", r.stdout)
	}
	r = mustCode(t, dir, nil, exitUsage, "predict", "--model", "run", "--in", "m.csv", "--json")
	if !strings.Contains(r.stderr, "--json needs --out FILE") {
		t.Errorf("predict --json without --out: %q", r.stderr)
	}
}
