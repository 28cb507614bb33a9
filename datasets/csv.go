package datasets

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/nnlab/nnlab/tensor"
)

// CSVOptions configures ReadCSV and LoadCSV.
type CSVOptions struct {
	// Target names the column holding the class labels; empty means the
	// last column.
	Target string
}

// CSVError reports bad CSV input: the file, the line and column where the
// problem is (when it is in one place) and what is wrong with it.
type CSVError struct {
	// File is the name the input was read under.
	File string
	// Line is the 1-based line of the problem, 0 when it concerns the
	// whole file.
	Line int
	// Column is the 1-based field number, 0 when the problem is not in
	// one column; ColumnName is that column's name from the header, if it
	// has one.
	Column     int
	ColumnName string
	// Msg says what is wrong.
	Msg string
	// Err is the underlying error, if any (a read or CSV syntax error).
	Err error
}

// Error formats e as "file:line: column 3 "name": message", leaving out the
// parts that do not apply.
func (e *CSVError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Column > 0 {
		fmt.Fprintf(&b, "column %d", e.Column)
		if e.ColumnName != "" {
			fmt.Fprintf(&b, " %q", e.ColumnName)
		}
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Unwrap returns the underlying error, if any.
func (e *CSVError) Unwrap() error { return e.Err }

// LoadCSV reads a labelled data set from the CSV file at path; see ReadCSV.
func LoadCSV(path string, opts CSVOptions) (*Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadCSV(f, path, opts)
}

// ReadCSV reads a labelled data set from CSV: a header row of distinct,
// non-empty column names, then one row per example with a field for every
// column. The target column (opts.Target, by default the last) holds the
// class labels, any non-empty strings; every other column is a feature and
// must hold finite numbers in a form strconv.ParseFloat accepts. Spaces
// around fields and a leading byte-order mark are ignored.
//
// Classes are named by their labels and numbered in sorted order: by
// numeric value when every label is a number (so "2" comes before "10"),
// otherwise in byte order. There must be at least two.
//
// The input is streamed: the numbers go straight into X's storage, and when
// r can seek (a file) a first pass counting lines sizes that storage so it
// never has to grow. Any bad input yields a *CSVError naming name, the line,
// the column and the problem.
func ReadCSV(r io.Reader, name string, opts CSVOptions) (*Dataset, error) {
	t, err := openCSV(r, name)
	if err != nil {
		return nil, err
	}
	ncol := len(t.header)
	target := ncol - 1
	if opts.Target != "" {
		target = t.column(opts.Target)
		if target < 0 {
			return nil, t.headerErr(0, fmt.Sprintf("no target column %q; the columns are %s", opts.Target, listNames(t.header)))
		}
	}
	if ncol < 2 {
		return nil, t.headerErr(0, fmt.Sprintf("only one column, %q; need the target and at least one feature", t.header[0]))
	}
	cols := make([]int, 0, ncol-1)
	for c := range ncol {
		if c != target {
			cols = append(cols, c)
		}
	}
	x, rows, labels, err := t.readRows(cols, target)
	if err != nil {
		return nil, err
	}
	classes, y := orderLabels(labels.names, labels.rows)
	if len(classes) < 2 {
		return nil, &CSVError{File: name, Column: target + 1, ColumnName: t.header[target],
			Msg: fmt.Sprintf("only one class, %s, in %d rows; need at least two", quoteField(classes[0]), rows)}
	}
	features := make([]string, len(cols))
	for i, c := range cols {
		features[i] = t.header[c]
	}
	return &Dataset{X: tensor.New(x, rows, len(cols)), Y: y, Classes: classes, Features: features, Target: t.header[target]}, nil
}

// LoadFeaturesCSV reads the given feature columns from the CSV file at path;
// see ReadFeaturesCSV.
func LoadFeaturesCSV(path string, featureNames []string) (*tensor.Tensor, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadFeaturesCSV(f, path, featureNames)
}

// ReadFeaturesCSV reads the columns featureNames, in that order, from CSV
// with a header row, for a model to predict on: the result has one row per
// data row and one column per name. Other columns, such as a label, are
// ignored, but every row must still have a field for every column. The
// rules and errors are those of ReadCSV. It panics if featureNames is empty
// or repeats a name.
func ReadFeaturesCSV(r io.Reader, name string, featureNames []string) (*tensor.Tensor, error) {
	if len(featureNames) == 0 {
		panic("datasets: ReadFeaturesCSV: no feature names")
	}
	for i, f := range featureNames {
		for _, g := range featureNames[:i] {
			if f == g {
				panic(fmt.Sprintf("datasets: ReadFeaturesCSV: feature %q named twice", f))
			}
		}
	}
	t, err := openCSV(r, name)
	if err != nil {
		return nil, err
	}
	cols := make([]int, len(featureNames))
	var missing []string
	for i, f := range featureNames {
		cols[i] = t.column(f)
		if cols[i] < 0 {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		return nil, t.headerErr(0, fmt.Sprintf("missing feature column(s) %s; the columns are %s", listNames(missing), listNames(t.header)))
	}
	x, rows, _, err := t.readRows(cols, -1)
	if err != nil {
		return nil, err
	}
	return tensor.New(x, rows, len(cols)), nil
}

// listNames quotes and joins names for a message, eliding a long list.
func listNames(names []string) string {
	const most = 20
	var b strings.Builder
	for i, n := range names {
		if i == most {
			fmt.Fprintf(&b, ", … (%d more)", len(names)-most)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quoteField(n))
	}
	return b.String()
}

// quoteField quotes s for a message, cut short so that a runaway field
// cannot flood it.
func quoteField(s string) string {
	const most = 40
	if len(s) <= most {
		return fmt.Sprintf("%q", s)
	}
	cut := most
	for cut > 0 && !isRuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%q…", s[:cut])
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
