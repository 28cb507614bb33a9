package main

import (
	"bufio"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/train/metrics"
	"github.com/nnlab/nnlab/train/plots"
)

const rocHelp = `Usage: train roc --in FILE.csv [--label COL] [--score COL] [--plot FILE.png] [--json]

Computes the ROC curve and its AUC for any binary classifier's scores: a CSV
file with a header, a column of true labels and a column of scores (higher
means more likely positive). Other columns are ignored.

The labels are 0 and 1 (1 positive), or any two distinct values: the
larger is positive, comparing as numbers if both are numbers and as text
otherwise (so "no"/"yes" makes "yes" positive, "benign"/"malignant" makes
"malignant" positive). Labels that are numbers are read by value, as
'train fit' reads them: "1", "1.0" and "01" are one class, named "1", and
"0" and "-0" another. Data with one class only has no ROC curve and is an
error. Duplicate column names are an error, as are names and labels that are
not UTF-8; a record may take at most 1 MiB and the file at most 20,000,000
rows, so that binary or endless input stops with an error.

Flags:
  --in FILE.csv    the labels and scores
  --label label    the column of true labels
  --score score    the column of scores
  --plot FILE.png  also draw the curve
  --json           print {"auc", "fpr", "tpr", "thresholds", ...} on stdout;
                   point i+1 of fpr and tpr calls positive every score at
                   least thresholds[i], point 0 is (0, 0)
  --quiet          print nothing but errors

Examples:
  train predict --model run --in test.csv --out pred.csv   # then join labels and p_1
  train roc --in scored.csv --score p_1 --plot roc.png
  train roc --in scored.csv --label y --score prob --json
`

// rocReport is what --json prints.
type rocReport struct {
	AUC        jsonFloat   `json:"auc"`
	FPR        []jsonFloat `json:"fpr"`
	TPR        []jsonFloat `json:"tpr"`
	Thresholds []jsonFloat `json:"thresholds"`
	Positive   string      `json:"positive"`
	Negative   string      `json:"negative"`
	NPositive  int         `json:"n_positive"`
	NNegative  int         `json:"n_negative"`
}

func runROC(e *env, args []string) error {
	f := newFlagSet("roc")
	in := f.String("in", "")
	labelCol := f.String("label", "label")
	scoreCol := f.String("score", "score")
	plotPath := f.String("plot", "")
	om := addOutputFlags(f)
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if err := noPositional(pos); err != nil {
		return err
	}
	if err := required("in", *in, "a CSV file of labels and scores"); err != nil {
		return err
	}
	if *labelCol == *scoreCol {
		return usagef("--label and --score both name column %q", *labelCol)
	}
	if f.given["plot"] && strings.TrimSpace(*plotPath) == "" {
		return usagef("--plot needs a file name")
	}
	sc, err := readScores(*in, *labelCol, *scoreCol)
	if err != nil {
		return err
	}
	curve, err := metrics.ROC(sc.labels, sc.scores)
	if err != nil {
		return fmt.Errorf("%s: %v", *in, err)
	}
	auc, err := metrics.ROCAUC(sc.labels, sc.scores)
	if err != nil {
		return fmt.Errorf("%s: %v", *in, err)
	}
	npos := 0
	for _, y := range sc.labels {
		npos += y
	}
	if *plotPath != "" {
		// The rows scored are the file's: name it, as the split the
		// curve shows.
		title := fmt.Sprintf("ROC of %s on the %d rows of %s (positive %q)",
			*scoreCol, len(sc.labels), filepath.Base(*in), sc.positive)
		if err := plots.ROC(*plotPath, []plots.NamedCurve{{Name: *scoreCol, Curve: curve, AUC: auc}}, title); err != nil {
			return err
		}
	}
	if *om.json {
		return printJSON(e.stdout, rocReport{
			AUC: jsonFloat(auc), FPR: jsonFloats(curve.FPR), TPR: jsonFloats(curve.TPR),
			Thresholds: jsonFloats(curve.Thresholds), Positive: sc.positive, Negative: sc.negative,
			NPositive: npos, NNegative: len(sc.labels) - npos,
		})
	}
	w := om.text(e)
	fmt.Fprintf(w, "AUC %s on %d rows of %s: positive %q %d rows, negative %q %d rows, %d distinct scores\n",
		metric(auc), len(sc.labels), *in, sc.positive, npos, sc.negative, len(sc.labels)-npos, len(curve.Thresholds))
	if *plotPath != "" {
		fmt.Fprintf(w, "wrote %s\n", *plotPath)
	}
	return nil
}

// scored is a labelled column of scores, the labels as 0/1.
type scored struct {
	labels             []int
	scores             []float64
	positive, negative string
}

// scoreReader reads the label and score columns of a CSV file.
type scoreReader struct {
	path   string
	in     *rocInput
	r      *csv.Reader
	header []string
	li, si int // the label and score columns, 0-based
}

// bad returns a *datasets.CSVError at line and 1-based column col (0: no
// column).
func (sr *scoreReader) bad(line, col int, format string, args ...any) error {
	e := &datasets.CSVError{File: sr.path, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)}
	if col > 0 && col <= len(sr.header) {
		e.ColumnName = sr.header[col-1]
	}
	return e
}

