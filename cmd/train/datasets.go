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
  --json           print the list, or the set's description, as JSON
  --quiet          print nothing but errors

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
	om := addOutputFlags(f)
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		if extra := f.givenExcept("json", "quiet"); len(extra) > 0 {
			return usagef("%s needs a data set name, as in 'train datasets spiral %s ...'", extra[0], extra[0])
		}
		return listDatasets(e, om)
	}
	if len(pos) > 1 {
		return usagef("unexpected argument %q; give one data set name", pos[1])
	}
	g, ok := datasets.Lookup(pos[0])
	if !ok {
		return usagef("unknown data set %q; the built-in sets are %s%s", pos[0], builtinNames(), didYouMean(pos[0], "", strings.Split(builtinNames(), ", ")))
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
	w := om.text(e)
	fmt.Fprintf(w, "%s: %d points, %d classes (%s), features %s\n  %s\n",
		g.Name, ds.Len(), ds.NumClasses(), strings.Join(parts, ", "), strings.Join(ds.Features, ", "), g.Doc)
	rep := datasetReport{Name: g.Name, N: ds.Len(), Classes: ds.Classes, Counts: counts, Features: ds.Features, Doc: g.Doc, Wrote: []string{}}
	if *plotPath != "" {
		title := fmt.Sprintf("%s (n=%d, noise=%g, seed=%d)", g.Name, src.opts.N, src.opts.Noise, src.seed)
		if err := plots.Scatter(*plotPath, ds.X, ds.Y, ds.Classes, title, ds.Features...); err != nil {
			return err
		}
		fmt.Fprintf(w, "wrote %s\n", *plotPath)
		rep.Wrote = append(rep.Wrote, *plotPath)
	}
	if *csvPath != "" {
		if err := atomicfile.Write(*csvPath, func(w io.Writer) error { return writeDatasetCSV(w, ds) }); err != nil {
			return err
		}
		fmt.Fprintf(w, "wrote %s\n", *csvPath)
		rep.Wrote = append(rep.Wrote, *csvPath)
	}
	if *om.json {
		return printJSON(e.stdout, rep)
	}
	return nil
}

// datasetReport is what 'train datasets NAME --json' prints.
type datasetReport struct {
	Name     string   `json:"name"`
	N        int      `json:"n"`
	Classes  []string `json:"classes"`
	Counts   []int    `json:"counts"`
	Features []string `json:"features"`
	Doc      string   `json:"doc"`
	Wrote    []string `json:"wrote"`
}

func listDatasets(e *env, om outputMode) error {
	type entry struct {
		Name string `json:"name"`
		Doc  string `json:"doc"`
	}
	var list []entry
	for _, g := range datasets.Builtin() {
		fmt.Fprintf(om.text(e), "%-7s %s\n", g.Name, g.Doc)
		list = append(list, entry{g.Name, g.Doc})
	}
	if *om.json {
		return printJSON(e.stdout, list)
	}
	return nil
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
