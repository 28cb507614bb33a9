package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/optim"
	"github.com/nnlab/nnlab/train"
)

// fitRun is a training run ready to go: the data, its split, the model,
// the optimizer and the trainer, all made from the settings alone, so that
// --resume can make the same run again.
type fitRun struct {
	s fitSettings
	// ds is the whole data set: the training rows, then the validation
	// rows, then the test rows; source is its CSV input (nil if built-in).
	ds     *datasets.Dataset
	source *datasets.CSVInfo
	// The parts: views of ds, or read from --val-data and --test-data;
	// valDS and testDS are nil without that part.
	trainDS, valDS, testDS *datasets.Dataset
	rows                   splitRows // the row numbers in ds's source of each part
	model                  *train.Model
	opt                    optim.Optimizer
	trainer                *train.Trainer
	// The parts as the network sees them; valData and testData are nil
	// without that part.
	trainData, valData, testData *train.Data
	raw                          *datasets.Dataset    // --features: the raw columns of ds's rows
	fm                           *datasets.FeatureMap // --features, nil without
}

// splitRows are the rows of each part, numbered from 0 in the order of
// the data source, each part's in increasing order.
type splitRows struct {
	train, val, test []int
}

// buildFit makes the run s describes. It resolves --loss auto in s, which
// needs the number of classes.
func buildFit(ctx context.Context, s *fitSettings) (*fitRun, error) {
	r := &fitRun{}
	var err error
	if r.ds, err = loadFitData(ctx, s); err != nil {
		return nil, err
	}
	lossFn, outputs, err := resolveTaskLoss(s, r.ds)
	if err != nil {
		return nil, err
	}
	r.source = r.ds.Source
	if err := r.splitRows(s); err != nil {
		return nil, err
	}
	if err := r.loadSplitFiles(ctx, s); err != nil {
		return nil, err
	}
	if lossFn, err = weighLoss(lossFn, s.Loss, s.ClassWeight, r.trainDS); err != nil {
		return nil, err
	}
	if err := r.mapFeatures(s); err != nil {
		return nil, err
	}
	std, err := standardize(r, s)
	if err != nil {
		return nil, err
	}
	act, err := layer.ParseActivation(s.Act)
	if err != nil {
		return nil, usagef("--act: %v", err)
	}
	ini, err := layer.ParseInit(s.Init)
	if err != nil {
		return nil, usagef("--init: %v", err)
	}
	sizes := slices.Concat([]int{r.ds.NumFeatures()}, s.Hidden, []int{outputs})
	if err := checkParams(sizes); err != nil {
		return nil, err
	}
	net := newNet(s, sizes, act, ini, newRand(s.Seed, streamInit))
	if r.model, err = train.NewModel(net, lossFn, r.ds, std); err != nil {
		return nil, err
	}
	r.model.FeatureMap = r.fm
	if err := r.model.Validate(); err != nil {
		return nil, err
	}
	if r.opt, err = newOptimizer(s, net.Parameters()); err != nil {
		return nil, err
	}
	r.trainData = taskData(r.trainDS, lossFn, outputs)
	r.valData = partData(r.valDS, lossFn, outputs)
	r.testData = partData(r.testDS, lossFn, outputs)
	r.trainer = &train.Trainer{
		Net: net, Loss: lossFn, Optimizer: r.opt,
		Epochs: s.Epochs, BatchSize: s.Batch, Shuffle: true, Seed: s.Seed,
		Diagnostics: true, Penalties: penalties(s, net),
	}
	if s.EarlyStop > 0 {
		r.trainer.EarlyStopping = &train.EarlyStopping{Metric: train.ColValLoss, Patience: s.EarlyStop, RestoreBest: true}
	}
	if err := applyExtras(r, s); err != nil {
		return nil, err
	}
	r.s = *s
	return r, nil
}

// loadFitData makes the built-in set or reads the CSV file of s, and
// rejects a target that cannot be a class label.
func loadFitData(ctx context.Context, s *fitSettings) (*datasets.Dataset, error) {
	var ds *datasets.Dataset
	var err error
	if s.Generate != nil {
		g, err := lookupBuiltin("data", s.Data)
		if err != nil {
			return nil, err
		}
		if ds, err = generate(g, *s.Generate, s.Seed); err != nil {
			return nil, err
		}
	} else if ds, err = loadFitCSV(ctx, s.DataPath, s.Data, s.csvOptions(s.Target)); err != nil {
		return nil, err
	} else if err = s.recordDigest(ds.Source.SHA256); err != nil {
		return nil, err
	}
	k := ds.NumClasses()
	if ds.Target != "" && k > 10 && k > ds.Len()/2 {
		// Most likely a continuous column given as the target: nnlab
		// classifies, and a class per value cannot be learned or split.
		return nil, fmt.Errorf("%s: column %q has %d distinct labels in %d rows; nnlab trains classifiers, so the target must hold classes (is it a continuous value? choose the label column with --target, or train a regression model with --task regression)",
			s.Data, ds.Target, k, ds.Len())
	}
	return ds, nil
}

