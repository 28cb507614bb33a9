package experiments

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Experiment is one lesson: a claim and a seeded experiment that tests it.
// The built-in ones are listed by [List]; get one by name with
// [Lookup] and call Run.
type Experiment struct {
	// Name is the lower-case name on the command line, e.g. "dying-relu".
	Name string
	// Claim is the statement under test, as the study note puts it.
	Claim string
	// ClaimZH is Claim in Chinese, for the Chinese documentation.
	ClaimZH string

	// plan lays out the settings-and-seeds grid for the given options.
	plan func(o Options) design
}

// Options sets how an experiment runs. Start from [DefaultOptions] or
// [QuickOptions] and change what you need: every field means what it
// says, and the zero value (no seeds) is refused by Run.
type Options struct {
	// Seeds is how many seeds (1, 2, ..., Seeds) each setting runs with;
	// at least 1.
	Seeds int
	// Quick shrinks the experiment (fewer samples, epochs and settings)
	// to finish in seconds, for tests; the claim and rule are unchanged.
	Quick bool
	// OutDir, if not empty, receives OutDir/NAME/results.json, report.md
	// and the figures, or for a shard OutDir/NAME/partial-K-of-N.json.
	OutDir string
	// Shard and Shards select the Shard-th (1-based) of Shards slices of
	// the grid: cell i belongs to slice i mod Shards + 1. Shards 0 or 1
	// runs the whole grid.
	Shard, Shards int
	// Workers is how many cells run at once; 0 means GOMAXPROCS. Results
	// do not depend on it.
	Workers int
}

// DefaultSeeds and QuickSeeds are the numbers of seeds of [DefaultOptions]
// and [QuickOptions].
const (
	DefaultSeeds = 20
	QuickSeeds   = 2
)

// DefaultOptions returns the options of the documented runs: the default
// settings with DefaultSeeds seeds, writing nothing.
func DefaultOptions() Options { return Options{Seeds: DefaultSeeds} }

// QuickOptions returns the options of a quick run (for tests): the quick
// settings with QuickSeeds seeds, writing nothing.
func QuickOptions() Options { return Options{Seeds: QuickSeeds, Quick: true} }

func (o Options) seeds() []uint64 {
	s := make([]uint64, max(o.Seeds, 0))
	for i := range s {
		s[i] = uint64(i + 1)
	}
	return s
}

func (o Options) check() error {
	if o.Seeds < 1 {
		return fmt.Errorf("seeds = %d, want at least 1 (start from DefaultOptions or QuickOptions)", o.Seeds)
	}
	if o.Shards < 0 || o.Shards > 1 && (o.Shard < 1 || o.Shard > o.Shards) {
		return fmt.Errorf("shard %d/%d: want 1 <= K <= N", o.Shard, o.Shards)
	}
	return nil
}

// design is one experiment laid out for a set of options: a grid of
// independent cells, each a (setting, seed) pair computed from its own
// seeded generator, and a finish that turns every cell's output into the
// result. Cell outputs pass through JSON on their way to finish, in a
// whole run as in a merge of shards, which is what makes the two agree
// bit for bit.
type design interface {
	// settings is recorded in results.json as the run's settings.
	settings() any
	// cells is the size of the grid.
	cells() int
	// cell computes cell i; its output must survive encoding/json.
	cell(ctx context.Context, i int) (any, error)
	// finish turns all cells into the result, drawing figures into dir
	// unless dir is empty.
	finish(cells []json.RawMessage, dir string) (*Result, error)
}

var registry = []*Experiment{
	linearCollapse,
	featureNonlinearity,
	sparsityDepth,
	convergence,
	dyingReLU,
	initExperiment,
	bceVsCE,
	rocAUC,
}

// List returns the experiments in the order of the lessons.
func List() []*Experiment { return append([]*Experiment(nil), registry...) }

// Names returns the experiments' names in the order of List.
func Names() []string {
	out := make([]string, len(registry))
	for i, e := range registry {
		out[i] = e.Name
	}
	return out
}

// Lookup returns the experiment called name.
func Lookup(name string) (*Experiment, bool) {
	for _, e := range registry {
		if e.Name == name {
			return e, true
		}
	}
	return nil, false
}

// Run runs the experiment, or with o.Shards > 1 one slice of it. A whole
// run returns the result and, with o.OutDir, writes it with its report and
// figures; a slice returns a Result holding only Experiment, Settings,
// Seeds and Shard, and writes the partial file that [Merge] reads. The
// result depends on the options and nothing else: not on Workers, the
// machine or the order in which cells finish.
func (e *Experiment) Run(ctx context.Context, o Options) (*Result, error) {
	if err := o.check(); err != nil {
		return nil, fmt.Errorf("experiment %s: %w", e.Name, err)
	}
	d := e.plan(o)
	var idx []int
	for i := 0; i < d.cells(); i++ {
		if o.Shards <= 1 || i%o.Shards == o.Shard-1 {
			idx = append(idx, i)
		}
	}
	raw, err := runCells(ctx, d, idx, o.Workers)
	if err != nil {
		return nil, fmt.Errorf("experiment %s: %w", e.Name, err)
	}
	settings, err := json.Marshal(d.settings())
	if err != nil {
		return nil, fmt.Errorf("experiment %s: settings: %w", e.Name, err)
	}
	if o.Shards > 1 {
		p := &partial{Experiment: e.Name, Quick: o.Quick, Seeds: o.seeds(), Settings: settings,
			Shard: o.Shard, Shards: o.Shards, GridSize: d.cells(), Cells: map[int]json.RawMessage{}}
		for k, i := range idx {
			p.Cells[i] = raw[k]
		}
		if o.OutDir != "" {
			if err := p.write(filepath.Join(o.OutDir, e.Name)); err != nil {
				return nil, err
			}
		}
		return &Result{Experiment: e.Name, Claim: e.Claim, Quick: o.Quick, Seeds: o.seeds(),
			Settings: settings, Shard: &ShardInfo{K: o.Shard, N: o.Shards, Cells: len(idx), GridSize: d.cells()}}, nil
	}
	return e.finish(d, o, settings, raw)
}

// finish completes a whole grid of cells into the result and writes it.
func (e *Experiment) finish(d design, o Options, settings json.RawMessage, raw []json.RawMessage) (*Result, error) {
	dir := ""
	if o.OutDir != "" {
		dir = filepath.Join(o.OutDir, e.Name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("experiment %s: %w", e.Name, err)
		}
	}
	r, err := d.finish(raw, dir)
	if err != nil {
		return nil, fmt.Errorf("experiment %s: %w", e.Name, err)
	}
	r.Experiment, r.Claim, r.Quick, r.Seeds, r.Settings = e.Name, e.Claim, o.Quick, o.seeds(), settings
	r.doc.claim = text{e.Claim, e.ClaimZH}
	r.doc.try = tryIts[e.Name]
	if dir != "" {
		if err := r.write(dir); err != nil {
			return nil, fmt.Errorf("experiment %s: %w", e.Name, err)
		}
	}
	return r, nil
}

// names lists the experiments for error messages.
func names() string { return strings.Join(Names(), ", ") }
