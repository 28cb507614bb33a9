package main

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"unicode/utf8"

	"github.com/nnlab/nnlab/datasets"
)

// maxROCRows bounds the rows roc reads: 16 bytes each (a label and a
// score), 320 MB at most, so that an input that never ends, such as
// 'yes 1,0.5', stops with an error rather than exhausting memory.
var maxROCRows = 20_000_000

// rocInput feeds roc's CSV parser the bounds datasets' reader keeps: no
// NUL byte (binary data) and no record longer than datasets.MaxCSVRecord,
// so that /dev/zero, /dev/urandom or an endless line fail after about
// 1 MiB.
type rocInput struct {
	r     io.Reader
	path  string
	kind  string // what a non-regular input is, for messages
	n     int64  // bytes read
	lines int    // line feeds read
	mark  int64  // offset at which the record being parsed began
	line  int    // its line
	err   error
}

func newROCInput(f *os.File, path string) *rocInput {
	in := &rocInput{r: f, path: path, line: 1}
	if info, err := f.Stat(); err == nil && !info.Mode().IsRegular() {
		in.kind = "a " + map[bool]string{true: "character device", false: "pipe or device"}[info.Mode()&fs.ModeCharDevice != 0]
	}
	return in
}

// record marks the start of the next record, at byte offset off and line.
func (in *rocInput) record(off int64, line int) { in.mark, in.line = off, line }

func (in *rocInput) Read(p []byte) (int, error) {
	if in.err != nil { // once failed, never resumed by a retrying parser
		return 0, in.err
	}
	n, err := in.r.Read(p)
	if i := bytes.IndexByte(p[:n], 0); i >= 0 {
		line := in.lines + bytes.Count(p[:i], []byte{'\n'}) + 1
		in.err = in.fail(line, "a NUL byte at byte %d: binary data, not CSV text", in.n+int64(i)+1)
		return 0, in.err
	}
	in.lines += bytes.Count(p[:n], []byte{'\n'})
	in.n += int64(n)
	if in.n-in.mark > datasets.MaxCSVRecord+64<<10 {
		in.err = in.fail(in.line, "a row longer than %d bytes (1 MiB), the most one may take; is this a CSV text file?", datasets.MaxCSVRecord)
		return n, in.err
	}
	return n, err
}

func (in *rocInput) fail(line int, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if in.kind != "" {
		msg += " (the input is " + in.kind + ")"
	}
	return &datasets.CSVError{File: in.path, Line: line, Msg: msg}
}

// checkText reports a header name or label that is not UTF-8, as
// datasets does, with the byte where it breaks.
func checkText(what, s string) string {
	if utf8.ValidString(s) {
		return ""
	}
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		i += size
	}
	return fmt.Sprintf("%s %s is not valid UTF-8 (byte %d of the field); the file must be UTF-8 text", what, fieldQuote(s), i+1)
}

// fieldQuote quotes at most 40 bytes of s, as datasets' messages do.
func fieldQuote(s string) string {
	if len(s) > 40 {
		cut := 40
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		return fmt.Sprintf("%q…", s[:cut])
	}
	return fmt.Sprintf("%q", s)
}