// partData is a part as the network sees it, nil for no part.
func partData(d *datasets.Dataset, loss layer.Loss, outputs int) *train.Data {
	if d == nil {
		return nil
	}
	return taskData(d, loss, outputs)
}

// standardize rescales r.ds in place by the training part's statistics,
// if s asks for it, and returns them (nil if not).
func standardize(r *fitRun, s *fitSettings) (*datasets.Standardizer, error) {
	if !s.Standardize {
		return nil, nil
	}
	st := datasets.FitStandardizer(r.trainDS.X)
	// Values near the float64 limit overflow the mean or the spread;
	// training on the Inf or NaN that results would only be reported
	// as a divergence, blaming the learning rate.
	for j := range st.Mean {
		if math.IsInf(st.Mean[j], 0) || math.IsNaN(st.Mean[j]) || math.IsInf(st.Std[j], 0) || math.IsNaN(st.Std[j]) {
			return nil, fmt.Errorf("%s: column %q: values too large to standardise (their mean or spread overflows float64); rescale the column",
				s.Data, r.ds.Features[j])
		}
		if st.Std[j] < 0x1p-1022 { // subnormal or 0: x/std overflows
			return nil, fmt.Errorf("%s: column %q: values too close together to standardise (their spread, %v, underflows float64); rescale the column",
				s.Data, r.ds.Features[j], st.Std[j])
		}
	}
	st.TransformInPlace(r.ds.X)
	// Parts read from their own files are not views of r.ds.
	if s.ValFile != nil {
		st.TransformInPlace(r.valDS.X)
	}
	if s.TestFile != nil {
		st.TransformInPlace(r.testDS.X)
	}
	return &st, nil
}

// checkParams rejects a network too big to allocate, before it is: the
// weights and biases of the layer sizes. (A product of two sizes fits in
// an int64: hidden sizes are at most maxHidden, and the features and
// classes of a data set that fits in memory are far fewer than 2^31.)
func checkParams(sizes []int) error {
	var total int64
	for i := 1; i < len(sizes); i++ {
		total += int64(sizes[i-1]+1) * int64(sizes[i])
	}
	if total <= int64(maxParams) {
		return nil
	}
	parts := make([]string, len(sizes))
	for j, n := range sizes {
		parts[j] = strconv.Itoa(n)
	}
	return usagef("--hidden: a network of layer sizes %s (features, hidden, outputs) has %d weights and biases; at most %d are allowed",
		strings.Join(parts, ","), total, maxParams)
}

// cliLosses are the --loss names the CLI trains with: its network ends in
// a Dense layer, so the loss must take raw scores (not nn.BCELoss's
// probabilities nor nn.NLLLoss's log-probabilities).
var cliLosses = []string{"bce_with_logits", "cross_entropy", "mse"}

// oldLossNames are the --loss spellings of earlier versions, which
// checkpoints of their runs hold too; "bce" meant BCE with logits, which
// layer's names (shared by model files and docs) call bce_with_logits.
var oldLossNames = map[string]string{"bce": "bce_with_logits", "ce": "cross_entropy"}

// canonicalLoss returns --loss v under its registered name (or "auto"),
// reading it case-insensitively and in the spellings of earlier versions.
func canonicalLoss(v string) (string, error) {
	name := strings.ToLower(strings.TrimSpace(v))
	if name == "auto" || slices.Contains(cliLosses, name) {
		return name, nil
	}
	if n, ok := oldLossNames[name]; ok {
		return n, nil
	}
	want := "auto, " + strings.Join(cliLosses, ", ")
	if l, err := layer.ParseLoss(name); err == nil {
		return "", usagef("--loss %s: the network's outputs are raw scores, which %s does not take; want one of %s", l, l, want)
	}
	return "", usagef("--loss %q: want one of %s", v, want)
}

// resolveLoss turns --loss into a loss and the number of network outputs
// for k classes, recording in s its registered name, the choice of auto
// resolved: one output for two classes unless the loss takes class
// indices, one per class otherwise.
func resolveLoss(s *fitSettings, k int) (layer.Loss, int, error) {
	name, err := canonicalLoss(s.Loss)
	if err != nil {
		return nil, 0, err
	}
	if name == "auto" {
		name = "cross_entropy"
		if k == 2 {
			name = "bce_with_logits"
		}
	}
	s.Loss = name
	loss, err := layer.ParseLoss(name)
	if err != nil {
		return nil, 0, usagef("--loss: %v", err)
	}
	kind, err := layer.LossTargetKind(loss)
	switch {
	case err != nil:
		return nil, 0, usagef("--loss %s: %v", name, err)
	case kind == layer.ClassIndexTargets:
		return loss, k, nil
	case k == 2:
		return loss, 1, nil
	case kind == layer.ProbabilityTargets:
		return nil, 0, usagef("--loss %s needs two classes, but %s has %d; use --loss cross_entropy", name, s.Data, k)
	}
	return loss, k, nil
}

