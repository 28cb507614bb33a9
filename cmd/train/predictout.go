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

// predictColumns are the names of the columns predict appends for model:
// prediction for a regression model; p_<class> for each class, then
// predicted, for a classifier.
func predictColumns(model *train.Model) []string {
	if model.Regression {
		return []string{"prediction"}
	}
	cols := make([]string, 0, len(model.Classes)+1)
	for _, c := range model.Classes {
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
	rows, err := readPassThrough(text, in, predictColumns(model))
	if err != nil {
		return nil, nil, err
	}
	if x.Rows() != len(rows.records) {
		return nil, nil, fmt.Errorf("%s: changed while it was read (%d rows, then %d)", in, len(rows.records), x.Rows())
	}
	return x, rows, nil
}

// readPassThrough reads the rows of the CSV file path (named name in
// messages) as text, and rejects a header with a column named like one of
// out, the columns predict adds (the output would
// hold two columns of that name, and a later roc --score would read the
// wrong one). The file has been read by the datasets reader already, which
// reports a malformed file by row and column; this one parses it the same
// way (spaces after a comma are not part of a field), keeping the text.
func readPassThrough(path, name string, out []string) (*passThrough, error) {
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
func writePredictions(w io.Writer, rows *passThrough, model *train.Model, probs *tensor.Tensor) error {
	pred := tensor.ArgmaxRows(probs)
	k := len(model.Classes)
	return writeKept(w, rows, predictColumns(model), func(i int, dst []string) {
		for j, p := range probs.Row(i) {
			dst[j] = strconv.FormatFloat(p, 'g', -1, 64)
		}
		dst[k] = model.Classes[pred[i]]
	})
}

// writeValues writes the input's header and rows, each followed by a
// regression model's prediction for it, in the shortest form that reads
// back to the same bits.
func writeValues(w io.Writer, rows *passThrough, model *train.Model, values []float64) error {
	return writeKept(w, rows, predictColumns(model), func(i int, dst []string) {
		dst[0] = strconv.FormatFloat(values[i], 'g', -1, 64)
	})
}

// writeKept writes the input's header followed by cols, then each input
// row followed by the fields fill puts in dst (len(cols) of them) for it.
func writeKept(w io.Writer, rows *passThrough, cols []string, fill func(i int, dst []string)) error {
	cw := csv.NewWriter(w)
	m := len(rows.header)
	rec := make([]string, m+len(cols))
	copy(rec, rows.header)
	copy(rec[m:], cols)
	if err := cw.Write(rec); err != nil {
		return err
	}
	for i, in := range rows.records {
		// A short row is padded and a long one cut to the header's width:
		// the datasets reader has already rejected any row whose fields do
		// not match the header, so this never changes a field of a file
		// predict accepts.
		n := copy(rec[:m], in)
		clear(rec[n:m])
		fill(i, rec[m:])
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
