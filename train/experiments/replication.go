package experiments

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
)

// The PyTorch replications' outputs: one JSON file per experiment,
// written by hand-run scripts in pytorch/ (see pytorch/nnlab_setup.py) and
// committed, so that the documentation can place their numbers next to
// nnlab's without Python.
//
//go:embed pytorch/*.json
var replicationFiles embed.FS

// replication is one pytorch/NAME.json: the headline numbers of an
// experiment rebuilt in PyTorch from its documented setup.
type replication struct {
	Experiment string            `json:"experiment"`
	Torch      string            `json:"torch"`
	Seeds      []int             `json:"seeds"`
	Scope      string            `json:"scope"`
	Numbers    []replicatedValue `json:"numbers"`
	file       string
}

// replicatedValue is one headline number: where nnlab's value is (a table
// of the result and the path of keys or list indices into it) and
// PyTorch's per-seed values (null: never reached, or diverged). Tol, for a
// number that does not depend on the seed, replaces the interval rule.
type replicatedValue struct {
	Label  string   `json:"label"`
	Table  string   `json:"table"`
	Path   []string `json:"path"`
	Values []Num    `json:"values"`
	Median Num      `json:"median"`
	Tol    *float64 `json:"tol,omitempty"`
	Seeds  int      `json:"seeds,omitempty"`
}

// replications reads every committed replication, in file-name order.
func replications() ([]replication, error) {
	entries, err := replicationFiles.ReadDir("pytorch")
	if err != nil {
		return nil, err
	}
	var out []replication
	for _, e := range entries {
		b, err := replicationFiles.ReadFile(path.Join("pytorch", e.Name()))
		if err != nil {
			return nil, err
		}
		rep, err := parseReplication(e.Name(), b)
		if err != nil {
			return nil, err
		}
		out = append(out, rep)
	}
	return out, nil
}

// parseReplication decodes one file strictly and checks that it names an
// experiment, matches its file name and holds numbers with values.
func parseReplication(file string, b []byte) (replication, error) {
	var rep replication
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rep); err != nil {
		return rep, fmt.Errorf("replication %s: %w", file, err)
	}
	rep.file = file
	switch {
	case rep.Experiment+".json" != file:
		return rep, fmt.Errorf("replication %s: experiment %q, want the file name without .json", file, rep.Experiment)
	case len(rep.Numbers) == 0 || len(rep.Seeds) == 0 || rep.Scope == "":
		return rep, fmt.Errorf("replication %s: want seeds, a scope and numbers", file)
	}
	if _, ok := Lookup(rep.Experiment); !ok {
		return rep, fmt.Errorf("replication %s: no experiment %q (want one of %s)", file, rep.Experiment, names())
	}
	for _, n := range rep.Numbers {
		if n.Label == "" || n.Table == "" || len(n.Values) == 0 {
			return rep, fmt.Errorf("replication %s: number %q needs a label, a table and values", file, n.Label)
		}
	}
	return rep, nil
}

// cellValue is nnlab's side of a comparison: the median and its 95%
// interval, or a single value (lo = hi = median).
type cellValue struct {
	median, lo, hi float64
	epochs         bool // an epochs-to-target cell: null and +Inf mean never
}

// lookupCell finds the value at table/path in r. In a table of epochs to
// a target (cells with "reached"), null is "never", +Inf; elsewhere NaN.
func lookupCell(r *Result, table string, keys []string) (cellValue, error) {
	var v any
	if err := r.Table(table, &v); err != nil {
		return cellValue{}, err
	}
	for _, k := range keys {
		switch t := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = t[k]; !ok {
				return cellValue{}, fmt.Errorf("%s: no %q in %s/%s", r.Experiment, k, table, strings.Join(keys, "/"))
			}
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(t) {
				return cellValue{}, fmt.Errorf("%s: no index %q in %s/%s", r.Experiment, k, table, strings.Join(keys, "/"))
			}
			v = t[i]
		default:
			return cellValue{}, fmt.Errorf("%s: %s/%s ends before %q", r.Experiment, table, strings.Join(keys, "/"), k)
		}
	}
	switch t := v.(type) {
	case float64:
		return cellValue{t, t, t, false}, nil
	case map[string]any:
		null := math.NaN()
		_, epochs := t["reached"]
		if epochs {
			null = math.Inf(1)
		}
		f := func(k string) float64 {
			if x, ok := t[k].(float64); ok {
				return x
			}
			return null
		}
		if _, ok := t["median"]; ok {
			return cellValue{f("median"), f("lo"), f("hi"), epochs}, nil
		}
	}
	return cellValue{}, fmt.Errorf("%s: %s/%s is not a number or a median", r.Experiment, table, strings.Join(keys, "/"))
}

// comparison is one row of the replication table.
type comparison struct {
	label          string
	nnlab, pytorch cellValue
	agree          bool
	tol            *float64
}

// compare applies the rule fixed before the replications were run: two
// medians agree up to seed noise when their 95% percentile-bootstrap
// intervals (each from its own seeds, computed alike) overlap; a number
// that does not depend on the seed agrees when within its stated
// tolerance. A PyTorch run that never reached a target (null) counts as
// +Inf when nnlab's cell is an epochs-to-target one, and is left out
// otherwise (a diverged run), as nnlab leaves it out.
func compare(n replicatedValue, nn cellValue) comparison {
	var vs []float64
	for _, v := range n.Values {
		x := float64(v)
		if math.IsNaN(x) && nn.epochs {
			x = math.Inf(1)
		}
		if !math.IsNaN(x) {
			vs = append(vs, x)
		}
	}
	c := comparison{label: n.Label, nnlab: nn, tol: n.Tol, pytorch: cellValue{math.NaN(), math.NaN(), math.NaN(), nn.epochs}}
	if len(vs) == 0 {
		return c
	}
	sorted := slices.Sorted(slices.Values(vs))
	lo, hi := bootstrapCI(sorted, median)
	c.pytorch = cellValue{median(sorted), lo, hi, nn.epochs}
	if n.Tol != nil {
		c.agree = math.Abs(c.pytorch.median-nn.median) <= *n.Tol ||
			math.IsInf(nn.median, 1) && math.IsInf(c.pytorch.median, 1)
		return c
	}
	// Intervals that touch overlap; the slack absorbs the rounding of sums
	// (0.98 computed as 0.9800000000000005), not seed noise.
	const slack = 1e-9
	c.agree = c.pytorch.lo <= nn.hi+slack && nn.lo <= c.pytorch.hi+slack
	return c
}
