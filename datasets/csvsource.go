package datasets

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"time"
)

// Limits on CSV input. They make an input that never ends (/dev/zero, a
// pipe that keeps writing, one endless line) stop with an error after a
// bounded amount of memory, however it is fed.
const (
	// MaxCSVRecord is the most bytes one record, the header or a data row
	// with any line breaks quoted inside it, may take: 1 MiB.
	MaxCSVRecord = 1 << 20
	// MaxCSVColumns is the most columns a header may have: 100,000.
	MaxCSVColumns = 100_000
	// MaxClasses is the most distinct class labels a target column may
	// hold, the most classes a built-in set may have: 1,000.
	MaxClasses = 1000
)

// csvBufSize is the read-ahead of the CSV parser: the bytes read from the
// input but not yet parsed never exceed it.
const csvBufSize = 64 << 10

// CSVInfo describes the input a CSV data set was read from, so that a run
// can record which bytes it trained on.
type CSVInfo struct {
	// Name is the name the input was read under.
	Name string
	// SHA256 is the hex SHA-256 digest of every byte of the input, taken
	// as the bytes were parsed: the digest of exactly what was read.
	SHA256 string
	// Bytes is the length of the input.
	Bytes int64
	// Rows counts the data rows kept; Dropped those skipped for an empty
	// field (CSVOptions.DropMissing).
	Rows, Dropped int
}

// source feeds the CSV parser: it hashes and counts the bytes as they pass,
// refuses binary data, stops a record that grows past MaxCSVRecord and
// stops when its context is done.
type source struct {
	r     io.Reader
	ctx   context.Context
	hash  hash.Hash
	n     int64 // bytes read
	lines int   // line feeds read
	mark  int64 // offset at which the record being parsed began
	// markLine is the line that record begins on, or about: the line
	// after the last record's last field.
	markLine int
	err      error  // the error returned, returned again on every read
	kind     string // what the input is when not a regular file, for messages
}

// sourceError is an error found by source, at a line of the input.
type sourceError struct {
	line int
	msg  string
}

func (e *sourceError) Error() string { return e.msg }

func newSource(ctx context.Context, r io.Reader) *source {
	return &source{r: r, ctx: ctx, hash: sha256.New(), markLine: 1}
}

// Read reads from the input. An error other than io.EOF stays: the CSV
// parser's buffer may drop it once, and the input must not then resume.
func (s *source) Read(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.read(p)
	if err != nil && err != io.EOF {
		s.err = err
	}
	return n, err
}

func (s *source) read(p []byte) (int, error) {
	if err := s.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := s.r.Read(p)
	if i := bytes.IndexByte(p[:n], 0); i >= 0 {
		line := s.lines + bytes.Count(p[:i], []byte{'\n'}) + 1
		return 0, &sourceError{line: line, msg: fmt.Sprintf("a NUL byte at byte %d: binary data, not CSV text%s", s.n+int64(i)+1, s.kindNote())}
	}
	s.hash.Write(p[:n])
	s.lines += bytes.Count(p[:n], []byte{'\n'})
	s.n += int64(n)
	if s.n-s.mark > MaxCSVRecord+csvBufSize {
		msg := fmt.Sprintf("a row longer than %d bytes (1 MiB), the most one may take; is this a CSV text file?%s", MaxCSVRecord, s.kindNote())
		if s.lines == 0 && bytes.IndexByte(p[:n], '\r') >= 0 {
			msg += " Its lines seem to end in CR alone (old Mac style); save it with LF or CRLF line endings."
		}
		return n, &sourceError{line: s.markLine, msg: msg}
	}
	if err != nil && errors.Is(err, os.ErrDeadlineExceeded) && s.ctx.Err() != nil {
		err = s.ctx.Err()
	}
	return n, err
}

func (s *source) kindNote() string {
	if s.kind == "" {
		return ""
	}
	return " (the input is " + s.kind + ")"
}

// digest returns the hex SHA-256 of the bytes read so far.
func (s *source) digest() string { return hex.EncodeToString(s.hash.Sum(nil)) }

// watch makes a read blocked on a pipe or FIFO return when ctx is done, if
// r can take a deadline; the returned func stops watching.
func watch(ctx context.Context, r io.Reader) (stop func() bool) {
	d, ok := r.(interface{ SetReadDeadline(time.Time) error })
	if !ok {
		return func() bool { return false }
	}
	return context.AfterFunc(ctx, func() { _ = d.SetReadDeadline(time.Now()) })
}

// skipBOM returns a buffered reader over s with a leading UTF-8 byte-order
// mark skipped, so that a quoted first column name (Excel's "CSV UTF-8")
// parses. The mark is still hashed.
func skipBOM(s *source) *bufio.Reader {
	br := bufio.NewReaderSize(s, csvBufSize)
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\ufeff")) {
		br.Discard(3)
	}
	return br
}

// FileKind names what a file of mode m is when it is not a regular file
// ("a directory", "a character device", "a pipe", ...), or returns "" for a
// regular one: messages about a path that cannot be read as data use it.
func FileKind(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return ""
	case m.IsDir():
		return "a directory"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeNamedPipe != 0:
		return "a pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "not a regular file"
}

// statInput returns the size of r when it is a regular file (0 otherwise)
// and what it is when it is not one.
func statInput(r io.Reader) (size int64, kind string) {
	f, ok := r.(interface{ Stat() (fs.FileInfo, error) })
	if !ok {
		return 0, ""
	}
	info, err := f.Stat()
	if err != nil {
		return 0, ""
	}
	if info.Mode().IsRegular() {
		return info.Size(), ""
	}
	return 0, FileKind(info.Mode())
}
