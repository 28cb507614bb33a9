package datasets

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// readers returns the ways the tests feed input: seekable (sized by a first
// pass) and a plain stream (growing storage).
func readers(s string) map[string]io.Reader {
	return map[string]io.Reader{
		"seekable": strings.NewReader(s),
		"stream":   io.MultiReader(strings.NewReader(s)),
	}
}

func TestReadCSV(t *testing.T) {
	cases := []struct {
		name     string
		in       string
		opts     CSVOptions
		x        []float64
		y        []int
		classes  []string
		features []string
	}{
		{name: "basic", in: "x1,x2,label\n1,2,a\n3,4,b\n5,6,a\n",
			x: []float64{1, 2, 3, 4, 5, 6}, y: []int{0, 1, 0}, classes: []string{"a", "b"}, features: []string{"x1", "x2"}},
		{name: "numeric labels sort by value", in: "f,c\n0.5,10\n1.5,2\n2.5,1\n3.5,2\n",
			x: []float64{0.5, 1.5, 2.5, 3.5}, y: []int{2, 1, 0, 1}, classes: []string{"1", "2", "10"}, features: []string{"f"}},
		{name: "mixed labels sort by bytes", in: "f,c\n1,10\n2,9\n3,x\n",
			x: []float64{1, 2, 3}, y: []int{0, 1, 2}, classes: []string{"10", "9", "x"}, features: []string{"f"}},
		{name: "target by name", in: "a,species,b\n1,cat,-2\n3e2,dog,0x1p-2\n", opts: CSVOptions{Target: "species"},
			x: []float64{1, -2, 300, 0.25}, y: []int{0, 1}, classes: []string{"cat", "dog"}, features: []string{"a", "b"}},
		{name: "spaces, BOM, CRLF, quotes, blank lines", in: "\ufeff x1 , \"x 2\",label\r\n 1.5 , \"2\", yes \r\n\r\n-1,0,no\r\n",
			x: []float64{1.5, 2, -1, 0}, y: []int{1, 0}, classes: []string{"no", "yes"}, features: []string{"x1", "x 2"}},
		{name: "no final newline", in: "a,b\n1,p\n2,q",
			x: []float64{1, 2}, y: []int{0, 1}, classes: []string{"p", "q"}, features: []string{"a"}},
	}
	for _, c := range cases {
		for how, r := range readers(c.in) {
			d, err := ReadCSV(r, "data.csv", c.opts)
			if err != nil {
				t.Errorf("%s (%s): %v", c.name, how, err)
				continue
			}
			if err := d.Validate(); err != nil {
				t.Errorf("%s (%s): invalid result: %v", c.name, how, err)
			}
			if !slices.Equal(d.X.Data(), c.x) || !slices.Equal(d.Y, c.y) || !slices.Equal(d.Classes, c.classes) ||
				!slices.Equal(d.Features, c.features) || d.X.Cols() != len(c.features) {
				t.Errorf("%s (%s): got X %v Y %v classes %q features %q", c.name, how, d.X.Data(), d.Y, d.Classes, d.Features)
			}
		}
	}
}

