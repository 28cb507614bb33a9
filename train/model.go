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

// Model is a trained classifier (or, with Regression, a regressor) with
// everything needed to use it on raw inputs: the network, how its outputs
// read as probabilities, the names of classes and features, the feature
// expressions and the standardisation fitted on its training data.
//
// Which method predicts depends on the kind of model: a classifier has
// Predict (class names) and PredictProba (class probabilities), a
// regressor (Regression true) has PredictValues (the predicted values).
// Each panics, naming the method to use, when called on the other kind,
// as a shape mismatch does. Evaluate measures either kind.
type Model struct {
	Net          *layer.Sequential
	Sizes        []int
	Activation   layer.Activation
	Loss         layer.Loss
	Classes      []string
	Features     []string
	Standardizer *datasets.Standardizer // nil: inputs are used as they are
	// FeatureMap, if not nil, computes Features from the raw columns
	// FeatureMap.Inputs() before standardisation; nil: Features are the
	// raw columns.
	FeatureMap *datasets.FeatureMap
	// Regression marks a model whose outputs are predicted values
	// (PredictValues), without Classes; false: a classifier.
	Regression bool
	Target     string // the CSV column of the labels in training, if any
}

// PredictProba returns class probabilities [n, classes] for raw inputs
// [n, len(Inputs())], computing the features of FeatureMap and
// standardising them first as in training; it panics if x does not have
// one column per input, or if m is a regression model (use
// PredictValues). It works through
// the rows in chunks, as Evaluate does, so that a large input needs little
// memory beyond the result: all rows at once would hold every layer's
// activations for every row (a million rows through 4096 hidden units are
// 33 GB).
func (m *Model) PredictProba(x *tensor.Tensor) *tensor.Tensor {
	m.mustBe(false, "PredictProba", "PredictValues")
	m.checkInput(x)
	n := x.Rows()
	var probs, buf *tensor.Tensor
	chunk := chunkRows(m.Net, x.Cols())
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		if buf == nil { // a scratch chunk: x is the caller's
			buf = tensor.Zeros(min(n, chunk), m.Sizes[0])
		}
		xb := m.prepare(x.RowSlice(lo, hi), buf)
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
// from ds, whose rows are not read; a data set of values
// (ds.IsRegression) makes a regression model, whose loss must compare
// outputs with values. std is the standardisation the
// training rows were given, which the model applies to every raw input;
// nil means the network was trained on raw features. A model whose
// features are computed from raw columns gets its FeatureMap set by the
// caller, before Save (which checks it against Features).
func NewModel(net *layer.Sequential, loss layer.Loss, ds *datasets.Dataset, std *datasets.Standardizer) (*Model, error) {
	if net == nil || loss == nil || ds == nil {
		return nil, fmt.Errorf("train: NewModel: %w: need a network, a loss and a data set", ErrBadModel)
	}
	sizes, act, err := mlpShape(net)
	if err != nil {
		return nil, fmt.Errorf("train: NewModel: %w", err)
	}
	m := &Model{
		Net: net, Sizes: sizes, Activation: act, Loss: loss,
		Classes:    slices.Clone(ds.Classes),
		Features:   slices.Clone(ds.Features),
		Target:     ds.Target,
		Regression: ds.IsRegression(),
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

// checkInput panics, as a shape mismatch does, if x is not raw inputs
// [n, len(Inputs())] for the model.
func (m *Model) checkInput(x *tensor.Tensor) {
	if in := m.Inputs(); x.Dims() != 2 || x.Cols() != len(in) {
		panic(fmt.Sprintf("train: Model: input of shape %v, the model takes [rows, %d] (columns %v)", x.Shape(), len(in), in))
	}
}

// mustBe panics if m is not the kind of model (regression or not) that
// method predicts for, naming the method to use instead.
func (m *Model) mustBe(regression bool, method, instead string) {
	if m.Regression == regression {
		return
	}
	kind := "a classifier"
	if m.Regression {
		kind = "a regression model"
	}
	panic(fmt.Sprintf("train: Model.%s: the model is %s; use Model.%s", method, kind, instead))
}

// Predict returns the most probable class name for each row of the raw
// inputs x [n, len(Inputs())], as scikit-learn's predict does for a
// classifier. It panics if x does not have one column per input, or if m
// is a regression model (use PredictValues).
func (m *Model) Predict(x *tensor.Tensor) []string {
	m.mustBe(false, "Predict", "PredictValues")
	pred := tensor.ArgmaxRows(m.PredictProba(x))
	out := make([]string, len(pred))
	for i, c := range pred {
		out[i] = m.Classes[c]
	}
	return out
}

// Evaluate measures the model on a data set of raw inputs (the columns
// Inputs names, unstandardised), computing the features and
// standardising them as in training. For a classifier, the data set's
// classes are matched to the model's by name, so a file whose labels
// appear in another order is measured right; a class the model does not
// know is an error. For a regression model the data set holds values
// (datasets.Dataset.Values): Loss is the model's loss on them, Accuracy
// and AUC are NaN. A data set of the other task, or with a column count
// the model does not read, is an error.
func (m *Model) Evaluate(ds *datasets.Dataset) (Evaluation, error) {
	if ds == nil {
		return Evaluation{}, errors.New("train: Model.Evaluate: no data set")
	}
	if ds.IsRegression() != m.Regression {
		if m.Regression {
			return Evaluation{}, errors.New("train: Model.Evaluate: the model is a regression model; need a data set of values, not classes")
		}
		return Evaluation{}, errors.New("train: Model.Evaluate: the model is a classifier; need a classification data set, not one of values")
	}
	if in := m.Inputs(); ds.NumFeatures() != len(in) {
		return Evaluation{}, fmt.Errorf("train: Model.Evaluate: the data set has %d features, the model takes %d (%v)", ds.NumFeatures(), len(in), in)
	}
	if ds.Len() == 0 {
		return Evaluation{}, errors.New("train: Model.Evaluate: the data set has no rows")
	}
	view := &datasets.Dataset{X: m.transform(ds.X), Features: m.Features}
	if m.Regression {
		view.Values = ds.Values
		return Evaluate(m.Net, m.Loss, RegressionData(view)), nil
	}
	var err error
	if view.Y, err = m.classIndices(ds); err != nil {
		return Evaluation{}, err
	}
	view.Classes = m.Classes
	return Evaluate(m.Net, m.Loss, ClassificationData(view, m.Loss, m.Sizes[len(m.Sizes)-1])), nil
}

// classIndices returns the labels of ds as indices into m.Classes.
func (m *Model) classIndices(ds *datasets.Dataset) ([]int, error) {
	remap := make([]int, len(ds.Classes))
	for c, name := range ds.Classes {
		if remap[c] = slices.Index(m.Classes, name); remap[c] < 0 {
			return nil, fmt.Errorf("train: Model.Evaluate: class %q is not one of the model's classes %v", name, m.Classes)
		}
	}
	y := make([]int, len(ds.Y))
	for i, c := range ds.Y {
		y[i] = remap[c]
	}
	return y, nil
}

// transform returns the network's inputs for the raw rows x: the
// features of FeatureMap computed and the Standardizer applied, in a new
// tensor when either applies, x itself otherwise.
func (m *Model) transform(x *tensor.Tensor) *tensor.Tensor {
	if m.FeatureMap == nil && m.Standardizer == nil {
		return x
	}
	return m.prepare(x, tensor.Zeros(x.Rows(), m.Sizes[0]))
}

// filePath resolves a model path: a directory means its ModelFile.
func filePath(path string) string {
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return filepath.Join(path, ModelFile)
	}
	return path
}
