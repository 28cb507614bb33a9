package main

import (
	"slices"

	"github.com/nnlab/nnlab/train"
)

// splitName is the file in which fit records its split, next to the model.
const splitName = "split.json"

// splitRecord is split.json: where the data came from and which of its
// rows went to each part, so that 'train eval --split' can measure the
// model on exactly the rows of a part later.
type splitRecord struct {
	Source splitSource `json:"source"`
	Seed   uint64      `json:"seed"`
	// Test is the fraction of the source's rows held out for testing, Val
	// the fraction of the rest held out for validation.
	Test float64   `json:"test"`
	Val  float64   `json:"val"`
	Rows splitJSON `json:"rows"`
	// ValData and TestData are the files of --val-data and --test-data,
	// each part all the rows of its file.
	ValData  *splitSource `json:"val_data,omitempty"`
	TestData *splitSource `json:"test_data,omitempty"`
}

// splitJSON are the row numbers of each part, counted from 0 in the
// source's order (the first data row of a CSV file is row 0).
type splitJSON struct {
	Train []int `json:"train"`
	Val   []int `json:"val"`
	Test  []int `json:"test"`
}

// splitSource is a data source: a built-in set with its parameters (and
// the record's seed), or a CSV file.
type splitSource struct {
	Builtin  string      `json:"builtin,omitempty"`
	Generate *genOptions `json:"generate,omitempty"`
	CSV      string      `json:"csv,omitempty"`  // the path as given to fit
	Path     string      `json:"path,omitempty"` // the same, absolute
	Target   string      `json:"target,omitempty"`
	// Drop and DropMissing are fit's --drop and --drop-missing, which the
	// file is read again with: the rows are numbered after those skipped.
	Drop        []string `json:"drop,omitempty"`
	DropMissing bool     `json:"drop_missing,omitempty"`
	SHA256      string   `json:"sha256,omitempty"`
	Rows        int      `json:"rows"`
}

// splitRecord describes the run's split.
func (r *fitRun) splitRecord() *splitRecord {
	s := &r.s
	rec := &splitRecord{
		Seed: s.Seed, Test: s.Test, Val: s.Val,
		Rows: splitJSON{Train: orEmpty(r.rows.train), Val: orEmpty(r.rows.val), Test: orEmpty(r.rows.test)},
	}
	if s.Generate != nil {
		rec.Source = splitSource{Builtin: s.Data, Generate: s.Generate, Rows: r.ds.Len()}
	} else {
		rec.Source = splitSource{CSV: s.Data, Path: s.DataPath, Target: r.ds.Target, Drop: s.Drop, DropMissing: s.DropMissing,
			SHA256: r.source.SHA256, Rows: r.ds.Len()}
	}
	file := func(f *dataFile, n int) *splitSource {
		if f == nil {
			return nil
		}
		return &splitSource{CSV: f.Name, Path: f.Path, Target: r.ds.Target, Drop: s.Drop, DropMissing: s.DropMissing,
			SHA256: f.SHA256, Rows: n}
	}
	if s.ValFile != nil {
		rec.ValData = file(s.ValFile, r.valDS.Len())
	}
	if s.TestFile != nil {
		rec.TestData = file(s.TestFile, r.testDS.Len())
	}
	return rec
}

func orEmpty(rows []int) []int {
	if rows == nil {
		return []int{}
	}
	return rows
}

// heldOutAsTest returns h with its validation columns named as the test
// part's, which they measure when a run has no validation part.
func heldOutAsTest(h *train.History) *train.History {
	out := &train.History{Columns: slices.Clone(h.Columns), Rows: h.Rows}
	for i, c := range out.Columns {
		switch c {
		case train.ColValLoss:
			out.Columns[i] = train.ColTestLoss
		case train.ColValAccuracy:
			out.Columns[i] = train.ColTestAccuracy
		case train.ColValAUC:
			out.Columns[i] = train.ColTestAUC
		}
	}
	return out
}
