package engine

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/optim"
	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train"
)

// The random streams of a session, the ones `train fit` draws from for the
// same seed, so that a session and its fit command make the same run.
const (
	streamData  = 0x6e6e6c6162646174 // "nnlabdat"
	streamSplit = 0x6e6e6c616273706c // "nnlabspl"
	streamInit  = 0x6e6e6c6162696e69 // "nnlabini"
)

// reluLike are the activations `train fit --init auto` gives He
// initialisation; the others get Xavier.
var reluLike = map[string]bool{"relu": true, "leaky_relu": true, "elu": true, "gelu": true, "gelu_tanh": true, "silu": true, "softplus": true}

// Session is one lab run: the data, the network and its Trainer. Step
// trains it on; Snapshot describes it for drawing.
type Session struct {
	cfg             Config
	raw             *datasets.Dataset // the raw points (x1, x2, or an upload's columns): training rows, then test rows
	nTrain          int
	features        *datasets.FeatureMap
	std             datasets.Standardizer
	model           *train.Model
	trainer         *train.Trainer
	trainData, test *train.Data
	hist            *train.History
	uploadName      string      // the uploaded file's name, for the fit command
	frame           *frameInput // PictureReport's batch and buffers
}

// New builds the session cfg describes, as `train fit` would: the points
// drawn from the seed, split (stratified by class for classification, at
// random for regression), the features computed and standardised by the
// training part, the network initialised from the seed.
func New(cfg Config) (*Session, error) { return NewWithData(cfg, nil) }

// NewWithData is New on the uploaded data set up (from ReadUpload) when
// cfg.Data is UploadData; up is ignored otherwise.
func NewWithData(cfg Config, up *datasets.Dataset) (*Session, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	ds, err := cfg.rawData(up)
	if err != nil {
		return nil, err
	}
	s := &Session{cfg: cfg, uploadName: "upload.csv"}
	if ds.Source != nil {
		s.uploadName = ds.Source.Name
	}
	fm, act, err := cfg.parts(ds.Features)
	if err != nil {
		return nil, err
	}
	s.features = fm
	split := datasets.StratifiedSplit
	if ds.IsRegression() {
		split = datasets.RandomSplit
	}
	trainDS, testDS, err := split(ds, 1-cfg.Ratio, rand.New(rand.NewPCG(cfg.Seed, streamSplit)))
	if err != nil {
		return nil, fmt.Errorf("ratio %v: %v", cfg.Ratio, err)
	}
	s.raw = concatRows(trainDS, testDS)
	s.nTrain = trainDS.Len()
	xTrain, xTest := fm.Apply(trainDS.X), fm.Apply(testDS.X)
	s.std = datasets.FitStandardizer(xTrain)
	s.std.TransformInPlace(xTrain)
	s.std.TransformInPlace(xTest)
	if err := s.buildNet(act, ds.NumClasses()); err != nil {
		return nil, err
	}
	s.trainData = s.taskData(trainDS, xTrain)
	s.test = s.taskData(testDS, xTest)
	return s, nil
}

// rawData returns the session's data set before the split: up for an
// upload, otherwise drawn from the built-in generator, its columns named
// x1, x2.
func (c *Config) rawData(up *datasets.Dataset) (*datasets.Dataset, error) {
	if c.Data == UploadData {
		if up == nil {
			return nil, errors.New("data upload: no CSV uploaded (choose a file)")
		}
		if up.IsRegression() != (c.Task == TaskRegression) {
			return nil, fmt.Errorf("data upload: the CSV was read for another task than %s; upload it again", c.Task)
		}
		return up, nil
	}
	g, err := c.generator()
	if err != nil {
		return nil, err
	}
	ds, err := g.Make(c.N, c.Noise, 0, rand.New(rand.NewPCG(c.Seed, streamData)))
	if err != nil {
		return nil, err
	}
	ds.Features = []string{"x1", "x2"}
	return ds, nil
}

// taskData is part d, its features x computed, in the form the network
// trains on.
func (s *Session) taskData(d *datasets.Dataset, x *tensor.Tensor) *train.Data {
	if d.IsRegression() {
		return train.RegressionData(&datasets.Dataset{X: x, Values: d.Values})
	}
	outputs := s.model.Sizes[len(s.model.Sizes)-1]
	return train.ClassificationData(&datasets.Dataset{X: x, Y: d.Y, Classes: d.Classes}, s.model.Loss, outputs)
}

