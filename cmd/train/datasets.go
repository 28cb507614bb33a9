package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/train/atomicfile"
	"github.com/nnlab/nnlab/train/plots"
)

const datasetsHelp = `Usage: train datasets [NAME [--plot FILE.png] [--csv FILE.csv] [flags]]

Without NAME, lists the built-in data sets, one per line; the regression
sets (reg-plane, reg-gauss: a number to predict per point, not a class) are
marked [regression]. With NAME, makes that set (the same points 'train fit
--data NAME' uses for the same flags), describes it, and draws it or writes
it as CSV.

Flags:
  --plot FILE.png  draw the points, coloured by class (classification sets)
  --csv FILE.csv   write the points as CSV: x1, x2, label (a regression
                   set: x1, x2, y, its target value)
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
  train datasets reg-plane --csv plane.csv
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
		g, ok = datasets.LookupRegression(pos[0])
	}
	if !ok {
		names := allBuiltinNames()
		return usagef("unknown data set %q; the built-in sets are %s%s", pos[0], strings.Join(names, ", "), didYouMean(pos[0], "", names))
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
	if *plotPath != "" && isRegressionSet(g.Name) {
		return usagef("--plot draws classes, and %s is a regression set (a number per point); write it with --csv, or fit it ('train fit --data %s' draws heatmap.png)", g.Name, g.Name)
	}
	ds, err := generate(g, src.opts, src.seed)
	if err != nil {
		return err
	}
	w := om.text(e)
	rep := describeDataset(w, g, ds)
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

// datasetReport is what 'train datasets NAME --json' prints. A regression
// set has no classes (null) and task "regression".
type datasetReport struct {
	Name     string   `json:"name"`
	N        int      `json:"n"`
	Task     string   `json:"task,omitempty"`
	Classes  []string `json:"classes"`
	Counts   []int    `json:"counts"`
	Features []string `json:"features"`
	Doc      string   `json:"doc"`
	Wrote    []string `json:"wrote"`
}

// describeDataset prints a line on the set g made, ds, to w and returns
// its report.
func describeDataset(w io.Writer, g datasets.Generator, ds *datasets.Dataset) datasetReport {
	rep := datasetReport{Name: g.Name, N: ds.Len(), Features: ds.Features, Doc: g.Doc, Wrote: []string{}}
	if ds.IsRegression() {
		rep.Task = taskRegression
		fmt.Fprintf(w, "%s: %d points, regression, target y from %s to %s, features %s\n  %s\n",
			g.Name, ds.Len(), metric(slices.Min(ds.Values)), metric(slices.Max(ds.Values)), strings.Join(ds.Features, ", "), g.Doc)
		return rep
	}
	rep.Classes, rep.Counts = ds.Classes, ds.ClassCounts()
	parts := make([]string, len(rep.Counts))
	for c, k := range rep.Counts {
		parts[c] = fmt.Sprintf("%s: %d", ds.Classes[c], k)
	}
	fmt.Fprintf(w, "%s: %d points, %d classes (%s), features %s\n  %s\n",
		g.Name, ds.Len(), ds.NumClasses(), strings.Join(parts, ", "), strings.Join(ds.Features, ", "), g.Doc)
	return rep
}

// allBuiltinNames are the names of the built-in sets, classification then
// regression.
func allBuiltinNames() []string {
	var names []string
	for _, g := range append(datasets.Builtin(), datasets.BuiltinRegression()...) {
		names = append(names, g.Name)
	}
	return names
}

func listDatasets(e *env, om outputMode) error {
	type entry struct {
		Name string `json:"name"`
		Task string `json:"task"`
		Doc  string `json:"doc"`
	}
	var list []entry
	for _, g := range datasets.Builtin() {
		fmt.Fprintf(om.text(e), "%-9s %s\n", g.Name, g.Doc)
		list = append(list, entry{g.Name, taskClassification, g.Doc})
	}
	for _, g := range datasets.BuiltinRegression() {
		fmt.Fprintf(om.text(e), "%-9s [regression] %s\n", g.Name, g.Doc)
		list = append(list, entry{g.Name, taskRegression, g.Doc})
	}
	if *om.json {
		return printJSON(e.stdout, list)
	}
	return nil
}

// writeDatasetCSV writes the features and a final label column (y, the
// target value, for a regression set), numbers in the shortest form that
// reads back to the same bits.
func writeDatasetCSV(w io.Writer, ds *datasets.Dataset) error {
	cw := csv.NewWriter(w)
	last := "label"
	if ds.IsRegression() {
		last = "y"
	}
	rec := append(append([]string(nil), ds.Features...), last)
	if err := cw.Write(rec); err != nil {
		return err
	}
	c := ds.NumFeatures()
	for i := range ds.Len() {
		for j, v := range ds.X.Row(i) {
			rec[j] = strconv.FormatFloat(v, 'g', -1, 64)
		}
		if ds.IsRegression() {
			rec[c] = strconv.FormatFloat(ds.Values[i], 'g', -1, 64)
		} else {
			rec[c] = ds.Classes[ds.Y[i]]
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
