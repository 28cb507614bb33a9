package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/nnlab/nnlab/datasets"
)

// dataGroup says how a command uses the data-source flags.
type dataGroup struct {
	// csv: the command reads --data, a built-in set or a CSV file, and
	// --target; without it the set is named otherwise (datasets takes it
	// as an argument) and is always built-in.
	csv bool
	// minN is the fewest points --n may ask for.
	minN int
	// seedForCSV: --seed seeds more than the points (fit's split and
	// initialisation), so it may go with a CSV file.
	seedForCSV bool
}

// dataFlags is the data-source flag group of fit, eval and datasets:
// --data, --target, --n, --noise, --classes and --seed, with the checks
// that tell a CSV file from a built-in set. One group gives every command
// the same defaults, the same checks and the same messages.
type dataFlags struct {
	group        dataGroup
	f            *flagSet
	data, target *string // nil without group.csv
	n, classes   *int
	noise        *float64
	seed         *uint64
}

// addDataFlags defines the group on f.
func addDataFlags(f *flagSet, g dataGroup) *dataFlags {
	d := &dataFlags{group: g, f: f}
	if g.csv {
		d.data = f.String("data", "")
		d.target = f.String("target", "")
	}
	d.n = f.Int("n", 500)
	d.noise = f.Float("noise", 0.1)
	d.classes = f.Int("classes", 0)
	d.seed = f.Uint64("seed", 1)
	return d
}

// dataSource is a checked choice of data: a CSV file, or a built-in set
// with its parameters.
type dataSource struct {
	name   string // CSV: the path as given; built-in: the set's name
	target string // CSV: the label column, "" for the default
	gen    *datasets.Generator
	opts   genOptions // built-in only
	seed   uint64
}

func (s *dataSource) isCSV() bool { return s.gen == nil }

// resolve checks --data and the flags that go with it.
func (d *dataFlags) resolve() (*dataSource, error) {
	name := *d.data
	if err := required("data", name, "a built-in data set such as spiral, or a CSV file"); err != nil {
		return nil, err
	}
	if isCSVArg(name) {
		builtinOnly := []string{"n", "noise", "classes"}
		if !d.group.seedForCSV {
			builtinOnly = append(builtinOnly, "seed")
		}
		for _, flag := range builtinOnly {
			if d.f.given[flag] {
				return nil, usagef("--%s applies to built-in data sets only, not to the CSV file %s", flag, name)
			}
		}
		return &dataSource{name: name, target: *d.target, seed: *d.seed}, nil
	}
	if d.f.given["target"] {
		return nil, usagef("--target applies to CSV files only, not to the built-in data set %s", name)
	}
	g, err := lookupBuiltin("data", name)
	if err != nil {
		return nil, err
	}
	return d.builtin(g)
}

// maxNoise bounds --noise: a million times the spread of every built-in
// set's points.
const maxNoise = 1_000_000

// builtin checks --n, --noise and --classes for the built-in set g.
func (d *dataFlags) builtin(g datasets.Generator) (*dataSource, error) {
	o := genOptions{N: *d.n, Noise: *d.noise, Classes: *d.classes}
	if err := o.check(d.group.minN); err != nil {
		return nil, err
	}
	return &dataSource{name: g.Name, gen: &g, opts: o, seed: *d.seed}, nil
}

// check holds o to the bounds of the flags it comes from; a checkpoint's
// settings are checked by it too.
func (o genOptions) check(minN int) error {
	if err := atLeast("n", o.N, minN); err != nil {
		return err
	}
	if err := nonNegative("noise", o.Noise); err != nil {
		return err
	}
	if o.Noise > maxNoise {
		// Far beyond any set's scale, and near the float64 limit the
		// points themselves overflow to ±Inf.
		return usagef("--noise must be at most %d, got %g", maxNoise, o.Noise)
	}
	if o.Classes != 0 {
		if err := atLeast("classes", o.Classes, 2); err != nil {
			return err
		}
		if o.Classes > 1000 {
			return usagef("--classes must be at most 1000, got %d", o.Classes)
		}
	}
	if o.N > maxPoints {
		return usagef("--n must be at most %d, got %d", maxPoints, o.N)
	}
	return nil
}

// checkCSVFile reports a CSV file that cannot be read before any work is
// done: a missing file, or a directory.
func checkCSVFile(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	if info.IsDir() {
		return notAFileError(path)
	}
	return nil
}

func notAFileError(path string) error {
	return fmt.Errorf("%s: is a directory, not a CSV file", path)
}

// genOptions are the parameters of a built-in data set.
type genOptions struct {
	N       int     `json:"n"`
	Noise   float64 `json:"noise"`
	Classes int     `json:"classes"` // 0: the set's default
}

// isCSVArg reports whether a --data value names a CSV file rather than a
// built-in set: it ends in .csv, or it is not a built-in name but an
// existing file (a built-in name wins, so "./spiral" reads a file named
// spiral).
func isCSVArg(s string) bool {
	if strings.HasSuffix(strings.ToLower(s), ".csv") {
		return true
	}
	if _, ok := datasets.Lookup(s); ok {
		return false
	}
	if isRegressionSet(s) {
		return false
	}
	info, err := os.Stat(s)
	return err == nil && !info.IsDir()
}

// builtinNames lists the built-in sets for messages.
func builtinNames() string {
	var names []string
	for _, g := range datasets.Builtin() {
		names = append(names, g.Name)
	}
	return strings.Join(names, ", ")
}

// lookupBuiltin finds a built-in set or returns a usage error naming the
// choices.
func lookupBuiltin(flagName, name string) (datasets.Generator, error) {
	g, ok := datasets.Lookup(name)
	if !ok {
		g, ok = datasets.LookupRegression(name)
	}
	if !ok && looksLikePath(name) {
		return g, fmt.Errorf("%s: no such file or directory", name)
	}
	if !ok {
		var known []string
		for _, gen := range append(datasets.Builtin(), datasets.BuiltinRegression()...) {
			known = append(known, gen.Name)
		}
		return g, usagef("--%s %q: not a built-in data set (%s) or a CSV file%s", flagName, name, builtinNames(), didYouMean(name, "", known))
	}
	return g, nil
}

// generate makes a built-in set. Its parameters come from flags, so a bad
// one is a usage error carrying the generator's message.
func generate(g datasets.Generator, o genOptions, seed uint64) (*datasets.Dataset, error) {
	ds, err := g.Make(o.N, o.Noise, o.Classes, newRand(seed, streamData))
	if err != nil {
		return nil, usagef("%v", err)
	}
	return ds, nil
}
