package main

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train"
)

// passThrough is the text of a CSV file that predict copies to its output:
// the header and every data row, each field as the file has it.
type passThrough struct {
	header  []string
	records [][]string
}

// predictColumns are the names of the columns predict appends for a model
// with the given classes: p_<class> for each, then predicted.
func predictColumns(classes []string) []string {
	cols := make([]string, 0, len(classes)+1)
	for _, c := range classes {
		cols = append(cols, "p_"+c)
	}
	return append(cols, "predicted")
}

// readPredictInput reads the model's features from the CSV file in, then
// its rows as text (see readPassThrough). A pipe, a FIFO or /dev/stdin
// cannot be read twice: its bytes are kept in a temporary file as the
// features are read (Stat still the input's, for the reader's messages),
// and the rows read from there.
func readPredictInput(in string, model *train.Model) (*tensor.Tensor, *passThrough, error) {
	text := in
	var x *tensor.Tensor
	if info, err := os.Stat(in); err == nil && info.Mode().IsRegular() {
		if x, err = datasets.LoadFeaturesCSV(in, model.Inputs()); err != nil {
			return nil, nil, err
		}
	} else {
		f, err := os.Open(in)
		if err != nil {
			return nil, nil, err
		}
		defer f.Close()
		tmp, err := os.CreateTemp("", "train-predict-*.csv")
		if err != nil {
			return nil, nil, fmt.Errorf("%s: keeping its rows: %v", in, err)
		}
		defer os.Remove(tmp.Name())
		defer tmp.Close()
		if x, err = datasets.ReadFeaturesCSV(&peekedFile{Reader: io.TeeReader(f, tmp), f: f}, in, model.Inputs()); err != nil {
			return nil, nil, err
		}
		text = tmp.Name()
	}
	rows, err := readPassThrough(text, in, model.Classes)
	if err != nil {
		return nil, nil, err
	}
	if x.Rows() != len(rows.records) {
		return nil, nil, fmt.Errorf("%s: changed while it was read (%d rows, then %d)", in, len(rows.records), x.Rows())
	}
	return x, rows, nil
}

// readPassThrough reads the rows of the CSV file path (named name in
// messages) as text, and rejects
// a header with a column named like one predict adds (the output would
// hold two columns of that name, and a later roc --score would read the
// wrong one). The file has been read by the datasets reader already, which
// reports a malformed file by row and column; this one parses it the same
// way (spaces after a comma are not part of a field), keeping the text.
func readPassThrough(path, name string, classes []string) (*passThrough, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// A byte-order mark goes before the CSV reader sees it, so that a
	// quoted first column name reads as the datasets reader reads it.
	br := bufio.NewReader(f)
	if bom, _ := br.Peek(3); string(bom) == "\ufeff" {
		br.Discard(3)
	}
	r := csv.NewReader(br)
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	out := predictColumns(classes)
	for i, h := range header {
		for _, o := range out {
			if strings.TrimSpace(h) == o {
				return nil, fmt.Errorf("%s: column %d is called %q, a name predict gives its own output column; rename the column", name, i+1, o)
			}
		}
	}
	p := &passThrough{header: header}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return p, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		p.records = append(p.records, rec)
	}
}

// writePredictions writes the input's header and rows, each followed by
// its row of probs, in the shortest form that reads back to the same bits,
// and the most probable class.
func writePredictions(w io.Writer, rows *passThrough, classes []string, probs *tensor.Tensor) error {
	cw := csv.NewWriter(w)
	k, m := len(classes), len(rows.header)
	rec := make([]string, m+k+1)
	copy(rec, rows.header)
	copy(rec[m:], predictColumns(classes))
	if err := cw.Write(rec); err != nil {
		return err
	}
	pred := tensor.ArgmaxRows(probs)
	for i := range probs.Rows() {
		// A short row is padded and a long one cut to the header's width:
		// the datasets reader has already rejected any row whose fields do
		// not match the header, so this never changes a field of a file
		// predict accepts.
		n := copy(rec[:m], rows.records[i])
		clear(rec[n:m])
		for j, p := range probs.Row(i) {
			rec[m+j] = strconv.FormatFloat(p, 'g', -1, 64)
		}
		rec[m+k] = classes[pred[i]]
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
