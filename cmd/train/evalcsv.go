package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/nnlab/nnlab/datasets"
)

// loadEvalCSV reads a labelled CSV file for eval: the target column and
// the model's features, ignoring every other column as predict does, so
// that a file with an id or a comment column evaluates as it predicts.
// The header is read first to name the other columns; the file is still
// read once, a pipe too.
func loadEvalCSV(path, target string, features []string) (*datasets.Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := peekHeader(f)
	opts := datasets.CSVOptions{Target: target, Drop: otherColumns(head, target, features)}
	in := &peekedFile{Reader: io.MultiReader(bytes.NewReader(head), f), f: f}
	return datasets.ReadCSVContext(context.Background(), in, path, opts)
}

// peekHeader reads up to the end of the first line, at most about
// datasets.MaxCSVRecord bytes, and returns what it read.
func peekHeader(r io.Reader) []byte {
	var buf []byte
	chunk := make([]byte, 64<<10)
	for len(buf) <= datasets.MaxCSVRecord {
		n, err := r.Read(chunk)
		buf = append(buf, chunk[:n]...)
		if bytes.IndexByte(chunk[:n], '\n') >= 0 || bytes.IndexByte(chunk[:n], 0) >= 0 || err != nil {
			break
		}
	}
	return buf
}

// otherColumns returns the columns of the header in head that are neither
// the target (the last column when target is "") nor a feature; nil when
// the header cannot be read, for datasets to report.
func otherColumns(head []byte, target string, features []string) []string {
	line, _, ok := bytes.Cut(head, []byte("\n"))
	if !ok || bytes.IndexByte(line, 0) >= 0 {
		return nil
	}
	line = bytes.TrimPrefix(line, []byte("\ufeff"))
	rec, err := csv.NewReader(bytes.NewReader(line)).Read()
	if err != nil || len(rec) < 2 {
		return nil
	}
	names := make([]string, len(rec))
	for i, h := range rec {
		names[i] = strings.TrimSpace(h)
	}
	if target == "" {
		target = names[len(names)-1]
	}
	var other []string
	for _, n := range names {
		if n != target && !slices.Contains(features, n) && !slices.Contains(other, n) {
			other = append(other, n)
		}
	}
	return other
}

// peekedFile is a file read from after its first bytes were peeked: the
// bytes come from Reader, Stat from the file, so that datasets still sizes
// its storage by the file and names a device or pipe in its messages.
type peekedFile struct {
	io.Reader
	f *os.File
}

func (p *peekedFile) Stat() (fs.FileInfo, error) { return p.f.Stat() }
