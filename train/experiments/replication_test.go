package experiments

import (
	"math"
	"path/filepath"
	"strings"
	"testing"
)

// TestReplicationFiles checks every committed PyTorch replication: it
// parses strictly, names an existing experiment, and every number it
// replicates names a cell of that experiment's committed results.json.
func TestReplicationFiles(t *testing.T) {
	reps, err := replications()
	if err != nil {
		t.Fatal(err)
	}
	if len(reps) == 0 {
		t.Fatal("no replications in pytorch/")
	}
	for _, rep := range reps {
		r, err := ReadResult(filepath.Join("..", "..", "docs", "experiments", rep.Experiment, "results.json"))
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range rep.Numbers {
			if _, err := lookupCell(r, n.Table, n.Path); err != nil {
				t.Errorf("%s: %q: %v", rep.file, n.Label, err)
			}
		}
	}
}

func TestParseReplicationRejects(t *testing.T) {
	ok := `{"experiment": "init", "torch": "1", "seeds": [1], "scope": "all",
		"numbers": [{"label": "x", "table": "born_dead", "path": ["rai"], "values": [0.5], "median": 0.5}]}`
	if _, err := parseReplication("init.json", []byte(ok)); err != nil {
		t.Fatalf("a good file: %v", err)
	}
	for name, c := range map[string]struct{ file, body, want string }{
		"unknown experiment": {"nope.json", strings.ReplaceAll(ok, `"init"`, `"nope"`), "no experiment"},
		"file name":          {"other.json", ok, "file name"},
		"unknown field":      {"init.json", strings.Replace(ok, `"scope"`, `"scop"`, 1), "unknown field"},
		"no values":          {"init.json", strings.Replace(ok, `[0.5]`, `[]`, 1), "values"},
		"no numbers":         {"init.json", ok[:strings.Index(ok, `"numbers"`)] + `"numbers": []}`, "numbers"},
	} {
		if _, err := parseReplication(c.file, []byte(c.body)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", name, err, c.want)
		}
	}
}

func TestCompareRule(t *testing.T) {
	vals := func(vs ...float64) []Num { return nums(vs) }
	tol := 0.01
	inf := math.Inf(1)
	for name, c := range map[string]struct {
		n    replicatedValue
		nn   cellValue
		want bool
	}{
		"overlapping intervals": {replicatedValue{Values: vals(0.5, 0.52, 0.55)}, cellValue{0.56, 0.54, 0.6, false}, true},
		"disjoint intervals":    {replicatedValue{Values: vals(0.5, 0.52, 0.53)}, cellValue{0.9, 0.85, 0.95, false}, false},
		"within tolerance":      {replicatedValue{Values: vals(36.74), Tol: &tol}, cellValue{36.745, 36.745, 36.745, false}, true},
		"beyond tolerance":      {replicatedValue{Values: vals(16.7), Tol: &tol}, cellValue{16.64, 16.64, 16.64, false}, false},
		"never and never":       {replicatedValue{Values: []Num{Num(math.NaN()), Num(math.NaN())}}, cellValue{inf, inf, inf, true}, true},
		"never against fast":    {replicatedValue{Values: []Num{Num(math.NaN()), Num(math.NaN())}}, cellValue{12, 10, 14, true}, false},
		"touching, rounded":     {replicatedValue{Values: vals(0.94, 0.98, 0.98)}, cellValue{0.9800000000000005, 0.9800000000000005, 0.99, false}, true},
		"diverged left out":     {replicatedValue{Values: []Num{Num(math.NaN()), 0.3, 0.31}}, cellValue{0.3, 0.29, 0.32, false}, true},
	} {
		if got := compare(c.n, c.nn).agree; got != c.want {
			t.Errorf("%s: agree = %v, want %v", name, got, c.want)
		}
	}
}

// TestWriteReplication checks the table and the sentence: a number that
// agrees, one that does not and one whose cell the run lacks (left out).
func TestWriteReplication(t *testing.T) {
	r := &Result{Experiment: "linear-collapse", Seeds: []uint64{1, 2, 3}, Tables: map[string]any{
		"accuracy": map[string]map[string]Stats{"circle": {
			"relu":     {Median: 1, Lo: 1, Hi: 1, N: 3},
			"identity": {Median: 0.53, Lo: 0.5, Hi: 0.56, N: 3}}}}}
	rep := replication{Experiment: "linear-collapse", Torch: "1.13", Seeds: []int{7, 8}, Scope: "two cells",
		file: "linear-collapse.json", Numbers: []replicatedValue{
			{Label: "relu |circle|", Table: "accuracy", Path: []string{"circle", "relu"}, Values: nums([]float64{1, 1})},
			{Label: "identity circle", Table: "accuracy", Path: []string{"circle", "identity"}, Values: nums([]float64{0.9, 0.95})},
			{Label: "spiral", Table: "accuracy", Path: []string{"spiral", "relu"}, Values: nums([]float64{1})},
		}}
	var b strings.Builder
	writeReplication(&b, r, rep, English)
	out := b.String()
	for _, want := range []string{"### linear-collapse", "PyTorch seeds: 7, 8", "| relu \\|circle\\| | 1 | 1 | yes |",
		"| identity circle | 0.53 [0.5, 0.56] | 0.925 [0.9, 0.95] | no |",
		"1 of 2 numbers agree up to seed noise; these do not: identity circle."} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, "spiral") {
		t.Errorf("a cell the run lacks is shown:\n%s", out)
	}
	b.Reset()
	writeReplication(&b, r, replication{Experiment: "linear-collapse", Seeds: []int{1}, Numbers: rep.Numbers[:1]}, Chinese)
	if !strings.Contains(b.String(), "全部 1 个数字在种子噪声范围内一致") || !strings.Contains(b.String(), "| 数字 |") {
		t.Errorf("Chinese section:\n%s", b.String())
	}
}
