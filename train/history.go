package train

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
)

// Column names a History records. Per-layer diagnostics add columns named
// by the 1-based index of the dense layer: dead_fraction_1,
// activation_rate_1, grad_norm_1, ...
const (
	ColEpoch         = "epoch"
	ColLR            = "lr"
	ColTrainLoss     = "train_loss"
	ColTrainPenalty  = "train_penalty" // the penalties' mean over the epoch's steps, when the trainer has any
	ColTrainAccuracy = "train_accuracy"
	ColValLoss       = "val_loss"
	ColValAccuracy   = "val_accuracy"
	ColValAUC        = "val_auc"
	// The test columns are not written by a Trainer, which knows only
	// validation data: a caller that hands Fit its test part to watch
	// (never to choose by) names the columns so, and plots label them
	// as test.
	ColTestLoss     = "test_loss"
	ColTestAccuracy = "test_accuracy"
	ColTestAUC      = "test_auc"
)

// History is the record of a training run: one row of named values per
// epoch, with the columns in the order they first appeared. A value absent
// in an epoch is NaN, written as an empty CSV field and a JSON null.
type History struct {
	Columns []string
	Rows    [][]float64
}

// Add appends one epoch's values, adding columns it has not seen yet.
func (h *History) Add(values []NamedValue) {
	row := make([]float64, len(h.Columns), len(h.Columns)+len(values))
	for i := range row {
		row[i] = math.NaN()
	}
	for _, v := range values {
		j := h.column(v.Name)
		if j < 0 {
			h.Columns = append(h.Columns, v.Name)
			for r := range h.Rows {
				h.Rows[r] = append(h.Rows[r], math.NaN())
			}
			row = append(row, math.NaN())
			j = len(h.Columns) - 1
		}
		row[j] = v.Value
	}
	h.Rows = append(h.Rows, row)
}

// NamedValue is one measurement of an epoch.
type NamedValue struct {
	Name  string
	Value float64
}

func (h *History) column(name string) int {
	for i, c := range h.Columns {
		if c == name {
			return i
		}
	}
	return -1
}

// Len returns the number of epochs recorded.
func (h *History) Len() int { return len(h.Rows) }

// Series returns a column's values, one per epoch, or nil if the column
// does not exist.
func (h *History) Series(name string) []float64 {
	j := h.column(name)
	if j < 0 {
		return nil
	}
	out := make([]float64, len(h.Rows))
	for i, r := range h.Rows {
		out[i] = r[j]
	}
	return out
}

// Last returns the last epoch's value of a column, NaN if there is none.
func (h *History) Last(name string) float64 {
	s := h.Series(name)
	if len(s) == 0 {
		return math.NaN()
	}
	return s[len(s)-1]
}

// WriteCSV writes a header of column names and one row per epoch, each
// number in the shortest form that reads back to the same bits.
func (h *History) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(h.Columns); err != nil {
		return err
	}
	rec := make([]string, len(h.Columns))
	for _, r := range h.Rows {
		for j, v := range r {
			rec[j] = formatNumber(v)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func formatNumber(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// MarshalJSON writes the history as a list of objects, one per epoch, with
// an absent value (math.NaN()) as null and the other non-finite values as
// strings: "+Inf", "-Inf", and "NaN(0x…)" for a NaN of other bits, so that
// a history read back holds the same bits.
func (h *History) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('[')
	for i, r := range h.Rows {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('{')
		for j, v := range r {
			if j > 0 {
				b.WriteByte(',')
			}
			name, _ := json.Marshal(h.Columns[j])
			b.Write(name)
			b.WriteByte(':')
			if math.Float64bits(v) == math.Float64bits(math.NaN()) {
				b.WriteString("null") // absent
			} else {
				b.Write(appendJSONFloat(nil, v))
			}
		}
		b.WriteByte('}')
	}
	b.WriteByte(']')
	return b.Bytes(), nil
}

// UnmarshalJSON reads what MarshalJSON writes, keeping the column order of
// the first epoch that has each column.
func (h *History) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return fmt.Errorf("history: want a JSON list of epochs")
	}
	*h = History{}
	for dec.More() {
		if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
			return fmt.Errorf("history: want an object per epoch")
		}
		var vals []NamedValue
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				return fmt.Errorf("history: %v", err)
			}
			name, _ := tok.(string)
			var v *jsonFloat
			if err := dec.Decode(&v); err != nil {
				return fmt.Errorf("history: %s: %v", name, err)
			}
			f := math.NaN()
			if v != nil {
				f = float64(*v)
			}
			vals = append(vals, NamedValue{name, f})
		}
		if _, err := dec.Token(); err != nil {
			return fmt.Errorf("history: %v", err)
		}
		h.Add(vals)
	}
	return nil
}
