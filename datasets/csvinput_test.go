package datasets

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
)

// countingReader counts the bytes read through it; it can seek, as a file
// can, so a reader that reads twice would.
type countingReader struct {
	*strings.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.Reader.Read(p)
	c.n += n
	return n, err
}

func TestReadCSVReadsOnceAndHashes(t *testing.T) {
	in := "a,b,label\n1,2,x\n3,4,y\n"
	r := &countingReader{Reader: strings.NewReader(in)}
	d, err := ReadCSV(r, "d.csv", CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r.n != len(in) {
		t.Errorf("read %d bytes of a %d-byte input", r.n, len(in))
	}
	sum := sha256.Sum256([]byte(in))
	want := CSVInfo{Name: "d.csv", SHA256: hex.EncodeToString(sum[:]), Bytes: int64(len(in)), Rows: 2}
	if d.Source == nil || *d.Source != want {
		t.Errorf("Source = %+v, want %+v", d.Source, want)
	}
}

func TestReadCSVPipe(t *testing.T) {
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	in := bigCSV(3000)
	go func() {
		io.WriteString(pw, in)
		pw.Close()
	}()
	d, err := ReadCSV(pr, "/dev/stdin", CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(in))
	if d.Len() != 3000 || d.Source.SHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("%d rows, digest %s", d.Len(), d.Source.SHA256)
	}
}

// endless returns pattern forever, counting the bytes it gives.
type endless struct {
	prefix  string
	pattern string
	n       int
}

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		if e.n < len(e.prefix) {
			p[i] = e.prefix[e.n]
		} else {
			p[i] = e.pattern[(e.n-len(e.prefix))%len(e.pattern)]
		}
		e.n++
	}
	return len(p), nil
}

func TestReadCSVEndlessInput(t *testing.T) {
	cases := []struct {
		name string
		r    *endless
		want string
	}{
		{"endless header", &endless{pattern: "a"}, "d.csv:1: a row longer than 1048576 bytes"},
		{"endless row", &endless{prefix: "a,b\n1,", pattern: "a"}, "d.csv:2: a row longer than 1048576 bytes"},
		{"endless quoted field", &endless{prefix: "a,b\n1,\"", pattern: "x\n"}, "d.csv:2: a row longer than 1048576 bytes"},
		{"zeros", &endless{pattern: "\x00"}, "d.csv:1: a NUL byte at byte 1: binary data, not CSV text"},
		{"CR-only lines", &endless{prefix: "a,b\r", pattern: "1,x\r"}, "d.csv:1: a row longer than 1048576 bytes (1 MiB), the most one may take; is this a CSV text file? Its lines seem to end in CR alone"},
		{"NUL later", &endless{prefix: "a,b\n1,2\n3,", pattern: "\x00"}, "d.csv:3: a NUL byte at byte 11"},
	}
	for _, c := range cases {
		_, err := ReadCSV(c.r, "d.csv", CSVOptions{})
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
		if c.r.n > MaxCSVRecord+3*csvBufSize {
			t.Errorf("%s: read %d bytes before stopping", c.name, c.r.n)
		}
	}
}

// cancelAfter is an endless valid CSV input that cancels its context after
// n bytes.
type cancelAfter struct {
	endless
	after  int
	cancel context.CancelFunc
}

func (c *cancelAfter) Read(p []byte) (int, error) {
	if c.n >= c.after {
		c.cancel()
	}
	return c.endless.Read(p)
}

func TestReadCSVContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	r := &cancelAfter{endless: endless{prefix: "a,b\n", pattern: "1,x\n2,y\n"}, after: 10 << 20, cancel: cancel}
	_, err := ReadCSVContext(ctx, r, "d.csv", CSVOptions{})
	var e *CSVError
	if !errors.Is(err, context.Canceled) || !errors.As(err, &e) || r.n > r.after+2*csvBufSize {
		t.Errorf("%v after %d bytes", err, r.n)
	}

	ctx, cancel = context.WithCancel(context.Background())
	r = &cancelAfter{endless: endless{prefix: "a,b\n", pattern: "1,x\n2,y\n"}, after: 1 << 20, cancel: cancel}
	if _, err := ReadFeaturesCSVContext(ctx, r, "d.csv", []string{"a"}); !errors.Is(err, context.Canceled) {
		t.Errorf("ReadFeaturesCSVContext: %v", err)
	}

	// A read blocked on a pipe returns too.
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
	ctx, cancel = context.WithCancel(context.Background())
	io.WriteString(pw, "a,b\n1,x\n")
	go cancel()
	if _, err = ReadCSVContext(ctx, pr, "fifo", CSVOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("pipe: %v", err)
	}
}

func TestReadCSVInputForms(t *testing.T) {
	cases := []struct {
		name, in string
		features []string
		classes  []string
		y        []int
	}{
		{"BOM before a quoted header", "\ufeff\"a\",\"b\"\n1,x\n2,y\n", []string{"a"}, []string{"x", "y"}, []int{0, 1}},
		{"1 and 1.0 are one class", "a,b\n1,1\n2,1.0\n3,0\n4,-0\n5,01\n6,1e0\n", []string{"a"}, []string{"0", "1"}, []int{1, 1, 0, 0, 1, 1}},
		{"numeric classes by canonical name", "a,b\n1,2.50\n2,1000000\n3,2.5\n", []string{"a"}, []string{"2.5", "1000000"}, []int{0, 1, 0}},
	}
	for _, c := range cases {
		d, err := ReadCSV(strings.NewReader(c.in), "d.csv", CSVOptions{})
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !slices.Equal(d.Features, c.features) || !slices.Equal(d.Classes, c.classes) || !slices.Equal(d.Y, c.y) {
			t.Errorf("%s: features %q classes %q y %v", c.name, d.Features, d.Classes, d.Y)
		}
	}
}