func TestReadCSVErrors(t *testing.T) {
	cases := []struct {
		name      string
		in        string
		opts      CSVOptions
		line, col int
		colName   string
		wantInMsg []string
	}{
		{name: "empty file", in: "", wantInMsg: []string{"empty file"}},
		{name: "blank file", in: "\n\n", wantInMsg: []string{"empty file"}},
		{name: "header only", in: "a,b,c\n", wantInMsg: []string{"no data rows"}},
		{name: "missing field", in: "a,b,c\n1,2,x\n1,2\n", line: 3, col: 3, colName: "c", wantInMsg: []string{"missing field", "2 fields", "3 columns"}},
		{name: "too many fields", in: "a,b,c\n1,2,x,4\n", line: 2, col: 4, wantInMsg: []string{"too many fields", "4 fields"}},
		{name: "not a number", in: "a,b,c\n1,2,x\n1,abc,x\n", line: 3, col: 2, colName: "b", wantInMsg: []string{`"abc" is not a number`}},
		{name: "empty number", in: "a,b,c\n1, ,x\n", line: 2, col: 2, colName: "b", wantInMsg: []string{"empty field"}},
		{name: "NaN", in: "a,b,c\nNaN,2,x\n", line: 2, col: 1, colName: "a", wantInMsg: []string{`"NaN" is NaN`}},
		{name: "Inf", in: "a,b,c\n1,-inf,x\n", line: 2, col: 2, colName: "b", wantInMsg: []string{`"-inf" is infinite`}},
		{name: "overflow", in: "a,b,c\n1,1e999,x\n", line: 2, col: 2, colName: "b", wantInMsg: []string{`"1e999" is out of the float64 range`}},
		{name: "long field cut short", in: "a,b\n" + strings.Repeat("7", 100) + "z,x\n", line: 2, col: 1, colName: "a", wantInMsg: []string{`"7777777777`, `…`}},
		{name: "unknown target", in: "a,b,c\n1,2,x\n", opts: CSVOptions{Target: "y"}, line: 1, wantInMsg: []string{`no target column "y"`, `"a", "b", "c"`}},
		{name: "duplicate column", in: "a,b,a\n1,2,x\n", line: 1, col: 3, colName: "a", wantInMsg: []string{"duplicate column name, also column 1"}},
		{name: "empty column name", in: "a,,c\n1,2,x\n", line: 1, col: 2, wantInMsg: []string{"empty column name"}},
		{name: "one class", in: "a,b\n1,x\n2,x\n", col: 2, colName: "b", wantInMsg: []string{`only one class, "x", in 2 rows`}},
		{name: "one column", in: "a\n1\n2\n", line: 1, wantInMsg: []string{`only one column, "a"`}},
		{name: "empty label", in: "a,b\n1,x\n2,  \n", line: 3, col: 2, colName: "b", wantInMsg: []string{"empty class label"}},
		{name: "bad quote", in: "a,b\n1,x\n1,\"y\n", line: 3, wantInMsg: []string{"malformed CSV"}},
		{name: "line after quoted newline", in: "a,b\n1,\"x\ny\"\n2,zz,3\n", line: 4, col: 3, wantInMsg: []string{"too many fields"}},
		{name: "field on second line of record", in: "a,b,c\n1,\"p\nq\",zz\n", line: 3, col: 3, colName: "c", wantInMsg: []string{`"zz" is not a number`}, opts: CSVOptions{Target: "b"}},
	}
	for _, c := range cases {
		for how, r := range readers(c.in) {
			d, err := ReadCSV(r, "data.csv", c.opts)
			var e *CSVError
			if !errors.As(err, &e) || d != nil {
				t.Errorf("%s (%s): got %v, %v; want a *CSVError", c.name, how, d, err)
				continue
			}
			msg := err.Error()
			if e.File != "data.csv" || e.Line != c.line || e.Column != c.col || e.ColumnName != c.colName {
				t.Errorf("%s (%s): at %s:%d column %d %q, want line %d column %d %q (%s)",
					c.name, how, e.File, e.Line, e.Column, e.ColumnName, c.line, c.col, c.colName, msg)
			}
			prefix := "data.csv: "
			if c.line > 0 {
				prefix = fmt.Sprintf("data.csv:%d: ", c.line)
			}
			if c.col > 0 {
				prefix += fmt.Sprintf("column %d", c.col)
			}
			if !strings.HasPrefix(msg, prefix) || !containsAll(msg, c.wantInMsg...) {
				t.Errorf("%s (%s): message %q, want prefix %q and %q", c.name, how, msg, prefix, c.wantInMsg)
			}
		}
	}
}

