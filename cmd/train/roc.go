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
"malignant" positive). Data with one class only has no ROC curve and is an
error.

Flags:
  --in FILE.csv    the labels and scores
  --label label    the column of true labels
  --score score    the column of scores
  --plot FILE.png  also draw the curve
  --json           print {"auc", "fpr", "tpr", "thresholds", ...} on stdout;
                   point i+1 of fpr and tpr calls positive every score at
                   least thresholds[i], point 0 is (0, 0)

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
	asJSON := f.Bool("json")
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
		title := fmt.Sprintf("ROC of %s (positive %q)", *scoreCol, sc.positive)
		if err := plots.ROC(*plotPath, []plots.NamedCurve{{Name: *scoreCol, Curve: curve, AUC: auc}}, title); err != nil {
			return err
		}
	}
	if *asJSON {
		return printJSON(e.stdout, rocReport{
			AUC: jsonFloat(auc), FPR: jsonFloats(curve.FPR), TPR: jsonFloats(curve.TPR),
			Thresholds: jsonFloats(curve.Thresholds), Positive: sc.positive, Negative: sc.negative,
			NPositive: npos, NNegative: len(sc.labels) - npos,
		})
	}
	fmt.Fprintf(e.stdout, "AUC %s on %d rows of %s: positive %q %d rows, negative %q %d rows, %d distinct scores\n",
		metric(auc), len(sc.labels), *in, sc.positive, npos, sc.negative, len(sc.labels)-npos, len(curve.Thresholds))
	if *plotPath != "" {
		fmt.Fprintf(e.stdout, "wrote %s\n", *plotPath)
	}
	return nil
}

// scored is a labelled column of scores, the labels as 0/1.
type scored struct {
	labels             []int
	scores             []float64
	positive, negative string
}

// readScores reads the label and score columns of a CSV file, reporting
// bad input as a *datasets.CSVError (file, line, column).
func readScores(path, labelCol, scoreCol string) (*scored, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	r := csv.NewReader(bufio.NewReader(fh))
	r.TrimLeadingSpace = true
	r.ReuseRecord = true
	bad := func(line, col int, header []string, format string, args ...any) error {
		e := &datasets.CSVError{File: path, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)}
		if col > 0 && col <= len(header) {
			e.ColumnName = header[col-1]
		}
		return e
	}
	rec, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, bad(0, 0, nil, "empty file; want a header and rows of labels and scores")
	}
	if err != nil {
		return nil, csvReadError(path, err, 0)
	}
	header := make([]string, len(rec))
	li, si := -1, -1
	for i, h := range rec {
		h = strings.TrimSpace(h)
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff")
		}
		header[i] = h
		switch h {
		case labelCol:
			li = i
		case scoreCol:
			si = i
		}
	}
	if li < 0 || si < 0 {
		missing, flag := labelCol, "--label"
		if li >= 0 {
			missing, flag = scoreCol, "--score"
		}
		return nil, bad(1, 0, header, "no column %q (set %s); the columns are %s", missing, flag, quoteList(header))
	}
	r.FieldsPerRecord = len(header)
	s := &scored{}
	var names []string // distinct labels in order of appearance
	var ids []int
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvReadError(path, err, len(header))
		}
		line, _ := r.FieldPos(0)
		lab := strings.TrimSpace(rec[li])
		if lab == "" {
			return nil, bad(line, li+1, header, "empty label")
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(rec[si]), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, bad(line, si+1, header, "score %q is not a finite number", rec[si])
		}
		id := slices.Index(names, lab)
		if id < 0 {
			if len(names) == 2 {
				return nil, bad(line, li+1, header, "a third class %q after %q and %q; ROC needs exactly two", lab, names[0], names[1])
			}
			names = append(names, lab)
			id = len(names) - 1
		}
		ids = append(ids, id)
		s.scores = append(s.scores, v)
	}
	switch len(names) {
	case 0:
		return nil, bad(0, 0, nil, "no rows after the header")
	case 1:
		return nil, bad(0, li+1, header, "only one class, %q, in %d rows; a ROC curve needs both positive and negative examples", names[0], len(ids))
	}
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
	return s, nil
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
func csvReadError(path string, err error, ncols int) error {
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
