package datasets

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/nnlab/nnlab/tensor"
)

// CSVOptions configures ReadCSV and LoadCSV.
type CSVOptions struct {
	// Target names the column holding the targets; empty means the last
	// column.
	Target string
	// Drop names columns to ignore, neither features nor the target. A
	// name that is not a column is an error.
	Drop []string
	// DropMissing skips a row with an empty feature or target field,
	// counting it in CSVInfo.Dropped; when false such a field is an error.
	DropMissing bool
	// Regression reads the target as a number into Dataset.Values rather
	// than as a class label into Dataset.Y.
	Regression bool
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
	b.WriteString(safeName(e.File))
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Column > 0 {
		fmt.Fprintf(&b, "column %d", e.Column)
		if e.ColumnName != "" {
			b.WriteString(" " + quoteField(e.ColumnName))
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
	return LoadCSVContext(context.Background(), path, opts)
}

// LoadCSVContext is LoadCSV stopping with ctx; see ReadCSVContext.
func LoadCSVContext(ctx context.Context, path string, opts CSVOptions) (*Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadCSVContext(ctx, f, path, opts)
}

// ReadCSV reads a data set from CSV without a way to stop it early; see
// ReadCSVContext.
func ReadCSV(r io.Reader, name string, opts CSVOptions) (*Dataset, error) {
	return ReadCSVContext(context.Background(), r, name, opts)
}

// ReadCSVContext reads a labelled data set from CSV: a header row of
// distinct, non-empty column names, then one row per example with a field
// for every column. The target column (opts.Target, by default the last)
// holds the class labels, any non-empty strings, or with opts.Regression
// finite numbers; every other column not in opts.Drop is a feature and must
// hold finite numbers in a form strconv.ParseFloat accepts. Spaces around
// fields and a leading UTF-8 byte-order mark are ignored. Column names and
// labels must be UTF-8.
//
// Classes are named by their labels and numbered in sorted order: by
// numeric value when every label is a number (so "2" comes before "10"),
// otherwise in byte order. Numeric labels of equal value are one class,
// named by NumericLabel ("1", "1.0" and "01" are class "1"). There must be
// at least two classes and at most MaxClasses.
//
// The input is read once, streamed: the numbers go straight into X's
// storage, and its bytes are hashed as they are parsed into
// Dataset.Source. When r is a regular file, storage is sized from its
// length and the first rows; otherwise it grows in chunks copied once at
// the end. A record longer than MaxCSVRecord bytes, more than
// MaxCSVColumns columns or a NUL byte stops the read, so that an endless or
// binary input fails in bounded memory. When ctx is done the read stops,
// a read blocked on a pipe too when r has SetReadDeadline (an *os.File),
// with an error that wraps ctx.Err(). Any bad input yields a *CSVError
// naming name, the line, the column and the problem.
func ReadCSVContext(ctx context.Context, r io.Reader, name string, opts CSVOptions) (*Dataset, error) {
	defer watch(ctx, r)()
	t, err := openCSV(ctx, r, name)
	if err != nil {
		return nil, err
	}
	spec, err := t.spec(opts)
	if err != nil {
		return nil, err
	}
	tab, err := t.readRows(spec)
	if err != nil {
		return nil, err
	}
	features := make([]string, len(spec.cols))
	for i, c := range spec.cols {
		features[i] = t.header[c]
	}
	d := &Dataset{X: tensor.New(tab.x, tab.rows, len(spec.cols)), Features: features, Target: t.header[spec.target],
		Source: &CSVInfo{Name: name, SHA256: t.src.digest(), Bytes: t.src.n, Rows: tab.rows, Dropped: tab.dropped}}
	if spec.regression {
		d.Values = tab.values
		return d, nil
	}
	d.Classes, d.Y = orderLabels(tab.labels.names, tab.labels.rows)
	if len(d.Classes) < 2 {
		return nil, &CSVError{File: t.name, Column: spec.target + 1, ColumnName: t.header[spec.target],
			Msg: fmt.Sprintf("only one class, %s, in %d rows; need at least two", quoteField(d.Classes[0]), tab.rows)}
	}
	return d, nil
}

// spec works out the feature and target columns opts asks for.
func (t *csvTable) spec(opts CSVOptions) (rowSpec, error) {
	ncol := len(t.header)
	spec := rowSpec{target: ncol - 1, regression: opts.Regression, dropMissing: opts.DropMissing}
	if opts.Target != "" {
		spec.target = t.column(opts.Target)
		if spec.target < 0 {
			return spec, t.headerErr(0, fmt.Sprintf("no target column %s; the columns are %s", quoteField(opts.Target), listNames(t.header)))
		}
	}
	drop := make([]bool, ncol)
	for _, name := range opts.Drop {
		c := t.column(name)
		switch {
		case c < 0:
			return spec, t.headerErr(0, fmt.Sprintf("no column %s to drop; the columns are %s", quoteField(name), listNames(t.header)))
		case c == spec.target:
			return spec, t.headerErr(c+1, "the target column cannot be dropped")
		}
		drop[c] = true
	}
	for c := range ncol {
		if c != spec.target && !drop[c] {
			spec.cols = append(spec.cols, c)
		}
	}
	if len(spec.cols) == 0 {
		if ncol < 2 {
			return spec, t.headerErr(0, fmt.Sprintf("only one column, %s; need the target and at least one feature", quoteField(t.header[0])))
		}
		return spec, t.headerErr(0, "every column but the target is dropped; need at least one feature")
	}
	return spec, nil
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
	return ReadFeaturesCSVContext(context.Background(), r, name, featureNames)
}

// ReadFeaturesCSVContext is ReadFeaturesCSV stopping when ctx is done, as
// ReadCSVContext does.
func ReadFeaturesCSVContext(ctx context.Context, r io.Reader, name string, featureNames []string) (*tensor.Tensor, error) {
	if len(featureNames) == 0 {
		panic("datasets: ReadFeaturesCSVContext: no feature names")
	}
	for i, f := range featureNames {
		for _, g := range featureNames[:i] {
			if f == g {
				panic(fmt.Sprintf("datasets: ReadFeaturesCSVContext: feature %q named twice", f))
			}
		}
	}
	defer watch(ctx, r)()
	t, err := openCSV(ctx, r, name)
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
	tab, err := t.readRows(rowSpec{cols: cols, target: -1})
	if err != nil {
		return nil, err
	}
	return tensor.New(tab.x, tab.rows, len(cols)), nil
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

// safeName returns a file name for a message: as it is, or quoted when it
// holds characters that a terminal would not show as themselves.
func safeName(name string) string {
	if q := strconv.Quote(name); q[1:len(q)-1] != name {
		return q
	}
	return name
}
