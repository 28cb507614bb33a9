package train

import (
	"encoding/json"
	"fmt"

	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

// MetaTask is the metadata key of a regression model's file, whose value
// is TaskRegression: such a file has no class names, and its outputs are
// the predicted values. A file without it holds a classifier.
const MetaTask = "task"

// TaskRegression is MetaTask's value for a regression model.
const TaskRegression = "regression"

// PredictValues returns a regression model's predicted values [n,
// outputs] for raw inputs [n, len(Inputs())], features computed and
// standardised as in training, the network in evaluation mode. It panics
// if x does not have one column per input, or if m is a classifier (use
// Predict or PredictProba). It works through the rows in chunks, as
// PredictProba does.
func (m *Model) PredictValues(x *tensor.Tensor) *tensor.Tensor {
	m.mustBe(true, "PredictValues", "Predict or PredictProba")
	m.checkInput(x)
	n := x.Rows()
	out := tensor.Zeros(n, m.Sizes[len(m.Sizes)-1])
	var buf *tensor.Tensor
	chunk := chunkRows(m.Net, x.Cols())
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		if buf == nil {
			buf = tensor.Zeros(min(n, chunk), m.Sizes[0])
		}
		y := m.Net.Predict(m.prepare(x.RowSlice(lo, hi), buf))
		copy(out.Data()[lo*out.Cols():], y.Data())
	}
	return out
}

// RegressionData returns a regression data set (d.Values) in the form a
// network of one output trains on: targets [n, 1], no labels. It panics if
// d is not a regression set.
func RegressionData(d *datasets.Dataset) *Data {
	if !d.IsRegression() {
		panic("train: RegressionData: the data set has classes, not values (use ClassificationData)")
	}
	target := tensor.Zeros(d.Len(), 1)
	copy(target.Data(), d.Values)
	return &Data{X: d.X, Target: target}
}

// checkTask reports a regression model that names classes or whose loss
// does not compare outputs with values.
func (m *Model) checkTask() error {
	if !m.Regression {
		return nil
	}
	if len(m.Classes) != 0 {
		return fmt.Errorf("%w: a regression model has no classes, this one names %d", ErrBadModel, len(m.Classes))
	}
	if kind, err := layer.LossTargetKind(m.Loss); err != nil || kind != layer.ValueTargets {
		return fmt.Errorf("%w: a regression model's loss must compare outputs with values, not %v", ErrBadModel, m.Loss)
	}
	return nil
}

// loadTask reads the task and the class names of a file's metadata into
// m, whose Sizes are read: a regression model has no classes, a
// classifier one per output (two for a single output).
func (m *Model) loadTask(meta map[string]string) error {
	m.Regression = meta[MetaTask] == TaskRegression
	if task, ok := meta[MetaTask]; ok && !m.Regression {
		return fmt.Errorf("metadata %q is %q; the one task it may name is %q", MetaTask, task, TaskRegression)
	}
	if err := json.Unmarshal([]byte(meta[MetaClasses]), &m.Classes); err != nil && !m.Regression {
		return fmt.Errorf("metadata %q is not a JSON list of names", MetaClasses)
	}
	out := m.Sizes[len(m.Sizes)-1]
	if want := max(out, 2); !m.Regression && len(m.Classes) != want && !(out > 1 && len(m.Classes) == out) {
		return fmt.Errorf("metadata %q lists %d class name(s); a network with %d output(s) needs %d", MetaClasses, len(m.Classes), out, want)
	}
	return nil
}
