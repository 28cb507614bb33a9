package experiments

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

const usageLine = "Run 'train experiment --help' for usage."

const helpText = `Run the experiments: the lessons of a first ML course, measured.

Usage:
  train experiment NAME|all [--seeds N] [--quick] [--out DIR] [--json] [--shard K/N] [--workers N]
  train experiment all --docs DIR [--seeds N] [--quick]
  train experiment merge DIR... [--out DIR] [--json]
  train experiment list

Each experiment writes DIR/NAME/results.json (settings, seeds, tables, verdict),
DIR/NAME/report.md and its PNG figures, and prints its tables and verdict.

Flags:
  --seeds N     seeds per setting (default 5; 2 with --quick)
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

// Main runs the experiment command line, args being what follows
// "train experiment", and returns the exit status: 0 on success, 1 when an
// experiment fails, 2 for a usage error (reported in one line on stderr).
// It stops cleanly on an interrupt (SIGINT).
func Main(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return run(ctx, args, stdout, stderr)
}

type cliOptions struct {
	seeds, workers int
	quick, asJSON  bool
	out, docs      string
	shard, shards  int
	outSet         bool
}

func usageErr(stderr io.Writer, format string, args ...any) int {
	fmt.Fprintf(stderr, "train experiment: %s\n%s\n", fmt.Sprintf(format, args...), usageLine)
	return 2
}

// parse reads flags wherever they stand among the positional arguments.
func parse(args []string) (cliOptions, []string, error) {
	var o cliOptions
	var shard string
	fs := flag.NewFlagSet("train experiment", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.IntVar(&o.seeds, "seeds", 0, "")
	fs.IntVar(&o.workers, "workers", 0, "")
	fs.BoolVar(&o.quick, "quick", false, "")
	fs.BoolVar(&o.asJSON, "json", false, "")
	fs.StringVar(&o.out, "out", "experiments", "")
	fs.StringVar(&o.docs, "docs", "", "")
	fs.StringVar(&shard, "shard", "", "")
	var pos []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			return o, nil, err
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "out" {
			o.outSet = true
		}
	})
	if o.seeds < 0 || o.workers < 0 {
		return o, nil, fmt.Errorf("--seeds and --workers must be positive")
	}
	if shard != "" {
		k, n, ok := strings.Cut(shard, "/")
		var err1, err2 error
		o.shard, err1 = strconv.Atoi(k)
		o.shards, err2 = strconv.Atoi(n)
		if !ok || err1 != nil || err2 != nil || o.shards < 1 || o.shard < 1 || o.shard > o.shards {
			return o, nil, fmt.Errorf("--shard %q: want K/N with 1 <= K <= N, e.g. 2/8", shard)
		}
	}
	return o, pos, nil
}

// Help returns the command's usage text, with the list of experiments.
func Help() string {
	var b strings.Builder
	b.WriteString(helpText)
	for _, e := range registry {
		fmt.Fprintf(&b, "  %-16s %s\n", e.Name, e.Claim)
	}
	return b.String()
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	o, pos, err := parse(args)
	if errors.Is(err, flag.ErrHelp) || err == nil && len(pos) > 0 && pos[0] == "help" {
		fmt.Fprint(stdout, Help())
		return 0
	}
	if err != nil {
		return usageErr(stderr, "%v", err)
	}
	if len(pos) == 0 {
		return usageErr(stderr, "no experiment named")
	}
	switch pos[0] {
	case "list":
		if len(pos) > 1 {
			return usageErr(stderr, "list takes no arguments")
		}
		for _, e := range registry {
			fmt.Fprintf(stdout, "%-16s %s\n", e.Name, e.Claim)
		}
		return 0
	case "merge":
		return runMerge(o, pos[1:], stdout, stderr)
	}
	if len(pos) > 1 {
		return usageErr(stderr, "one experiment at a time (or all), got %q", pos)
	}
	var exps []*Experiment
	if pos[0] == "all" {
		exps = List()
	} else if e, ok := Lookup(pos[0]); ok {
		exps = []*Experiment{e}
	} else {
		return usageErr(stderr, "unknown experiment %q (known: %s, all)", pos[0], names())
	}
	if o.docs != "" {
		switch {
		case pos[0] != "all":
			return usageErr(stderr, "--docs needs all")
		case o.shards > 1:
			return usageErr(stderr, "--docs cannot be used with --shard")
		case o.outSet:
			return usageErr(stderr, "--docs writes under DIR/experiments; leave out --out")
		}
		o.out = filepath.Join(o.docs, "experiments")
	}
	opts := Options{Seeds: o.seeds, Quick: o.quick, OutDir: o.out, Shard: o.shard, Shards: o.shards, Workers: o.workers}
	var results []*Result
	for _, e := range exps {
		start := time.Now()
		r, err := e.Run(ctx, opts)
		if err != nil {
			fmt.Fprintf(stderr, "train experiment: %v\n", err)
			return 1
		}
		results = append(results, r)
		if !o.asJSON {
			if r.Shard != nil {
				fmt.Fprintf(stdout, "%s: shard %d/%d, %d of %d cells in %.1fs, wrote %s\n", e.Name, r.Shard.K, r.Shard.N,
					r.Shard.Cells, r.Shard.GridSize, time.Since(start).Seconds(),
					filepath.Join(o.out, e.Name, fmt.Sprintf("partial-%d-of-%d.json", r.Shard.K, r.Shard.N)))
				continue
			}
			printResult(stdout, r)
			fmt.Fprintf(stdout, "(%.1fs; wrote %s)\n\n", time.Since(start).Seconds(), filepath.Join(o.out, e.Name))
		}
	}
	if o.asJSON {
		if err := printJSON(stdout, results); err != nil {
			fmt.Fprintf(stderr, "train experiment: %v\n", err)
			return 1
		}
	}
	if o.docs != "" {
		if err := WriteDocs(o.docs, results); err != nil {
			fmt.Fprintf(stderr, "train experiment: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "wrote %s and %s\n", filepath.Join(o.docs, "experiments.md"), filepath.Join(o.docs, "zh", "experiments.md"))
	}
	return 0
}

func runMerge(o cliOptions, dirs []string, stdout, stderr io.Writer) int {
	if len(dirs) == 0 {
		return usageErr(stderr, "merge needs at least one DIR of partial results")
	}
	if o.shards > 0 || o.docs != "" || o.seeds > 0 || o.quick {
		return usageErr(stderr, "merge takes only --out and --json; seeds and settings come from the partial files")
	}
	results, err := Merge(o.out, dirs...)
	if err != nil {
		fmt.Fprintf(stderr, "train experiment: %v\n", err)
		return 1
	}
	if o.asJSON {
		if err := printJSON(stdout, results); err != nil {
			fmt.Fprintf(stderr, "train experiment: %v\n", err)
			return 1
		}
		return 0
	}
	for _, r := range results {
		printResult(stdout, r)
		fmt.Fprintf(stdout, "(merged; wrote %s)\n\n", filepath.Join(o.out, r.Experiment))
	}
	return 0
}

// printJSON prints one results.json, or a list of them.
func printJSON(w io.Writer, results []*Result) error {
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

// printResult prints an experiment's tables and verdict as plain text.
func printResult(w io.Writer, r *Result) {
	fmt.Fprintf(w, "== %s: %s\n", r.Experiment, holdsText(r.Verdict.Holds).en)
	fmt.Fprintf(w, "claim: %s\n\n", r.Claim)
	for _, t := range r.doc.tables {
		fmt.Fprintf(w, "%s [%s]\n", t.title.en, t.key)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		cells := make([]string, len(t.header))
		for i, c := range t.header {
			cells[i] = c.en
		}
		fmt.Fprintln(tw, "  "+strings.Join(cells, "\t"))
		for _, row := range t.rows {
			cells = cells[:0]
			for _, c := range row {
				cells = append(cells, c.en)
			}
			fmt.Fprintln(tw, "  "+strings.Join(cells, "\t"))
		}
		tw.Flush()
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "verdict (%s): %s\n", r.Verdict.Holds, r.Verdict.Text)
}
