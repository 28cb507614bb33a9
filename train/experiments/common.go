package experiments

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strconv"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/optim"
	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train"
)

// cellRNG returns the generator of one cell: seeded by the seed and by a
// hash of the experiment and the setting's key, so that a cell draws the
// same numbers whichever other cells run, in whatever order or process.
func cellRNG(exp, key string, seed uint64) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(exp + "/" + key))
	return rand.New(rand.NewPCG(seed, h.Sum64()))
}

// dataSpec names a built-in data set and how to draw it, as recorded in
// settings.
type dataSpec struct {
	Name  string  `json:"name"`
	N     int     `json:"n"`
	Noise float64 `json:"noise"`
}

// testFraction is the share of every data set held out for testing.
const testFraction = 0.25

// split draws the data set, splits it stratified into training and test
// parts and standardises both with the training part's statistics.
func (s dataSpec) split(rng *rand.Rand) (tr, te *datasets.Dataset, err error) {
	g, ok := datasets.Lookup(s.Name)
	if !ok {
		return nil, nil, fmt.Errorf("unknown data set %q", s.Name)
	}
	d, err := g.Make(s.N, s.Noise, 0, rng)
	if err != nil {
		return nil, nil, err
	}
	tr, te, err = datasets.StratifiedSplit(d, testFraction, rng)
	if err != nil {
		return nil, nil, err
	}
	st := datasets.FitStandardizer(tr.X)
	st.TransformInPlace(tr.X)
	st.TransformInPlace(te.X)
	return tr, te, nil
}

// optimSpec is an optimizer and learning rate, as recorded in settings.
type optimSpec struct {
	Name     string  `json:"name"` // "adam" or "sgd"
	LR       float64 `json:"lr"`
	Momentum float64 `json:"momentum,omitempty"` // SGD only
}

func (o optimSpec) build(params []*autograd.Var) (optim.Optimizer, error) {
	switch o.Name {
	case "adam":
		c := optim.DefaultAdamConfig()
		c.LR = o.LR
		return optim.NewAdam(params, c)
	case "sgd":
		c := optim.DefaultSGDConfig(o.LR)
		c.Momentum = o.Momentum
		return optim.NewSGD(params, c)
	}
	return nil, fmt.Errorf("unknown optimizer %q", o.Name)
}

// initFor returns the initialiser by its settings name.
func initFor(name string) (layer.Initializer, error) { return layer.ParseInit(name) }

// recommendedInit is the usual initialiser of an activation: He for the
// ReLU family, Glorot (Xavier) for the saturating ones.
func recommendedInit(act string) string {
	switch act {
	case "tanh", "sigmoid", "identity":
		return "xavier_normal"
	}
	return "he_normal"
}

// fitRun is one training run of a classifier.
type fitRun struct {
	Model     *layer.Sequential
	Loss      layer.Loss
	Outputs   int
	Optim     optimSpec
	Epochs    int
	BatchSize int
	Seed      uint64
	// OnEpoch, if set, sees the training accuracy after every epoch and
	// may stop training by returning true.
	OnEpoch func(epoch int, trainAcc float64) bool
	// OnStep, if set, is called after every update.
	OnStep func()
}

// errStopEarly ends a Fit from OnEpoch without being a failure.
var errStopEarly = errors.New("target reached")

// fit trains the model on tr. A run whose loss or gradient became NaN or
// infinite returns diverged = true and no error.
func (f fitRun) fit(ctx context.Context, tr *datasets.Dataset) (diverged bool, err error) {
	opt, err := f.Optim.build(f.Model.Parameters())
	if err != nil {
		return false, err
	}
	data := train.ClassificationData(tr, f.Loss, f.Outputs)
	t := &train.Trainer{Net: f.Model, Loss: f.Loss, Optimizer: opt, Epochs: f.Epochs,
		BatchSize: f.BatchSize, Shuffle: true, Seed: f.Seed}
	if f.OnStep != nil {
		t.OnStep = func(train.StepInfo) error {
			f.OnStep()
			return nil
		}
	}
	if f.OnEpoch != nil {
		t.OnEpoch = func(epoch int, h *train.History) error {
			if f.OnEpoch(epoch, h.Last(train.ColTrainAccuracy)) {
				return errStopEarly
			}
			return nil
		}
	} else {
		// Without labels the trainer skips measuring every epoch, which
		// these runs do not need.
		data.Labels = nil
	}
	_, err = t.Fit(ctx, data, nil)
	var nf *train.NonFiniteError
	switch {
	case errors.As(err, &nf):
		return true, nil
	case errors.Is(err, errStopEarly):
		return false, nil
	}
	return false, err
}

// evaluate returns the model's accuracy and AUC on d.
func evaluate(m *layer.Sequential, loss layer.Loss, outputs int, d *datasets.Dataset) (acc, auc float64) {
	ev := train.Evaluate(m, loss, train.ClassificationData(d, loss, outputs))
	return ev.Accuracy, ev.AUC
}

// snapshot is a trained MLP and its test points, kept in a cell's output
// so that figures can be drawn after a merge of shards.
type snapshot struct {
	Sizes  []int       `json:"sizes"`
	Act    string      `json:"act"`
	Params [][]float64 `json:"params"`
	X      []float64   `json:"x"` // test points, [n, 2] row-major
	Y      []int       `json:"y"`
}

func takeSnapshot(m *layer.Sequential, sizes []int, act string, te *datasets.Dataset) *snapshot {
	s := &snapshot{Sizes: sizes, Act: act, X: append([]float64(nil), te.X.Data()...), Y: append([]int(nil), te.Y...)}
	for _, p := range m.NamedParameters() {
		s.Params = append(s.Params, append([]float64(nil), p.Var.Value().Data()...))
	}
	return s
}

// model rebuilds the network.
func (s *snapshot) model() (*layer.Sequential, error) {
	act, err := layer.ParseActivation(s.Act)
	if err != nil {
		return nil, err
	}
	m := layer.MLP(s.Sizes, act, layer.Constant{}, nil)
	params := m.NamedParameters()
	if len(params) != len(s.Params) {
		return nil, fmt.Errorf("snapshot has %d parameters, the model %d", len(s.Params), len(params))
	}
	for i, p := range params {
		if p.Var.Value().Len() != len(s.Params[i]) {
			return nil, fmt.Errorf("snapshot parameter %s has %d values, want %d", p.Name, len(s.Params[i]), p.Var.Value().Len())
		}
		copy(p.Var.Value().Data(), s.Params[i])
	}
	return m, nil
}

func (s *snapshot) points() *tensor.Tensor {
	return tensor.New(append([]float64(nil), s.X...), len(s.Y), 2)
}

// probaFunc returns class probabilities of the rebuilt model for plots.
func probaFunc(m *layer.Sequential, loss layer.Loss) func(x *tensor.Tensor) *tensor.Tensor {
	return func(x *tensor.Tensor) *tensor.Tensor { return train.Probabilities(m.Predict(x), loss) }
}

// lrKey writes a learning rate as a table key: "0.001", "0.3", "1".
func lrKey(lr float64) string { return strconv.FormatFloat(lr, 'g', -1, 64) }

// sizes returns [in, width × depth, out].
func mlpSizes(in, width, depth, out int) []int {
	s := []int{in}
	for range depth {
		s = append(s, width)
	}
	return append(s, out)
}
