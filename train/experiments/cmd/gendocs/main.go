// Command gendocs regenerates the experiment documentation: run from the
// repository's root,
//
//	go run ./train/experiments/cmd/gendocs
//
// runs every experiment at its default settings and writes
// docs/experiments.md, docs/zh/experiments.md and, under
// docs/experiments/NAME/, each experiment's results.json, report.md and
// figures. It is `train experiment all --docs docs`; extra arguments
// (--seeds N, --quick, --workers N, --docs DIR) are passed on.
package main

import (
	"os"

	"github.com/nnlab/nnlab/train/experiments"
)

func main() {
	args := append([]string{"all", "--docs", "docs"}, os.Args[1:]...)
	os.Exit(experiments.Main(args, os.Stdout, os.Stderr))
}
