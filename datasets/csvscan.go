package datasets

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// csvTable is a CSV input whose header has been read, ready to stream its
// rows.
type csvTable struct {
	name   string
	src    *source
	r      *csv.Reader
	header []string
	// size is the input's length when it is a regular file, else 0;
	// dataStart the offset of the first data row.
	size, dataStart int64
}

// openCSV reads and checks the header of r.
func openCSV(ctx context.Context, r io.Reader, name string) (*csvTable, error) {
	if name == "" {
		name = "input"
	}
	t := &csvTable{name: name, src: newSource(ctx, r)}
	t.size, t.src.kind = statInput(r)
	if t.src.kind == "a directory" {
		return nil, &CSVError{File: t.name, Msg: "is a directory, not a CSV file"}
	}
	t.r = csv.NewReader(skipBOM(t.src))
	t.r.ReuseRecord = true
	// Let `1, "2"` through: hand-written files space their commas.
	t.r.TrimLeadingSpace = true
	// Our own field-count check names the column that is missing.
	t.r.FieldsPerRecord = -1
	rec, err := t.r.Read()
	if err == io.EOF {
		return nil, &CSVError{File: t.name, Msg: "empty file; want a header row of column names"}
	}
	if err != nil {
		return nil, t.readErr(err)
	}
	t.endRecord(len(rec))
	t.dataStart = t.r.InputOffset()
	if len(rec) > MaxCSVColumns {
		return nil, &CSVError{File: t.name, Line: 1, Msg: fmt.Sprintf("the header has %d columns, more than the %d a CSV file may have", len(rec), MaxCSVColumns)}
	}
	if err := t.readHeader(rec); err != nil {
		return nil, err
	}
	return t, nil
}

// readHeader checks the column names in rec and keeps them.
func (t *csvTable) readHeader(rec []string) error {
	t.header = make([]string, 0, len(rec))
	seen := make(map[string]int, len(rec))
	for i, f := range rec {
		f = strings.TrimSpace(f)
		// Clone so that the header does not pin the record's buffer.
		t.header = append(t.header, strings.Clone(f))
		switch {
		case f == "":
			return t.headerErr(i+1, "empty column name in the header")
		case strings.ContainsRune(f, '\r'):
			return t.headerErr(i+1, "a carriage return inside the header: the file's lines end in CR alone (old Mac style); save it with LF or CRLF line endings")
		case !utf8.ValidString(f):
			return t.headerErr(i+1, notUTF8("the column name", f))
		}
		if j, dup := seen[f]; dup {
			return t.headerErr(i+1, fmt.Sprintf("duplicate column name, also column %d", j+1))
		}
		seen[t.header[i]] = i
	}
	return nil
}

// notUTF8 says that field s, the what, is not UTF-8 and where it breaks.
func notUTF8(what, s string) string {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		i += size
	}
	return fmt.Sprintf("%s %s is not valid UTF-8 (byte %d of the field); the file must be UTF-8 text", what, quoteField(s), i+1)
}

// endRecord tells the source that a record is complete, so that the next
// one is measured from here.
func (t *csvTable) endRecord(fields int) {
	t.src.mark = t.r.InputOffset()
	line, _ := t.r.FieldPos(fields - 1)
	t.src.markLine = line + 1
}

// column returns the index of the column called name, or -1.
func (t *csvTable) column(name string) int {
	for i, h := range t.header {
		if h == name {
			return i
		}
	}
	return -1
}

// headerErr reports a problem with the header, in column col (1-based) or,
// for 0, with the header as a whole.
func (t *csvTable) headerErr(col int, msg string) *CSVError {
	e := &CSVError{File: t.name, Line: 1, Column: col, Msg: msg}
	if col > 0 {
		e.Line, _ = t.r.FieldPos(col - 1)
		e.ColumnName = t.header[col-1]
	}
	return e
}

// readErr turns an error from the csv.Reader into a *CSVError.
func (t *csvTable) readErr(err error) *CSVError {
	var se *sourceError
	var pe *csv.ParseError
	switch {
	case errors.As(err, &se):
		return &CSVError{File: t.name, Line: se.line, Msg: se.msg}
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		return &CSVError{File: t.name, Msg: "reading stopped: " + err.Error(), Err: err}
	case errors.As(err, &pe):
		return &CSVError{File: t.name, Line: pe.Line, Err: err,
			Msg: fmt.Sprintf("malformed CSV at character %d: %v", pe.Column, pe.Err)}
	}
	return &CSVError{File: t.name, Msg: "read error: " + err.Error() + t.src.kindNote(), Err: err}
}

// rowSpec says which columns of each row to read and how.
type rowSpec struct {
	cols        []int // feature columns, in order
	target      int   // the target column, or -1
	regression  bool  // the target is a number, not a class label
	dropMissing bool  // skip a row with an empty field in cols or target
}

// table is what readRows returns: the features row-major, and the
// targets as labels or as numbers.
type table struct {
	x, values     []float64
	labels        *labelSet
	rows, dropped int
}

// estimateAfter is the number of rows after which readRows estimates the
// number of rows from the input's size and reserves storage for them.
const estimateAfter = 1024

