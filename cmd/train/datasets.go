package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/train/atomicfile"
	"github.com/nnlab/nnlab/train/plots"
)

const datasetsHelp = `Usage: train datasets [NAME [--plot FILE.png] [--csv FILE.csv] [flags]]

Without NAME, lists the built-in data sets, one per line. With NAME, makes
that set (the same points 'train fit --data NAME' uses for the same flags),
describes it, and draws it or writes it as CSV.

Flags:
  --plot FILE.png  draw the points, coloured by class
  --csv FILE.csv   write the points as CSV: x1, x2, label
  --n 500          number of points
  --noise 0.1      noise (its meaning per set is in the list)
  --classes K      number of classes, for spiral and blobs
  --seed 1         seed of the points

Examples:
  train datasets
  train datasets spiral --classes 3 --plot spiral.png
  train datasets moons --noise 0.2 --csv moons.csv
`

func runDatasets(e *env, args []string) error {
	f := newFlagSet("datasets")
	plotPath := f.String("plot", "")
	csvPath := f.String("csv", "")
	data := addDataFlags(f, dataGroup{minN: 1})
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		if extra := f.givenExcept(); len(extra) > 0 {
			return usagef("%s needs a data set name, as in 'train datasets spiral %s ...'", extra[0], extra[0])
		}
		listDatasets(e)
		return nil
	}
	if len(pos) > 1 {
		return usagef("unexpected argument %q; give one data set name", pos[1])
	}
	g, ok := datasets.Lookup(pos[0])
	if !ok {
		return usagef("unknown data set %q; the built-in sets are %s", pos[0], builtinNames())
	}
	src, err := data.builtin(g)
	if err != nil {
		return err
	}
	for _, name := range []string{"plot", "csv"} {
		if f.given[name] && strings.TrimSpace(map[string]string{"plot": *plotPath, "csv": *csvPath}[name]) == "" {
			return usagef("--%s needs a file name", name)
		}
	}
	ds, err := generate(g, src.opts, src.seed)
	if err != nil {
		return err
	}
	counts := ds.ClassCounts()
	parts := make([]string, len(counts))
	for c, k := range counts {
		parts[c] = fmt.Sprintf("%s: %d", ds.Classes[c], k)
	}
	fmt.Fprintf(e.stdout, "%s: %d points, %d classes (%s), features %s\n  %s\n",
		g.Name, ds.Len(), ds.NumClasses(), strings.Join(parts, ", "), strings.Join(ds.Features, ", "), g.Doc)
	if *plotPath != "" {
		title := fmt.Sprintf("%s (n=%d, noise=%g, seed=%d)", g.Name, src.opts.N, src.opts.Noise, src.seed)
		if err := plots.Scatter(*plotPath, ds.X, ds.Y, ds.Classes, title, ds.Features...); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "wrote %s\n", *plotPath)
	}
	if *csvPath != "" {
		if err := atomicfile.Write(*csvPath, func(w io.Writer) error { return writeDatasetCSV(w, ds) }); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "wrote %s\n", *csvPath)
	}
	return nil
}

func listDatasets(e *env) {
	for _, g := range datasets.Builtin() {
		fmt.Fprintf(e.stdout, "%-7s %s\n", g.Name, g.Doc)
	}
}

// writeDatasetCSV writes the features and a final label column, numbers
// in the shortest form that reads back to the same bits.
func writeDatasetCSV(w io.Writer, ds *datasets.Dataset) error {
	cw := csv.NewWriter(w)
	rec := append(append([]string(nil), ds.Features...), "label")
	if err := cw.Write(rec); err != nil {
		return err
	}
	c := ds.NumFeatures()
	for i, y := range ds.Y {
		for j, v := range ds.X.Row(i) {
			rec[j] = strconv.FormatFloat(v, 'g', -1, 64)
		}
		rec[c] = ds.Classes[y]
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