func TestReadCSVBadText(t *testing.T) {
	longName := strings.Repeat("n", 500000)
	manyLabels := new(strings.Builder)
	manyLabels.WriteString("a,b\n")
	for i := range MaxClasses + 1 {
		fmt.Fprintf(manyLabels, "%d,c%d\n", i, i)
	}
	cases := []struct {
		name, in, want string
	}{
		{"CR-only lines", "a,b\r1,x\r2,y\r", `d.csv:1: column 2 "b\r1": a carriage return inside the header: the file's lines end in CR alone`},
		{"non-UTF-8 name", "a,b\xff\n1,x\n", `d.csv:1: column 2 "b\xff": the column name "b\xff" is not valid UTF-8 (byte 2 of the field)`},
		{"non-UTF-8 label", "a,b\n1,x\n2,\xfe\n", `d.csv:3: column 2 "b": the class label "\xfe" is not valid UTF-8 (byte 1 of the field)`},
		{"escape in a label", "a,b\n1,\x1b[31mred\n", `d.csv: column 2 "b": only one class, "\x1b[31mred", in 1 rows`},
		{"escape in a file name", "a,b\n1,x\n", `"d\x1b[2J.csv": column 2 "b": only one class`},
		{"too many classes", manyLabels.String(), `d.csv:1002: column 2 "b": more than 1000 distinct class labels`},
		{"long duplicate name", longName + ",b," + longName + "\n", `d.csv:1: column 3 "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"…: duplicate column name, also column 1`},
	}
	for _, c := range cases {
		name := "d.csv"
		if strings.Contains(c.name, "file name") {
			name = "d\x1b[2J.csv"
		}
		_, err := ReadCSV(strings.NewReader(c.in), name, CSVOptions{})
		if err == nil || !strings.HasPrefix(err.Error(), c.want) || len(err.Error()) > 400 {
			t.Errorf("%s: %.500v\nwant %q", c.name, err, c.want)
		}
	}
	if _, err := LoadCSV(t.TempDir(), CSVOptions{}); err == nil || !strings.HasSuffix(err.Error(), ": is a directory, not a CSV file") {
		t.Errorf("directory: %v", err)
	}
}

func TestReadCSVDrop(t *testing.T) {
	in := "id,a,note,b,label\n1,0.5,hi,2,x\n2,,,3,y\n3,1.5,,4,\n4,2.5,yo,5,y\n"
	d, err := ReadCSV(strings.NewReader(in), "d.csv", CSVOptions{Drop: []string{"id", "note"}, DropMissing: true})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(d.Features, []string{"a", "b"}) || !slices.Equal(d.X.Data(), []float64{0.5, 2, 2.5, 5}) ||
		!slices.Equal(d.Y, []int{0, 1}) || d.Source.Rows != 2 || d.Source.Dropped != 2 {
		t.Errorf("features %q X %v Y %v source %+v", d.Features, d.X.Data(), d.Y, d.Source)
	}
	bad := []struct {
		opts CSVOptions
		want string
	}{
		{CSVOptions{Drop: []string{"id", "note"}}, `d.csv:3: column 2 "a": empty field; want a number`},
		{CSVOptions{Drop: []string{"nope"}}, `d.csv:1: no column "nope" to drop; the columns are "id", "a", "note", "b", "label"`},
		{CSVOptions{Drop: []string{"label"}}, `d.csv:1: column 5 "label": the target column cannot be dropped`},
		{CSVOptions{Drop: []string{"id", "a", "note", "b"}}, `d.csv:1: every column but the target is dropped`},
	}
	for _, c := range bad {
		if _, err := ReadCSV(strings.NewReader(in), "d.csv", c.opts); err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.opts, err, c.want)
		}
	}
}

func TestReadCSVRegression(t *testing.T) {
	in := "x,y\n1,0.5\n2,-1e3\n3,7\n"
	d, err := ReadCSV(strings.NewReader(in), "r.csv", CSVOptions{Regression: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Validate(); err != nil || !d.IsRegression() || d.Len() != 3 || d.Y != nil || d.Classes != nil ||
		!slices.Equal(d.Values, []float64{0.5, -1000, 7}) {
		t.Errorf("%v: %+v", err, d)
	}
	sub := d.Subset([]int{2, 0})
	if err := sub.Validate(); err != nil || !slices.Equal(sub.Values, []float64{7, 0.5}) {
		t.Errorf("Subset: %v %v", err, sub.Values)
	}
	if _, err := ReadCSV(strings.NewReader("x,y\n1,a\n"), "r.csv", CSVOptions{Regression: true}); err == nil ||
		err.Error() != `r.csv:2: column 2 "y": "a" is not a number (the target of a regression)` {
		t.Errorf("bad target: %v", err)
	}
}
