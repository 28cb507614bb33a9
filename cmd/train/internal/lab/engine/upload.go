package engine

import (
	"bytes"
	"fmt"

	"github.com/nnlab/nnlab/datasets"
)

// Bounds of an uploaded CSV: a browser tab holds it, and the session
// trains on every row each epoch.
const (
	MaxUploadBytes = 20 << 20
	MaxUploadRows  = MaxPoints
)

// ReadUpload reads an uploaded CSV with datasets.ReadCSV, as `train fit
// --data file.csv` does: a header, numeric feature columns, the target in
// the last column (class labels, or numbers for TaskRegression). name is
// the file's name for messages. Input over MaxUploadBytes or
// MaxUploadRows rows is refused, as is a set of fewer than 4 rows.
func ReadUpload(b []byte, name, task string) (*datasets.Dataset, error) {
	if len(b) > MaxUploadBytes {
		return nil, fmt.Errorf("%s: %d bytes; the lab reads CSV files up to %d MB", name, len(b), MaxUploadBytes>>20)
	}
	if task != TaskClassification && task != TaskRegression {
		return nil, fmt.Errorf("task is %q: want %q or %q", task, TaskClassification, TaskRegression)
	}
	ds, err := datasets.ReadCSV(bytes.NewReader(b), name, datasets.CSVOptions{Regression: task == TaskRegression})
	if err != nil {
		return nil, err
	}
	switch n := ds.Len(); {
	case n > MaxUploadRows:
		return nil, fmt.Errorf("%s: %d rows; the lab trains on up to %d", name, n, MaxUploadRows)
	case n < 4:
		return nil, fmt.Errorf("%s: %d rows; the lab needs at least 4", name, n)
	}
	return ds, nil
}
