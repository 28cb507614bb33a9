package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/nnlab/nnlab/datasets"
)

// streamVal seeds the choice of the validation rows among the training
// rows (see streamData).
const streamVal = 0x6e6e6c616276616c // "nnlabval"

// autoValFraction is the share of the training rows --early-stop holds out
// for validation when no validation split is given.
const autoValFraction = 0.1

// dataFile is a CSV file given for one split (--val-data, --test-data):
// the path as given, made absolute, and the digest of the bytes the run
// read from it (empty until then), which --resume compares.
type dataFile struct {
	Name   string `json:"name"`
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

// newDataFile checks that the file of flag exists; the run reads it once,
// later, and records its digest then.
func newDataFile(flag, name string) (*dataFile, error) {
	if strings.TrimSpace(name) == "" {
		return nil, usagef("--%s must name a CSV file", flag)
	}
	if err := checkCSVFile(name); err != nil {
		return nil, err
	}
	return &dataFile{Name: name, Path: absPath(name)}, nil
}

// recordDigest keeps the digest of the bytes a new run read from f, or,
// when resuming, checks that f still holds the bytes the run started on.
func (f *dataFile) recordDigest(sum string) error {
	if f.SHA256 == "" {
		f.SHA256 = sum
		return nil
	}
	if sum != f.SHA256 {
		return &dataChangedError{path: f.Path}
	}
	return nil
}

// checkSplits checks the flags that divide the data into training,
// validation and test rows, and early stopping, into s.
func (ff *fitFlags) checkSplits(s *fitSettings) error {
	f := ff.f
	if f.given["test-data"] && f.given["test"] {
		return usagef("--test and --test-data both choose the test rows; give one")
	}
	if f.given["val-data"] && f.given["val"] {
		return usagef("--val and --val-data both choose the validation rows; give one")
	}
	var err error
	if f.given["test-data"] {
		s.Test = 0
		if s.TestFile, err = newDataFile("test-data", *ff.testData); err != nil {
			return err
		}
	}
	if f.given["val-data"] {
		if s.ValFile, err = newDataFile("val-data", *ff.valData); err != nil {
			return err
		}
	}
	if !(s.Test >= 0 && s.Test < 1) {
		return usagef("--test must be a fraction from 0 (no test split) to 1 (exclusive), got %v", s.Test)
	}
	s.Val = *ff.val
	if !(s.Val >= 0 && s.Val < 1) {
		return usagef("--val must be a fraction of the training rows from 0 (no validation split) to 1 (exclusive), got %v", s.Val)
	}
	s.EarlyStop = *ff.earlyStop
	if f.given["early-stop"] {
		if err := atLeast("early-stop", s.EarlyStop, 1); err != nil {
			return err
		}
		if s.Val == 0 && s.ValFile == nil {
			s.Val, s.AutoVal = autoValFraction, true
		}
	}
	return nil
}

// splitRows divides r.ds, in place, into the training, validation and test
// rows that s asks for, stratified, and records the original row numbers
// of each part. r.ds ends up holding the training rows, then the
// validation rows, then the test rows; the parts are views of it, so a
// data set as big as memory allows needs no second copy.
func (r *fitRun) splitRows(s *fitSettings) error {
	n := r.ds.Len()
	r.trainDS, r.rows.train = r.ds, make([]int, n)
	for i := range r.rows.train {
		r.rows.train[i] = i
	}
	indices, splitInPlace := splitFuncs(r.ds)
	if s.Test > 0 {
		trIdx, teIdx, err := indices(r.ds, s.Test, newRand(s.Seed, streamSplit))
		if err == nil {
			r.trainDS, r.testDS, err = splitInPlace(r.ds, s.Test, newRand(s.Seed, streamSplit))
		}
		if err != nil {
			return tooFewRows(s.Data, r.ds, "--test", s.Test, "test")
		}
		r.rows.train, r.rows.test = trIdx, teIdx
	}
	if s.Val > 0 {
		whole := r.trainDS
		trIdx, vaIdx, err := indices(whole, s.Val, newRand(s.Seed, streamVal))
		if err == nil {
			r.trainDS, r.valDS, err = splitInPlace(whole, s.Val, newRand(s.Seed, streamVal))
		}
		if err != nil {
			return tooFewRows(s.Data, whole, "--val", s.Val, "validation")
		}
		r.rows.train, r.rows.val = pick(r.rows.train, trIdx), pick(r.rows.train, vaIdx)
	}
	return nil
}

// pick returns rows[idx[0]], rows[idx[1]], ...
func pick(rows, idx []int) []int {
	out := make([]int, len(idx))
	for k, i := range idx {
		out[k] = rows[i]
	}
	return out
}

// tooFewRows explains a split that would leave a part empty.
func tooFewRows(name string, d *datasets.Dataset, flag string, frac float64, part string) error {
	counts := d.ClassCounts()
	parts := make([]string, len(counts))
	for c, k := range counts {
		parts[c] = fmt.Sprintf("%q: %d", d.Classes[c], k)
	}
	return fmt.Errorf("%s: %d rows (%s) are too few to split: at %s %v the training or the %s part would be empty",
		name, d.Len(), boundedList(parts, 10), flag, frac, part)
}

// loadSplitFiles reads the --val-data and --test-data files of s, their
// columns lined up with the training data's by name and their classes
// numbered as its.
func (r *fitRun) loadSplitFiles(ctx context.Context, s *fitSettings) error {
	for _, p := range []struct {
		file *dataFile
		dst  **datasets.Dataset
	}{{s.ValFile, &r.valDS}, {s.TestFile, &r.testDS}} {
		if p.file == nil {
			continue
		}
		ds, err := loadFitCSV(ctx, p.file.Path, p.file.Name, s.csvOptions(r.ds.Target))
		if err != nil {
			return err
		}
		if err := p.file.recordDigest(ds.Source.SHA256); err != nil {
			return err
		}
		if ds, err = alignFeatures(ds, r.ds.Features, p.file.Name); err != nil {
			return err
		}
		if ds, err = relabelSplit(ds, r.ds.Classes, p.file.Name); err != nil {
			return err
		}
		*p.dst = ds
	}
	return nil
}

// relabelSplit numbers the classes of a split's file as the training
// data's; a class the training data lacks is an error.
func relabelSplit(ds *datasets.Dataset, classes []string, file string) (*datasets.Dataset, error) {
	for _, name := range ds.Classes {
		found := false
		for _, c := range classes {
			found = found || c == name
		}
		if !found {
			return nil, fmt.Errorf("%s: class %q does not occur in the training data, whose classes are %s", file, name, quoteList(classes))
		}
	}
	return relabel(ds, classes, file)
}