// readScores reads the label and score columns of a CSV file, reporting
// bad input as a *datasets.CSVError (file, line, column).
func readScores(path, labelCol, scoreCol string) (*scored, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	if info, err := fh.Stat(); err == nil && info.IsDir() {
		return nil, fmt.Errorf("%s: is a directory, not a CSV file", path)
	}
	in := newROCInput(fh, path)
	sr := &scoreReader{path: path, in: in, r: csv.NewReader(bufio.NewReader(in))}
	sr.r.TrimLeadingSpace = true
	sr.r.ReuseRecord = true
	if err := sr.readHeader(labelCol, scoreCol); err != nil {
		return nil, err
	}
	return sr.readRows()
}

// readHeader reads the header and finds the two columns in it.
func (sr *scoreReader) readHeader(labelCol, scoreCol string) error {
	rec, err := sr.r.Read()
	if errors.Is(err, io.EOF) {
		return sr.bad(0, 0, "empty file; want a header and rows of labels and scores")
	}
	if err != nil {
		return csvReadError(sr.in, err, 0)
	}
	sr.in.record(sr.r.InputOffset(), 2)
	sr.header = make([]string, len(rec))
	sr.li, sr.si = -1, -1
	seen := map[string]int{}
	for i, h := range rec {
		h = strings.TrimSpace(h)
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff")
		}
		sr.header[i] = h
		if msg := checkText("the column name", h); msg != "" {
			return sr.bad(1, i+1, "%s", msg)
		}
		if j, dup := seen[h]; dup {
			return sr.bad(1, i+1, "duplicate column name, also column %d", j+1)
		}
		seen[h] = i
		switch h {
		case labelCol:
			sr.li = i
		case scoreCol:
			sr.si = i
		}
	}
	if sr.li < 0 || sr.si < 0 {
		missing, flag := labelCol, "--label"
		if sr.li >= 0 {
			missing, flag = scoreCol, "--score"
		}
		return sr.bad(1, 0, "no column %q (set %s); the columns are %s", missing, flag, quoteList(sr.header))
	}
	sr.r.FieldsPerRecord = len(sr.header)
	return nil
}

// readRows reads the labels and scores after the header; the labels must
// be two classes.
func (sr *scoreReader) readRows() (*scored, error) {
	s := &scored{}
	var names []string // distinct labels in order of appearance
	var ids []int
	li, si := sr.li, sr.si
	for {
		rec, err := sr.r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvReadError(sr.in, err, len(sr.header))
		}
		line, _ := sr.r.FieldPos(0)
		sr.in.record(sr.r.InputOffset(), line+1)
		if len(ids) == maxROCRows {
			return nil, sr.bad(line, 0, "more than %d rows, the most roc reads", maxROCRows)
		}
		lab := strings.TrimSpace(rec[li])
		if lab == "" {
			return nil, sr.bad(line, li+1, "empty label")
		}
		if msg := checkText("the class label", lab); msg != "" {
			return nil, sr.bad(line, li+1, "%s", msg)
		}
		if canon, ok := datasets.NumericLabel(lab); ok {
			lab = canon // "1" and "1.0" are one class, as in datasets
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(rec[si]), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, sr.bad(line, si+1, "score %q is not a finite number", rec[si])
		}
		id := slices.Index(names, lab)
		if id < 0 {
			if len(names) == 2 {
				return nil, sr.bad(line, li+1, "a third class %q after %q and %q; ROC needs exactly two", lab, names[0], names[1])
			}
			names = append(names, lab)
			id = len(names) - 1
		}
		ids = append(ids, id)
		s.scores = append(s.scores, v)
	}
	switch len(names) {
	case 0:
		return nil, sr.bad(0, 0, "no rows after the header")
	case 1:
		return nil, sr.bad(0, li+1, "only one class, %q, in %d rows; a ROC curve needs both positive and negative examples", names[0], len(ids))
	}
	s.setLabels(names, ids)
	return s, nil
}

// setLabels makes the larger of the two class names positive and the
// labels 0/1 accordingly.
func (s *scored) setLabels(names []string, ids []int) {
	pos := 1
	if compareLabels(names[0], names[1]) > 0 {
		pos = 0
	}
	s.positive, s.negative = names[pos], names[1-pos]
	s.labels = make([]int, len(ids))
	for i, id := range ids {
		if id == pos {
			s.labels[i] = 1
		}
	}
}

// compareLabels orders two labels as numbers if both are, else as text.
func compareLabels(a, b string) int {
	x, errA := strconv.ParseFloat(a, 64)
	y, errB := strconv.ParseFloat(b, 64)
	if errA == nil && errB == nil && !math.IsNaN(x) && !math.IsNaN(y) {
		if c := cmp.Compare(x, y); c != 0 {
			return c
		}
	}
	return strings.Compare(a, b)
}

// csvReadError turns encoding/csv's error into a CSVError with the line;
// ncols is the header's width, 0 while reading the header.
func csvReadError(in *rocInput, err error, ncols int) error {
	path := in.path
	var ce *datasets.CSVError
	if errors.As(err, &ce) { // the input's own bounds
		return ce
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			msg = fmt.Sprintf("wrong number of fields; the header has %d", ncols)
		}
		return &datasets.CSVError{File: path, Line: pe.Line, Msg: msg, Err: err}
	}
	return fmt.Errorf("%s: %v", path, err)
}
