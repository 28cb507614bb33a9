package train

import (
	"fmt"

	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

// Data is what a Trainer learns from: inputs, the targets the loss
// compares outputs with, row for row, and for classifiers the class label of
// each row, from which accuracy and AUC are measured.
type Data struct {
	X      *tensor.Tensor // [n, features]
	Target *tensor.Tensor // [n] or [n, k], rows aligned with X
	Labels []int          // optional: class per row, for metrics
}

// Len returns the number of rows.
func (d *Data) Len() int { return d.X.Rows() }

// check reports, as an error naming what, rows that do not line up, and
// labels that loss cannot measure: accuracy and AUC read the outputs as
// probabilities.
func (d *Data) check(what string, loss layer.Loss) error {
	if d == nil || d.X == nil || d.Target == nil {
		return fmt.Errorf("%s data: need X and Target", what)
	}
	if d.X.Dims() != 2 || d.X.Rows() == 0 {
		return fmt.Errorf("%s data: X has shape %v, need [rows>0, features]", what, d.X.Shape())
	}
	if d.Target.Dims() == 0 || d.Target.Shape()[0] != d.X.Rows() {
		return fmt.Errorf("%s data: target shape %v does not match %d rows of X", what, d.Target.Shape(), d.X.Rows())
	}
	if d.Labels != nil && len(d.Labels) != d.X.Rows() {
		return fmt.Errorf("%s data: %d labels for %d rows", what, len(d.Labels), d.X.Rows())
	}
	if d.Labels != nil {
		if _, err := layer.LossProbabilityReader(loss); err != nil {
			return fmt.Errorf("train: %s data has Labels, whose accuracy needs probabilities, but %v", what, err)
		}
	}
	return nil
}

// ClassificationData returns the data set in the form a model with the
// given number of outputs and loss trains on, as the loss's
// layer.TargetKind says: class indices [n] for layer.ClassIndexTargets
// (cross-entropy, NLL); for layer.ProbabilityTargets and
// layer.ValueTargets (BCE, BCE with logits, MSE) a 0/1 column when there
// is one output (the probability of the second class) or one-hot rows
// otherwise.
//
// It panics, a programmer error like a shape mismatch, if a label does not
// fit (below 0, at least outputs, at least 2 for a single output) or if
// loss does not implement layer.TargetKinder.
func ClassificationData(d *datasets.Dataset, loss layer.Loss, outputs int) *Data {
	kind, err := layer.LossTargetKind(loss)
	if err != nil {
		panic("train: ClassificationData: " + err.Error())
	}
	n := d.Len()
	classes := max(outputs, 2)
	for i, y := range d.Y {
		if y < 0 || y >= classes {
			panic(fmt.Sprintf("train: ClassificationData: label %d of row %d does not fit a model of %d output(s)", y, i, outputs))
		}
	}
	var target *tensor.Tensor
	switch {
	case kind == layer.ClassIndexTargets:
		target = tensor.Zeros(n)
		for i, y := range d.Y {
			target.Data()[i] = float64(y)
		}
	case outputs == 1:
		target = tensor.Zeros(n, 1)
		for i, y := range d.Y {
			target.Data()[i] = float64(y)
		}
	default:
		target = tensor.Zeros(n, outputs)
		for i, y := range d.Y {
			target.Data()[i*outputs+y] = 1
		}
	}
	return &Data{X: d.X, Target: target, Labels: d.Y}
}
