package engine

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// ModelBytes returns the trained model as a safetensors file, the bytes
// `train fit` saves as model.safetensors: train.LoadModel, `train eval`
// and PyTorch read it. Its inputs are the session's features (the names
// in its metadata), standardised as in training.
func (s *Session) ModelBytes() ([]byte, error) {
	var buf bytes.Buffer
	if err := s.model.Encode(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// DataCSV returns the raw points as CSV: the raw columns (x1, x2 for a
// built-in set), the label or target value, and whether the row is in the
// training or the test part.
func (s *Session) DataCSV() []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	target := s.raw.Target
	if target == "" {
		target = "label"
	}
	w.Write(append(slices.Clone(s.raw.Features), target, "part"))
	for i := range s.raw.Len() {
		row := make([]string, 0, s.raw.X.Cols()+2)
		for _, v := range s.raw.X.Row(i) {
			row = append(row, fmtFloat(v))
		}
		if s.raw.IsRegression() {
			row = append(row, fmtFloat(s.raw.Values[i]))
		} else {
			row = append(row, s.raw.Classes[s.raw.Y[i]])
		}
		part := "train"
		if i >= s.nTrain {
			part = "test"
		}
		w.Write(append(row, part))
	}
	w.Flush()
	return buf.Bytes()
}

// FitCommand returns the `train fit` command line that makes the same run
// for the epochs trained so far, and a note on the settings `train fit`
// has no flag for (the run then differs), empty when there are none.
func (s *Session) FitCommand() (cmd, note string) {
	c := s.cfg
	hidden := make([]string, len(c.Hidden))
	for i, h := range c.Hidden {
		hidden[i] = strconv.Itoa(h)
	}
	epochs := max(s.Epoch(), 1)
	data := fmt.Sprintf("--data %s --n %d --noise %s", c.Data, c.N, fmtFloat(c.Noise))
	if c.Data == UploadData {
		data = "--data " + s.uploadName
		if c.Task == TaskRegression {
			data += " --task regression"
		}
	}
	cmd = fmt.Sprintf("train fit %s --test %s --hidden %s --act %s --opt %s --lr %s --batch %d --epochs %d --seed %d",
		data, fmtFloat(1-c.Ratio), strings.Join(hidden, ","), c.Act, c.Opt, fmtFloat(c.LR), c.Batch, epochs, c.Seed)
	var missing []string
	if c.Data != UploadData && s.features.String() != "x1,x2" {
		missing = append(missing, "features "+s.features.String())
	}
	if c.L1 > 0 || c.L2 > 0 {
		missing = append(missing, "L1/L2")
	}
	if c.Dropout > 0 {
		missing = append(missing, "dropout")
	}
	if len(missing) > 0 {
		note = "train fit has no flag for " + strings.Join(missing, ", ") + "; this command trains without them"
	}
	return cmd, note
}

func fmtFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