// buildNet makes the model, the optimizer and the Trainer.
func (s *Session) buildNet(act layer.Activation, classes int) error {
	cfg := s.cfg
	lossName, outputs := "cross_entropy", classes
	switch {
	case s.raw.IsRegression():
		lossName, outputs = "mse", 1
	case classes == 2:
		lossName, outputs = "bce_with_logits", 1
	}
	loss, err := layer.ParseLoss(lossName)
	if err != nil {
		return err
	}
	initName := "xavier_uniform"
	if base, _, _ := strings.Cut(cfg.Act, ":"); reluLike[base] {
		initName = "he_uniform"
	}
	ini, err := layer.ParseInit(initName)
	if err != nil {
		return err
	}
	sizes := slices.Concat([]int{s.features.NumFeatures()}, cfg.Hidden, []int{outputs})
	rng := rand.New(rand.NewPCG(cfg.Seed, streamInit))
	var net *layer.Sequential
	if cfg.Dropout > 0 {
		net = layer.MLPWithDropout(sizes, act, cfg.Dropout, ini, rng)
	} else {
		net = layer.MLP(sizes, act, ini, rng)
	}
	std := s.std
	s.model = &train.Model{Net: net, Sizes: sizes, Activation: act, Loss: loss,
		Classes: s.raw.Classes, Features: s.features.Names(), Standardizer: &std, Regression: s.raw.IsRegression()}
	opt, err := newOptimizer(cfg, net.Parameters())
	if err != nil {
		return err
	}
	s.trainer = &train.Trainer{Net: net, Loss: loss, Optimizer: opt,
		BatchSize: cfg.Batch, Shuffle: true, Seed: cfg.Seed, Diagnostics: true}
	if cfg.L1 > 0 {
		s.trainer.Penalties = append(s.trainer.Penalties, layer.NewL1(net, cfg.L1))
	}
	if cfg.L2 > 0 {
		s.trainer.Penalties = append(s.trainer.Penalties, layer.NewL2(net, cfg.L2))
	}
	return nil
}

// newOptimizer makes cfg's optimizer with its learning rate, the other
// settings at their defaults, as `train fit --opt` does.
func newOptimizer(cfg Config, params []*autograd.Var) (optim.Optimizer, error) {
	var o optim.Optimizer
	var err error
	switch cfg.Opt {
	case "sgd":
		o, err = optim.NewSGD(params, optim.DefaultSGDConfig(cfg.LR))
	case "adam":
		c := optim.DefaultAdamConfig()
		c.LR = cfg.LR
		o, err = optim.NewAdam(params, c)
	case "adamw":
		c := optim.DefaultAdamWConfig()
		c.LR = cfg.LR
		o, err = optim.NewAdamW(params, c)
	case "rmsprop":
		c := optim.DefaultRMSpropConfig()
		c.LR = cfg.LR
		o, err = optim.NewRMSprop(params, c)
	default:
		return nil, fmt.Errorf("opt %q: want one of sgd, adam, adamw, rmsprop", cfg.Opt)
	}
	if err != nil {
		return nil, fmt.Errorf("opt %s: %v", cfg.Opt, err)
	}
	return o, nil
}

// Epoch returns the number of epochs trained.
func (s *Session) Epoch() int { return s.trainer.Epochs }

// Step trains n more epochs (n >= 1) and returns the History of the whole
// run. A Trainer continues where it stopped when its Epochs grows.
func (s *Session) Step(n int) (*train.History, error) {
	if n < 1 {
		return nil, fmt.Errorf("step: %d epochs, want at least 1", n)
	}
	s.trainer.Epochs += n
	h, err := s.trainer.Fit(context.Background(), s.trainData, s.test)
	if h != nil {
		s.hist = h
	}
	return s.hist, err
}

// History returns the run's history so far (nil before the first Step).
func (s *Session) History() *train.History { return s.hist }

// Config returns the session's settings.
func (s *Session) Config() Config { return s.cfg }
