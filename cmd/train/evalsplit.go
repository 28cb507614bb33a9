package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/train"
)

// splitChoices are the values of eval's --split.
var splitChoices = []string{"test", "train", "val", "all"}

// readSplit reads the split.json that 'train fit' wrote next to the model
// file modelFile.
func readSplit(modelFile string) (*splitRecord, string, error) {
	path := filepath.Join(filepath.Dir(modelFile), splitName)
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, path, err
	}
	var rec splitRecord
	if err := json.Unmarshal(b, &rec); err != nil {
		return nil, path, fmt.Errorf("%s: not a split record: %v", path, err)
	}
	return &rec, path, nil
}

// splitData re-reads the data the split record rec (read from recPath)
// names and returns the rows of the part which ("test", "train", "val" or
// "all"), and a name for them.
func splitData(rec *splitRecord, recPath, which string) (*datasets.Dataset, string, error) {
	if which == "val" && rec.ValData != nil {
		return recordedSource(rec.ValData, 0, recPath, "validation")
	}
	if which == "test" && rec.TestData != nil {
		return recordedSource(rec.TestData, 0, recPath, "test")
	}
	ds, name, err := recordedSource(&rec.Source, rec.Seed, recPath, "")
	if err != nil {
		return nil, "", err
	}
	rows := map[string][]int{"train": rec.Rows.Train, "val": rec.Rows.Val, "test": rec.Rows.Test}
	if which == "all" {
		return ds, "all rows of " + name, nil
	}
	idx := rows[which]
	if len(idx) == 0 {
		return nil, "", fmt.Errorf("the model has no %s split: %s lists no %s rows", which, recPath, which)
	}
	for _, i := range idx {
		if i < 0 || i >= ds.Len() {
			return nil, "", fmt.Errorf("%s: row %d of the %s split is outside the %d rows of %s", recPath, i, which, ds.Len(), name)
		}
	}
	out := ds.Subset(idx)
	out.Source = ds.Source
	return out, fmt.Sprintf("the %s split of %s", which, name), nil
}

// recordedSource makes a built-in set again or reads a CSV file again as
// split.json recorded it, and checks that it is the same data.
func recordedSource(src *splitSource, seed uint64, recPath, part string) (*datasets.Dataset, string, error) {
	var ds *datasets.Dataset
	var err error
	name := src.CSV
	if src.Builtin != "" {
		name = src.Builtin
		g, err := lookupBuiltin("data", src.Builtin)
		if err != nil || src.Generate == nil {
			return nil, "", fmt.Errorf("%s: unknown built-in data set %q", recPath, src.Builtin)
		}
		if ds, err = generate(g, *src.Generate, seed); err != nil {
			return nil, "", err
		}
	} else {
		opt := datasets.CSVOptions{Target: src.Target, Drop: src.Drop, DropMissing: src.DropMissing}
		ds, err = loadCSVAs(context.Background(), src.Path, src.CSV, opt)
		if errors.Is(err, os.ErrNotExist) {
			return nil, "", fmt.Errorf("%s: the data file %s that %s records is gone", src.CSV, src.Path, recPath)
		}
		if err != nil {
			return nil, "", err
		}
		if ds.Source == nil || ds.Source.SHA256 != src.SHA256 {
			return nil, "", fmt.Errorf("%s has changed since 'train fit' recorded its split in %s (its SHA-256 differs), so the rows of the split cannot be found again; evaluate a file with --data instead",
				src.CSV, recPath)
		}
	}
	if ds.Len() != src.Rows {
		return nil, "", fmt.Errorf("%s: %s has %d rows, %s records %d", name, name, ds.Len(), recPath, src.Rows)
	}
	if part != "" {
		name = fmt.Sprintf("%s (the %s file)", name, part)
	}
	return ds, name, nil
}

// evalSplit returns the rows of a part of the recorded split of the model
// in modelFile, lined up with the model, a name for them, and the record.
func evalSplit(modelFile, which string, model *train.Model) (*datasets.Dataset, string, *splitRecord, error) {
	rec, recPath, err := readSplit(modelFile)
	if errors.Is(err, os.ErrNotExist) {
		return nil, "", nil, fmt.Errorf("%s: no record of the model's split ('train fit' writes %s next to the model); measure it on a file with --data", recPath, splitName)
	}
	if err != nil {
		return nil, "", nil, err
	}
	ds, name, err := splitData(rec, recPath, which)
	if err != nil {
		return nil, "", nil, err
	}
	if ds, err = alignFeatures(ds, model.Inputs(), name); err != nil {
		return nil, "", nil, err
	}
	ds, err = relabel(ds, model.Classes, name)
	return ds, name, rec, err
}

// trainingRows counts the rows of ds that trained the model: all of its
// training part when ds is the CSV file 'train fit' read (the same bytes),
// else 0. It returns -1 when the model has no split record to tell.
func trainingRows(modelFile string, ds *datasets.Dataset) (n int, rec *splitRecord) {
	rec, _, err := readSplit(modelFile)
	if err != nil {
		return -1, nil
	}
	if ds.Source == nil || rec.Source.SHA256 == "" || ds.Source.SHA256 != rec.Source.SHA256 {
		return 0, rec
	}
	return len(rec.Rows.Train), rec
}

// warnTrainingRows tells the user, on stderr, that n of the rows evaluated
// trained the model, and how to measure the held-out ones.
func warnTrainingRows(w io.Writer, n, total int, data, modelArg string, rec *splitRecord) {
	held := fmt.Sprintf("for the %d held-out test rows use 'train eval --model %s --split test'", len(rec.Rows.Test), shellQuote(modelArg))
	if len(rec.Rows.Test) == 0 {
		held = "none of its rows were held out for testing (fit ran with --test 0)"
	}
	fmt.Fprintf(w, "warning: %s is the file the model was fitted on: %d of its %d rows trained the model, so these figures are not a measure on unseen rows; %s\n",
		data, n, total, held)
}
