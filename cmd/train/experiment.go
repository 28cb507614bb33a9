package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/nnlab/nnlab/train/experiments"
)

const experimentHelpText = `Run the experiments: the lessons of a first ML course, measured.

Usage:
  train experiment NAME|all [--seeds N] [--quick] [--out DIR] [--json] [--shard K/N] [--workers N]
  train experiment all --docs DIR [--seeds N] [--quick]
  train experiment merge DIR... [--out DIR] [--json]
  train experiment list

Each experiment writes DIR/NAME/results.json (settings, seeds, tables, verdict),
DIR/NAME/report.md and its PNG figures, and prints its tables and verdict.

Flags:
  --seeds N     seeds per setting (default 20; 2 with --quick)
  --quick       a small version that finishes in seconds (for tests)
  --out DIR     output folder (default "experiments")
  --json        print results.json instead of the tables
  --shard K/N   run only the K-th of N slices of the settings-and-seeds grid and
                write DIR/NAME/partial-K-of-N.json; combine the slices with merge
  --workers N   cells run at once (default: GOMAXPROCS); results do not depend on it
  --docs DIR    with all: write DIR/experiments.md, DIR/zh/experiments.md and
                the results and figures under DIR/experiments/

Examples:
  train experiment list
  train experiment dying-relu --out results
  train experiment all --quick --out /tmp/exp
  train experiment sparsity-depth --shard 1/4 --out sweep   # then 2/4, 3/4, 4/4
  train experiment merge sweep --out merged

Experiments:
`

// experimentHelp returns the command's usage text, with the list of
// experiments.
func experimentHelp() string {
	var b strings.Builder
	b.WriteString(experimentHelpText)
	for _, x := range experiments.List() {
		fmt.Fprintf(&b, "  %-*s %s\n", nameWidth(), x.Name, x.Claim)
	}
	return b.String()
}

// maxSeeds bounds --seeds: each seed is a cell of every setting's grid,
// and 2,000,000,000 of them asked for 16 GB at once.
const maxSeeds = 1000

// experimentFlags is the parsed command line of train experiment.
type experimentFlags struct {
	opts      experiments.Options // Seeds, Quick, Workers, Shard, Shards
	asJSON    bool
	out, docs string
	outSet    bool
	seedsSet  bool
	args      []string // the positional arguments
}

func parseExperiment(args []string) (*experimentFlags, error) {
	f := newFlagSet("experiment")
	seeds := f.Int("seeds", 0)
	workers := f.Int("workers", 0)
	quick := f.Bool("quick")
	asJSON := f.Bool("json")
	out := f.String("out", "experiments")
	docs := f.String("docs", "")
	shard := f.String("shard", "")
	pos, err := f.parse(args)
	if err != nil {
		return nil, err
	}
	if len(pos) > 0 && pos[0] == "help" {
		return nil, errHelp
	}
	opts := experiments.DefaultOptions()
	if *quick {
		opts = experiments.QuickOptions()
	}
	if f.given["seeds"] {
		opts.Seeds = *seeds
	}
	if err := atLeast("seeds", opts.Seeds, 1); err != nil {
		return nil, err
	}
	if *seeds > maxSeeds { // checked before a grid of that many cells is allocated
		return nil, usagef("--seeds must be at most %d, got %d", maxSeeds, *seeds)
	}
	if err := atLeast("workers", *workers, 0); err != nil {
		return nil, err
	}
	x := &experimentFlags{asJSON: *asJSON, out: *out, docs: *docs, outSet: f.given["out"], seedsSet: f.given["seeds"], args: pos,
		opts: opts}
	x.opts.Workers = *workers
	if *shard != "" {
		k, n, ok := strings.Cut(*shard, "/")
		var err1, err2 error
		x.opts.Shard, err1 = strconv.Atoi(k)
		x.opts.Shards, err2 = strconv.Atoi(n)
		if !ok || err1 != nil || err2 != nil || x.opts.Shards < 1 || x.opts.Shard < 1 || x.opts.Shard > x.opts.Shards {
			return nil, usagef("--shard %q: want K/N with 1 <= K <= N, e.g. 2/8", *shard)
		}
	}
	if len(pos) == 0 {
		return nil, usagef("no experiment named")
	}
	return x, nil
}

