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

// A regression model's eval and predict, and the lab, take --quiet and
// --json too.
func TestRegressionAndLabQuietAndJSON(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if r := mustCode(t, dir, nil, 0, "fit", "--data", "reg-plane", "--n", "100", "--epochs", "2", "--quiet", "--out", "reg"); r.stdout != "" || r.stderr != "" {
		t.Errorf("fit --task regression --quiet printed:\n%s%s", r.stdout, r.stderr)
	}
	writeFile(t, filepath.Join(dir, "in.csv"), "x1,x2\n0.5,0.5\n0.2,-1\n")
	if r := mustCode(t, dir, nil, 0, "eval", "--model", "reg", "--data", "reg-plane", "--quiet"); r.stdout != "" || r.stderr != "" {
		t.Errorf("eval of a regression model --quiet printed:\n%s%s", r.stdout, r.stderr)
	}
	r := mustCode(t, dir, nil, 0, "predict", "--model", "reg", "--in", "in.csv", "--out", "p.csv", "--json")
	var rep map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || rep["rows"] != 2.0 || rep["task"] != "regression" {
		t.Errorf("predict of a regression model --json: %v\n%s", err, r.stdout)
	}
	for _, flag := range []string{"--json", "--quiet"} {
		r := mustCode(t, dir, nil, exitUsage, "lab", flag, "--addr", "nonsense")
		if !strings.Contains(r.stderr, `--addr "nonsense"`) {
			t.Errorf("lab %s: %q", flag, r.stderr)
		}
	}
}
