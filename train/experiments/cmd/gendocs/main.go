// Command gendocs regenerates the experiment documentation: run from the
// repository's root,
//
//	go run ./train/experiments/cmd/gendocs
//
// runs every experiment at its default settings and writes
// docs/experiments.md, docs/zh/experiments.md and, under
// docs/experiments/NAME/, each experiment's results.json, report.md and
// figures. It does what `train experiment all --docs docs` does, with
// [experiments.RunDocs]; the flags --seeds N, --quick, --workers N and
// --docs DIR (default docs) change the run.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"

	"github.com/nnlab/nnlab/train/experiments"
)

func main() {
	o := experiments.DefaultOptions()
	fs := flag.NewFlagSet("gendocs", flag.ExitOnError)
	fs.IntVar(&o.Seeds, "seeds", o.Seeds, "seeds per setting (with --quick and no --seeds: QuickSeeds)")
	fs.BoolVar(&o.Quick, "quick", false, "the quick settings")
	fs.IntVar(&o.Workers, "workers", 0, "cells run at once (0: GOMAXPROCS)")
	root := fs.String("docs", "docs", "the documentation folder")
	fs.Parse(os.Args[1:])
	seedsSet := false
	fs.Visit(func(f *flag.Flag) { seedsSet = seedsSet || f.Name == "seeds" })
	if o.Quick && !seedsSet {
		o.Seeds = experiments.QuickOptions().Seeds
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "gendocs: unexpected argument %q\n", fs.Arg(0))
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	_, err := experiments.RunDocs(ctx, *root, o, func(r *experiments.Result) {
		fmt.Printf("%s: %s\n", r.Experiment, r.Verdict.Holds)
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "gendocs: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %s and %s\n", filepath.Join(*root, "experiments.md"), filepath.Join(*root, "zh", "experiments.md"))
}