// runExperiment is train experiment: run one experiment or all, a shard of
// one, merge shards, or list them. An interrupt (SIGINT) cancels a run.
func runExperiment(e *env, args []string) error {
	x, err := parseExperiment(args)
	if err != nil {
		return err
	}
	switch x.args[0] {
	case "list":
		if len(x.args) > 1 {
			return usagef("list takes no arguments")
		}
		for _, ex := range experiments.List() {
			fmt.Fprintf(e.stdout, "%-*s %s\n", nameWidth(), ex.Name, ex.Claim)
		}
		return nil
	case "merge":
		return runMerge(e, x)
	}
	if len(x.args) > 1 {
		return usagef("one experiment at a time (or all), got %q", x.args)
	}
	exps := experiments.List()
	if x.args[0] != "all" {
		ex, ok := experiments.Lookup(x.args[0])
		if !ok {
			return usagef("unknown experiment %q (known: %s, all)", x.args[0], strings.Join(experiments.Names(), ", "))
		}
		exps = []*experiments.Experiment{ex}
	}
	if beforeTrain != nil { // the fuzz test stops here
		if err := beforeTrain(); err != nil {
			return err
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if x.docs != "" {
		return runDocs(ctx, e, x)
	}
	x.opts.OutDir = x.out
	var results []*experiments.Result
	for _, ex := range exps {
		start := time.Now()
		r, err := ex.Run(ctx, x.opts)
		if err != nil {
			return err
		}
		results = append(results, r)
		if !x.asJSON {
			printRun(e.stdout, r, x.out, time.Since(start))
		}
	}
	if x.asJSON {
		return printResultsJSON(e.stdout, results)
	}
	return nil
}

// printRun prints what one run found, or for a shard what it wrote.
func printRun(w io.Writer, r *experiments.Result, out string, took time.Duration) {
	if s := r.Shard; s != nil {
		fmt.Fprintf(w, "%s: shard %d/%d, %d of %d cells in %.1fs, wrote %s\n", r.Experiment, s.K, s.N,
			s.Cells, s.GridSize, took.Seconds(),
			filepath.Join(out, r.Experiment, fmt.Sprintf("partial-%d-of-%d.json", s.K, s.N)))
		return
	}
	fmt.Fprint(w, r.Summary())
	fmt.Fprintf(w, "(%.1fs; wrote %s)\n\n", took.Seconds(), filepath.Join(out, r.Experiment))
}

// runDocs is train experiment all --docs DIR.
func runDocs(ctx context.Context, e *env, x *experimentFlags) error {
	switch {
	case x.args[0] != "all":
		return usagef("--docs needs all")
	case x.opts.Shards > 1:
		return usagef("--docs cannot be used with --shard")
	case x.outSet:
		return usagef("--docs writes under DIR/experiments; leave out --out")
	}
	out := filepath.Join(x.docs, "experiments")
	start := time.Now()
	results, err := experiments.RunDocs(ctx, x.docs, x.opts, func(r *experiments.Result) {
		if !x.asJSON {
			printRun(e.stdout, r, out, time.Since(start))
		}
		start = time.Now()
	})
	if err != nil {
		return err
	}
	if x.asJSON {
		if err := printResultsJSON(e.stdout, results); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stdout, "wrote %s and %s\n", filepath.Join(x.docs, "experiments.md"), filepath.Join(x.docs, "zh", "experiments.md"))
	return nil
}

// runMerge is train experiment merge DIR...
func runMerge(e *env, x *experimentFlags) error {
	dirs := x.args[1:]
	if len(dirs) == 0 {
		return usagef("merge needs at least one DIR of partial results")
	}
	if x.opts.Shards > 0 || x.docs != "" || x.seedsSet || x.opts.Quick {
		return usagef("merge takes only --out and --json; seeds and settings come from the partial files")
	}
	results, err := experiments.Merge(x.out, dirs...)
	if err != nil {
		return err
	}
	if x.asJSON {
		return printResultsJSON(e.stdout, results)
	}
	for _, r := range results {
		fmt.Fprint(e.stdout, r.Summary())
		fmt.Fprintf(e.stdout, "(merged; wrote %s)\n\n", filepath.Join(x.out, r.Experiment))
	}
	return nil
}

// printResultsJSON prints one results.json, or a list of them.
func printResultsJSON(w io.Writer, results []*experiments.Result) error {
	if len(results) == 1 {
		b, err := results[0].JSON()
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	}
	io.WriteString(w, "[\n")
	for i, r := range results {
		b, err := r.JSON()
		if err != nil {
			return err
		}
		if i > 0 {
			io.WriteString(w, ",\n")
		}
		w.Write(b[:len(b)-1])
	}
	_, err := io.WriteString(w, "\n]\n")
	return err
}

// nameWidth is the width of the longest experiment name, so that the
// claims line up in a column.
func nameWidth() int {
	w := 0
	for _, n := range experiments.Names() {
		w = max(w, len(n))
	}
	return w
}