func TestLoadCSV(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.csv")
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(good, []byte("u,v,y\n1,2,0\n3,4,1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte("u,v,y\n1,2,0\n3,four,1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	d, err := LoadCSV(good, CSVOptions{})
	if err != nil || d.Len() != 2 || !slices.Equal(d.Y, []int{0, 1}) {
		t.Fatalf("LoadCSV(good) = %v, %v", d, err)
	}
	if _, err := LoadCSV(bad, CSVOptions{}); err == nil || !strings.HasPrefix(err.Error(), bad+`:3: column 2 "v": "four"`) {
		t.Errorf("LoadCSV(bad): %v", err)
	}
	missing := filepath.Join(dir, "missing.csv")
	if _, err := LoadCSV(missing, CSVOptions{}); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("LoadCSV(missing): %v", err)
	}
	x, err := LoadFeaturesCSV(good, []string{"v"})
	if err != nil || !slices.Equal(x.Data(), []float64{2, 4}) {
		t.Errorf("LoadFeaturesCSV = %v, %v", x, err)
	}
}

// bigCSV returns rows rows of three numbers and a label of 3 classes.
func bigCSV(rows int) string {
	var b strings.Builder
	b.WriteString("p,q,r,label\n")
	for i := range rows {
		fmt.Fprintf(&b, "%04d,%04d.5,-%04d,%d\n", i, i, i, i%3) // fixed width: a steady size per row
	}
	return b.String()
}

// TestReadCSVStorage checks that the numbers end in storage of about their
// size: reserved once, from the file's length and its first rows, when the
// input is a file, and assembled from chunks once when it is a stream.
func TestReadCSVStorage(t *testing.T) {
	in := bigCSV(5000)
	path := filepath.Join(t.TempDir(), "big.csv")
	if err := os.WriteFile(path, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for how, r := range map[string]io.Reader{"file": f, "stream": io.MultiReader(strings.NewReader(in))} {
		d, err := ReadCSV(r, "big.csv", CSVOptions{})
		if err != nil {
			t.Fatal(err)
		}
		x := d.X.Data()
		if len(x) != 15000 || how == "stream" && cap(x) != len(x) || cap(x) > len(x)+len(x)/8 {
			t.Errorf("%s: len %d cap %d", how, len(x), cap(x))
		}
		if how == "file" && (cap(d.Y) < len(d.Y) || cap(d.Y) > len(d.Y)+len(d.Y)/8) {
			t.Errorf("labels: len %d cap %d", len(d.Y), cap(d.Y))
		}
		for _, i := range []int{0, 1023, 1024, 4999} {
			if d.X.At(i, 0) != float64(i) || d.X.At(i, 1) != float64(i)+0.5 || d.X.At(i, 2) != -float64(i) || d.Y[i] != i%3 {
				t.Errorf("%s: row %d = %v class %d", how, i, d.X.Row(i), d.Y[i])
			}
		}
	}
}

func BenchmarkReadCSV(b *testing.B) {
	in := bigCSV(10000)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadCSV(strings.NewReader(in), "big.csv", CSVOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestReadCSVHintFooled feeds input whose line count overstates the rows
// many times over; the result must still be right and not hoard capacity.
func TestReadCSVHintFooled(t *testing.T) {
	in := "a,b\n1,\"x" + strings.Repeat("\nline", 3000) + "\"\n2,y\n"
	d, err := ReadCSV(strings.NewReader(in), "quoted.csv", CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Len() != 2 || cap(d.X.Data()) > 1024+2 {
		t.Errorf("%d rows, capacity %d", d.Len(), cap(d.X.Data()))
	}
}

func TestReadFeaturesCSV(t *testing.T) {
	in := "label,b,a,notes\nx,1,2,anything\ny,3,4,\n"
	for how, r := range readers(in) {
		x, err := ReadFeaturesCSV(r, "new.csv", []string{"a", "b"})
		if err != nil {
			t.Fatalf("%s: %v", how, err)
		}
		if !slices.Equal(x.Shape(), []int{2, 2}) || !slices.Equal(x.Data(), []float64{2, 1, 4, 3}) {
			t.Errorf("%s: %v", how, x)
		}
	}
	cases := []struct {
		name, in string
		want     string
	}{
		{"missing columns", "a,c\n1,2\n", `new.csv:1: missing feature column(s) "b", "d"; the columns are "a", "c"`},
		{"bad number", "a,b,d\n1,2,3\n1,x,3\n", `new.csv:3: column 2 "b": "x" is not a number`},
		{"missing field", "a,b,d,e\n1,2,3\n", `new.csv:2: column 4 "e": missing field`},
		{"header only", "a,b,d\n", "new.csv: a header but no data rows"},
		{"empty", "", "new.csv: empty file"},
		{"duplicate", "a,b,d,a\n", `new.csv:1: column 4 "a": duplicate column name`},
	}
	for _, c := range cases {
		x, err := ReadFeaturesCSV(strings.NewReader(c.in), "new.csv", []string{"a", "b", "d"})
		if err == nil || x != nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

func TestOrderLabels(t *testing.T) {
	cases := []struct {
		names   []string
		classes []string
	}{
		{[]string{"2", "10", "1"}, []string{"1", "2", "10"}},
		{[]string{"-1", "1", "0.5"}, []string{"-1", "0.5", "1"}},
		{[]string{"1.0", "1", "0"}, []string{"0", "1"}}, // equal values: one class
		{[]string{"-0", "01", "1e0"}, []string{"0", "1"}},
		{[]string{"b", "B", "a"}, []string{"B", "a", "b"}},
		{[]string{"NaN", "1"}, []string{"1", "NaN"}},
	}
	for _, c := range cases {
		rows := []int{0, 1, 2, 0}[:len(c.names)]
		classes, y := orderLabels(slices.Clone(c.names), slices.Clone(rows))
		if !slices.Equal(classes, c.classes) {
			t.Errorf("%q: classes %q, want %q", c.names, classes, c.classes)
		}
		for j, id := range rows {
			if want, ok := NumericLabel(c.names[id]); classes[y[j]] != c.names[id] && !(ok && classes[y[j]] == want) {
				t.Errorf("%q: row %d now %q, was %q", c.names, j, classes[y[j]], c.names[id])
			}
		}
	}
}
