package train

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

// ModelFile is the name of the model file in a model directory, such as
// the one 'train fit --out DIR' writes: LoadModel and Model.Save given a
// directory use DIR/ModelFile.
const ModelFile = "model.safetensors"

// Model is a trained classifier with everything needed to use it on raw
// inputs: the network, how its outputs read as probabilities, the names of
// classes and features, and the standardisation fitted on its training data.
type Model struct {
	Net          *layer.Sequential
	Sizes        []int
	Activation   layer.Activation
	Loss         layer.Loss
	Classes      []string
	Features     []string
	Standardizer *datasets.Standardizer // nil: inputs are used as they are
	Target       string                 // the CSV column of the labels in training, if any
}

// PredictProba returns class probabilities [n, classes] for raw inputs
// [n, features], standardising them first as in training; it panics if x
// does not have one column per feature. It works through
// the rows in chunks, as Evaluate does, so that a large input needs little
// memory beyond the result: all rows at once would hold every layer's
// activations for every row (a million rows through 4096 hidden units are
// 33 GB).
func (m *Model) PredictProba(x *tensor.Tensor) *tensor.Tensor {
	m.checkInput(x)
	n := x.Rows()
	var probs, buf *tensor.Tensor
	chunk := chunkRows(m.Net, x.Cols())
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		xb := x.RowSlice(lo, hi)
		if m.Standardizer != nil { // into a scratch chunk: x is the caller's
			if buf == nil {
				buf = tensor.Zeros(min(n, chunk), x.Cols())
			}
			scaled := buf.RowSlice(0, hi-lo)
			scaled.CopyFrom(xb)
			m.Standardizer.TransformInPlace(scaled)
			xb = scaled
		}
		p := Probabilities(m.Net.Predict(xb), m.Loss)
		if probs == nil {
			probs = tensor.Zeros(n, p.Cols())
		}
		copy(probs.Data()[lo*p.Cols():], p.Data())
	}
	if probs == nil { // no rows
		probs = tensor.Zeros(0, max(len(m.Classes), 2))
	}
	return probs
}

// NewModel returns the saveable model of net, trained with loss on the
// data set ds: the layer sizes and the activation come from net (built as
// layer.MLP builds it), the class names, feature names and target column
// from ds, whose rows are not read. std is the standardisation the
// training rows were given, which the model applies to every raw input;
// nil means the network was trained on raw features.
func NewModel(net *layer.Sequential, loss layer.Loss, ds *datasets.Dataset, std *datasets.Standardizer) (*Model, error) {
	if net == nil || loss == nil || ds == nil {
		return nil, fmt.Errorf("train: NewModel: %w: need a network, a loss and a data set", ErrBadModel)
	}
	if ds.IsRegression() {
		return nil, fmt.Errorf("train: NewModel: %w: the data set is a regression set; a model is a classifier with named classes", ErrBadModel)
	}
	sizes, act, err := mlpShape(net)
	if err != nil {
		return nil, fmt.Errorf("train: NewModel: %w", err)
	}
	m := &Model{
		Net: net, Sizes: sizes, Activation: act, Loss: loss,
		Classes:  slices.Clone(ds.Classes),
		Features: slices.Clone(ds.Features),
		Target:   ds.Target,
	}
	if std != nil {
		m.Standardizer = &datasets.Standardizer{Mean: slices.Clone(std.Mean), Std: slices.Clone(std.Std)}
	}
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("train: NewModel: %w", err)
	}
	return m, nil
}

// mlpShape reads the layer sizes and the activation of a network built as
// layer.MLP builds it. A network of one Dense layer has no activation:
// it gets layer.Identity.
func mlpShape(net *layer.Sequential) ([]int, layer.Activation, error) {
	var sizes []int
	var act layer.Activation = layer.Identity{}
	for i, l := range net.Layers {
		switch l := l.(type) {
		case *layer.Dense:
			if len(sizes) == 0 {
				sizes = append(sizes, l.In())
			}
			sizes = append(sizes, l.Out())
		case layer.Activation:
			if i == 1 {
				act = l
			}
		}
	}
	if len(sizes) < 2 {
		return nil, nil, fmt.Errorf("%w: the network has no Dense layer", ErrBadModel)
	}
	return sizes, act, nil
}

// checkInput panics, as a shape mismatch does, if x is not raw features
// [n, features] for the model.
func (m *Model) checkInput(x *tensor.Tensor) {
	if x.Dims() != 2 || x.Cols() != len(m.Features) {
		panic(fmt.Sprintf("train: Model: input of shape %v, the model takes [rows, %d] (features %v)", x.Shape(), len(m.Features), m.Features))
	}
}

// Predict returns the most probable class name for each row of the raw
// inputs x [n, features], as scikit-learn's predict. It panics if x does
// not have one column per feature.
func (m *Model) Predict(x *tensor.Tensor) []string {
	pred := tensor.ArgmaxRows(m.PredictProba(x))
	out := make([]string, len(pred))
	for i, c := range pred {
		out[i] = m.Classes[c]
	}
	return out
}

// Evaluate measures the model on a data set of raw (unstandardised)
// features, standardising them as in training. The data set's classes
// are matched to the model's by name, so a file whose labels appear in
// another order is measured right; a class or a feature count the model
// does not know is an error.
func (m *Model) Evaluate(ds *datasets.Dataset) (Evaluation, error) {
	if ds == nil || ds.IsRegression() {
		return Evaluation{}, errors.New("train: Model.Evaluate: need a classification data set")
	}
	if ds.NumFeatures() != len(m.Features) {
		return Evaluation{}, fmt.Errorf("train: Model.Evaluate: the data set has %d features, the model takes %d (%v)", ds.NumFeatures(), len(m.Features), m.Features)
	}
	if ds.Len() == 0 {
		return Evaluation{}, errors.New("train: Model.Evaluate: the data set has no rows")
	}
	remap := make([]int, len(ds.Classes))
	for c, name := range ds.Classes {
		if remap[c] = slices.Index(m.Classes, name); remap[c] < 0 {
			return Evaluation{}, fmt.Errorf("train: Model.Evaluate: class %q is not one of the model's classes %v", name, m.Classes)
		}
	}
	view := &datasets.Dataset{X: ds.X, Y: make([]int, len(ds.Y)), Classes: m.Classes, Features: ds.Features}
	for i, y := range ds.Y {
		view.Y[i] = remap[y]
	}
	if m.Standardizer != nil {
		view.X = m.Standardizer.Transform(ds.X)
	}
	return Evaluate(m.Net, m.Loss, ClassificationData(view, m.Loss, m.Sizes[len(m.Sizes)-1])), nil
}

// filePath resolves a model path: a directory means its ModelFile.
func filePath(path string) string {
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return filepath.Join(path, ModelFile)
	}
	return path
}