// readRows streams the remaining rows.
func (t *csvTable) readRows(spec rowSpec) (*table, error) {
	out := &table{labels: newLabelSet()}
	var xs, vs floatBuf
	for {
		rec, err := t.r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, t.readErr(err)
		}
		t.endRecord(len(rec))
		if len(rec) != len(t.header) {
			return nil, t.fieldCountErr(rec)
		}
		if spec.dropMissing && hasEmpty(rec, spec) {
			out.dropped++
			continue
		}
		for _, c := range spec.cols {
			v, msg := parseNumber(rec[c])
			if msg != "" {
				return nil, t.fieldErr(c, msg)
			}
			xs.add(v)
		}
		if err := t.readTarget(rec, spec, out, &vs); err != nil {
			return nil, err
		}
		out.rows++
		if out.rows == estimateAfter {
			if n := t.estimateRows(out.rows + out.dropped); n > 0 {
				xs.reserve(n * len(spec.cols))
				if spec.regression {
					vs.reserve(n)
				} else if spec.target >= 0 {
					out.labels.rows = append(make([]int, 0, n), out.labels.rows...)
				}
			}
		}
	}
	if out.rows == 0 {
		return nil, &CSVError{File: t.name, Msg: fmt.Sprintf("a header but no data rows%s", droppedNote(out.dropped))}
	}
	out.x = xs.slice()
	if spec.regression {
		out.values = vs.slice()
	}
	return out, nil
}

func droppedNote(dropped int) string {
	if dropped == 0 {
		return ""
	}
	return fmt.Sprintf(" (%d skipped for an empty field)", dropped)
}

// hasEmpty reports whether a field that spec reads is empty.
func hasEmpty(rec []string, spec rowSpec) bool {
	if spec.target >= 0 && strings.TrimSpace(rec[spec.target]) == "" {
		return true
	}
	for _, c := range spec.cols {
		if strings.TrimSpace(rec[c]) == "" {
			return true
		}
	}
	return false
}

// readTarget reads the target of rec into out (a label) or vs (a number).
func (t *csvTable) readTarget(rec []string, spec rowSpec, out *table, vs *floatBuf) error {
	if spec.target < 0 {
		return nil
	}
	if spec.regression {
		v, msg := parseNumber(rec[spec.target])
		if msg != "" {
			return t.fieldErr(spec.target, msg+" (the target of a regression)")
		}
		vs.add(v)
		return nil
	}
	s := strings.TrimSpace(rec[spec.target])
	switch {
	case s == "":
		return t.fieldErr(spec.target, "empty class label")
	case !utf8.ValidString(s):
		return t.fieldErr(spec.target, notUTF8("the class label", s))
	}
	if !out.labels.add(s) {
		return t.fieldErr(spec.target, fmt.Sprintf("more than %d distinct class labels, the most a data set may have; is the target a continuous number (regression)?", MaxClasses))
	}
	return nil
}

// estimateRows estimates the number of data rows in the input from its
// size and the bytes the first rows took, erring a little high; 0 when it
// cannot tell.
func (t *csvTable) estimateRows(rows int) int {
	used := t.r.InputOffset() - t.dataStart
	left := t.size - t.r.InputOffset()
	if t.size <= 0 || used <= 0 || left < 0 {
		return 0
	}
	more := float64(left) * float64(rows) / float64(used)
	return rows + int(more*(1+1.0/32)) + 64
}

// fieldErr reports msg about the field in column c (0-based) of the current
// record.
func (t *csvTable) fieldErr(c int, msg string) *CSVError {
	line, _ := t.r.FieldPos(c)
	return &CSVError{File: t.name, Line: line, Column: c + 1, ColumnName: t.header[c], Msg: msg}
}

// fieldCountErr reports a record with more or fewer fields than the header.
func (t *csvTable) fieldCountErr(rec []string) *CSVError {
	ncol := len(t.header)
	if len(rec) < ncol {
		e := t.fieldErr(len(rec)-1, "")
		e.Column, e.ColumnName = len(rec)+1, t.header[len(rec)]
		e.Msg = fmt.Sprintf("missing field: the row has %d fields, the header %d columns", len(rec), ncol)
		return e
	}
	line, _ := t.r.FieldPos(ncol)
	return &CSVError{File: t.name, Line: line, Column: ncol + 1,
		Msg: fmt.Sprintf("too many fields: the row has %d fields, the header %d columns", len(rec), ncol)}
}

// parseNumber parses a feature field, returning a message saying what is
// wrong with it, or "".
func parseNumber(field string) (float64, string) {
	s := strings.TrimSpace(field)
	if s == "" {
		return 0, "empty field; want a number"
	}
	v, err := strconv.ParseFloat(s, 64)
	switch {
	case err != nil && errors.Is(err, strconv.ErrRange) && math.IsInf(v, 0):
		return 0, quoteField(s) + " is out of the float64 range"
	case err != nil && !errors.Is(err, strconv.ErrRange):
		return 0, quoteField(s) + " is not a number"
	case math.IsNaN(v):
		return 0, quoteField(s) + " is NaN; want a finite number"
	case math.IsInf(v, 0):
		return 0, quoteField(s) + " is infinite; want a finite number"
	}
	return v, ""
}
