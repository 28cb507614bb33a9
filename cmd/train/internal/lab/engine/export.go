package engine

import (
	"bytes"
	"encoding/csv"
	"fmt"
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

// DataCSV returns the raw points as CSV: x1, x2, the label and whether
// the row is in the training or the test part.
func (s *Session) DataCSV() []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"x1", "x2", "label", "part"})
	for i := range s.raw.Len() {
		part := "train"
		if i >= s.nTrain {
			part = "test"
		}
		w.Write([]string{
			strconv.FormatFloat(s.raw.X.At(i, 0), 'g', -1, 64),
			strconv.FormatFloat(s.raw.X.At(i, 1), 'g', -1, 64),
			s.raw.Classes[s.raw.Y[i]], part,
		})
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
	cmd = fmt.Sprintf("train fit --data %s --n %d --noise %s --test %s --hidden %s --act %s --opt %s --lr %s --batch %d --epochs %d --seed %d",
		c.Data, c.N, fmtFloat(c.Noise), fmtFloat(1-c.Ratio), strings.Join(hidden, ","), c.Act, c.Opt, fmtFloat(c.LR), c.Batch, epochs, c.Seed)
	var missing []string
	if s.features.String() != "x1,x2" {
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