// newOptimizer builds the optimizer of the settings over params: PyTorch's
// defaults for the chosen optimizer with the learning rate, momentum and
// weight decay of the flags. (fit resolves --weight-decay's default for
// adamw into the settings, so checkpoints of earlier versions, which
// recorded it there too, rebuild the same optimizer.)
func newOptimizer(s *fitSettings, params []*autograd.Var) (optim.Optimizer, error) {
	var o optim.Optimizer
	var err error
	switch s.Opt {
	case "sgd":
		c := optim.DefaultSGDConfig(s.LR)
		c.Momentum, c.WeightDecay = s.Momentum, s.WeightDecay
		o, err = optim.NewSGD(params, c)
	case "adam":
		c := optim.DefaultAdamConfig()
		c.LR, c.WeightDecay = s.LR, s.WeightDecay
		o, err = optim.NewAdam(params, c)
	case "adamw":
		c := optim.DefaultAdamWConfig()
		c.LR, c.WeightDecay = s.LR, s.WeightDecay
		o, err = optim.NewAdamW(params, c)
	case "rmsprop":
		c := optim.DefaultRMSpropConfig()
		c.LR, c.Momentum, c.WeightDecay = s.LR, s.Momentum, s.WeightDecay
		o, err = optim.NewRMSprop(params, c)
	default:
		return nil, usagef("--opt %q: want one of adam, sgd, adamw, rmsprop", s.Opt)
	}
	if err != nil {
		return nil, usagef("%v", err)
	}
	return o, nil
}

func marshalSettings(s *fitSettings) (string, error) {
	b, err := json.Marshal(s)
	if err != nil {
		return "", fmt.Errorf("encoding the settings: %v", err)
	}
	return string(b), nil
}

// resumeFit continues the run whose checkpoint is in out.dir.
func resumeFit(e *env, out fitOutput) (err error) {
	ckPath := filepath.Join(out.dir, checkpointName)
	if _, err := os.Stat(ckPath); errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("nothing to resume: %s does not exist (an interrupted 'train fit --out %s' leaves it)", ckPath, out.dir)
	}
	ck, err := train.LoadCheckpoint(ckPath)
	if err != nil {
		return err
	}
	raw, ok := ck.Extra[settingsKey]
	if !ok || ck.State == nil || ck.Optimizer == nil {
		return fmt.Errorf("%s is not a checkpoint of an interrupted 'train fit' run", ckPath)
	}
	var s fitSettings
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		return fmt.Errorf("%s: the saved settings are unreadable: %v", ckPath, err)
	}
	if err := checkSettings(&s, true); err != nil {
		return fmt.Errorf("%s: the saved settings are invalid: %v", ckPath, err)
	}
	if err := s.checkFilesExist(); err != nil {
		return err
	}
	od, err := openOutDir(out.dir)
	if err != nil {
		return err
	}
	defer func() { od.close(err != nil) }()
	r, err := buildFit(e.ctx, &s)
	var changed *dataChangedError
	if errors.As(err, &changed) {
		return err
	}
	if err != nil {
		return loadInterrupted(e, out, fmt.Errorf("%s: rebuilding the run: %v", ckPath, err))
	}
	if !slices.Equal(ck.Model.Sizes, r.model.Sizes) {
		return fmt.Errorf("%s: the saved model has layer sizes %v, the settings give %v", ckPath, ck.Model.Sizes, r.model.Sizes)
	}
	if err := ck.CheckResume(r.trainer); err != nil {
		return fmt.Errorf("%s: %v", ckPath, err)
	}
	if err := r.model.Net.LoadStateDict(ck.Model.Net.StateDict()); err != nil {
		return fmt.Errorf("%s: %v", ckPath, err)
	}
	if err := r.opt.LoadStateDict(ck.Optimizer); err != nil {
		return fmt.Errorf("%s: %v", ckPath, err)
	}
	if err := r.trainer.Restore(*ck.State); err != nil {
		return fmt.Errorf("%s: %v", ckPath, err)
	}
	return trainAndReport(e, r, out)
}

// recordDigest keeps the digest of the CSV bytes a new run parsed, or, when
// resuming, checks that the file still holds the bytes the run started on.
func (s *fitSettings) recordDigest(sum string) error {
	if s.DataSHA256 == "" {
		s.DataSHA256 = sum
		return nil
	}
	if sum != s.DataSHA256 {
		return &dataChangedError{path: s.DataPath}
	}
	return nil
}

// dataChangedError is a resumed run whose CSV file is not the one it
// started on.
type dataChangedError struct{ path string }

func (e *dataChangedError) Error() string {
	return fmt.Sprintf("cannot resume: %s has changed since the run started", e.path)
}
