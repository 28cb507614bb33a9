package datasets

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// csvTable is a CSV input whose header has been read, ready to stream its
// rows.
type csvTable struct {
	name   string
	r      *csv.Reader
	header []string
	// lines and size are the number of non-empty lines and of bytes in
	// the input, counted before reading when it can seek; lines is 0 when
	// unknown.
	lines, size int64
}

// openCSV reads and checks the header of r.
func openCSV(r io.Reader, name string) (*csvTable, error) {
	if name == "" {
		name = "input"
	}
	t := &csvTable{name: name}
	var err error
	if t.lines, t.size, err = countLines(r); err != nil {
		return nil, &CSVError{File: name, Msg: "cannot rewind after counting lines: " + err.Error(), Err: err}
	}
	t.r = csv.NewReader(r)
	t.r.ReuseRecord = true
	// Let `1, "2"` through: hand-written files space their commas.
	t.r.TrimLeadingSpace = true
	// Our own field-count check names the column that is missing.
	t.r.FieldsPerRecord = -1
	rec, err := t.r.Read()
	if err == io.EOF {
		return nil, &CSVError{File: name, Msg: "empty file; want a header row of column names"}
	}
	if err != nil {
		return nil, t.readErr(err)
	}
	t.header = make([]string, len(rec))
	seen := make(map[string]int, len(rec))
	for i, f := range rec {
		if i == 0 {
			f = strings.TrimPrefix(f, "\ufeff")
		}
		f = strings.TrimSpace(f)
		if f == "" {
			return nil, t.headerErr(i+1, "empty column name in the header")
		}
		if j, dup := seen[f]; dup {
			t.header[i] = f
			return nil, t.headerErr(i+1, fmt.Sprintf("duplicate column name, also column %d", j+1))
		}
		// Clone so that the header does not pin the record's buffer.
		t.header[i] = strings.Clone(f)
		seen[t.header[i]] = i
	}
	return t, nil
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
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &CSVError{File: t.name, Line: pe.Line, Err: err,
			Msg: fmt.Sprintf("malformed CSV at character %d: %v", pe.Column, pe.Err)}
	}
	return &CSVError{File: t.name, Msg: "read error: " + err.Error(), Err: err}
}

// labelSet collects class labels in order of first appearance.
type labelSet struct {
	index map[string]int
	names []string // the distinct labels
	rows  []int    // each row's label, an index into names
}

// readRows streams the remaining rows, returning the numbers in columns
// cols of each row, row-major in one slice, and, when target ≥ 0, the labels
// in column target.
func (t *csvTable) readRows(cols []int, target int) (x []float64, rows int, labels *labelSet, err error) {
	ncol, k := len(t.header), len(cols)
	labels = &labelSet{index: make(map[string]int)}
	var buf floatBuf
	if t.lines > 1 {
		// A valid row holds at least one character per number and a
		// separator or line end per field, so the byte count bounds the
		// rows as well as the line count does; taking the smaller keeps
		// a file of blank lines from reserving much.
		hint := min(t.lines-1, t.size/int64(k+ncol-1)+1)
		buf.cur = make([]float64, 0, hint*int64(k))
		if target >= 0 {
			labels.rows = make([]int, 0, hint)
		}
	}
	for {
		rec, err := t.r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, 0, nil, t.readErr(err)
		}
		if len(rec) != ncol {
			return nil, 0, nil, t.fieldCountErr(rec)
		}
		for _, c := range cols {
			v, msg := parseNumber(rec[c])
			if msg != "" {
				return nil, 0, nil, t.fieldErr(c, msg)
			}
			buf.add(v)
		}
		if target >= 0 {
			s := strings.TrimSpace(rec[target])
			if s == "" {
				return nil, 0, nil, t.fieldErr(target, "empty class label")
			}
			id, ok := labels.index[s]
			if !ok {
				id = len(labels.names)
				// Clone so that the map does not pin the whole line.
				s = strings.Clone(s)
				labels.index[s] = id
				labels.names = append(labels.names, s)
			}
			labels.rows = append(labels.rows, id)
		}
		rows++
	}
	if rows == 0 {
		return nil, 0, nil, &CSVError{File: t.name, Msg: "a header but no data rows"}
	}
	return buf.slice(), rows, labels, nil
}

// floatBuf collects numbers of unknown count. Appending to one slice would
// copy it as it grows and leave the outgrown copies to the garbage
// collector, several times the data's size at the peak; chunks are never
// copied until one final slice of the exact size is filled from them.
type floatBuf struct {
	cur  []float64   // the chunk being filled, or storage sized in advance
	full [][]float64 // filled chunks
	n    int         // numbers in full
}

func (b *floatBuf) add(v float64) {
	if len(b.cur) == cap(b.cur) {
		b.grow()
	}
	b.cur = append(b.cur, v)
}

func (b *floatBuf) grow() {
	const first, most = 1 << 10, 1 << 20
	size := first
	if len(b.cur) > 0 {
		b.full = append(b.full, b.cur)
		b.n += len(b.cur)
		size = min(2*len(b.cur), most)
	}
	b.cur = make([]float64, 0, size)
}

// slice returns the numbers in one slice of their own length.
func (b *floatBuf) slice() []float64 {
	if len(b.full) == 0 {
		if cap(b.cur)-len(b.cur) <= len(b.cur)/8+1024 {
			return b.cur
		}
		// A size estimate far too large: do not hoard the excess.
		return append(make([]float64, 0, len(b.cur)), b.cur...)
	}
	x := make([]float64, 0, b.n+len(b.cur))
	for i, c := range b.full {
		x = append(x, c...)
		b.full[i] = nil
	}
	return append(x, b.cur...)
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

// countLines counts the non-empty lines and the bytes of r from its current
// offset and seeks back there, when r can seek; otherwise it returns zeros.
// Only an input it has read but cannot rewind is an error.
func countLines(r io.Reader) (lines, size int64, err error) {
	s, ok := r.(io.Seeker)
	if !ok {
		return 0, 0, nil
	}
	start, err := s.Seek(0, io.SeekCurrent)
	if err != nil {
		return 0, 0, nil // a pipe, say: read it once, without a hint
	}
	buf := make([]byte, 64<<10)
	content := false
	var rerr error
	for {
		n, e := r.Read(buf)
		for _, b := range buf[:n] {
			switch b {
			case '\n':
				if content {
					lines++
				}
				content = false
			case '\r':
			default:
				content = true
			}
		}
		size += int64(n)
		if e != nil {
			if e != io.EOF {
				rerr = e
			}
			break
		}
	}
	if content {
		lines++
	}
	if _, err := s.Seek(start, io.SeekStart); err != nil {
		return 0, 0, err
	}
	if rerr != nil {
		return 0, 0, nil // let the real read report it
	}
	return lines, size, nil
}
