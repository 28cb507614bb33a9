package main

import (
	"fmt"
	"os"
	"runtime"
	"strings"

	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/optim"
)

// fitFlags is fit's command line, parsed but not yet checked.
type fitFlags struct {
	f                                 *flagSet
	data                              *dataFlags
	test, val, lr, momentum, wd       *float64
	hidden, act, initName, loss, opt  *string
	valData, testData                 *string
	epochs, batch, earlyStop, threads *int
	noStd, resume, asJSON, quiet      *bool
	outDir                            *string
	extra                             *extraFlags
	features, task                    *string
	l1, l2, dropout                   *float64
}

// parseFitFlags reads fit's flags; it takes no other arguments.
func parseFitFlags(args []string) (*fitFlags, error) {
	f := newFlagSet("fit")
	ff := &fitFlags{
		f:         f,
		data:      addDataFlags(f, dataGroup{csv: true, minN: minPoints, seedForCSV: true}),
		test:      f.Float("test", 0.2),
		val:       f.Float("val", 0),
		valData:   f.String("val-data", ""),
		testData:  f.String("test-data", ""),
		earlyStop: f.Int("early-stop", 0),
		hidden:    f.String("hidden", "16,16"),
		act:       f.String("act", "relu"),
		initName:  f.String("init", "auto"),
		loss:      f.String("loss", "auto"),
		opt:       f.String("opt", "adam"),
		lr:        f.Float("lr", 0.01),
		momentum:  f.Float("momentum", 0),
		wd:        f.Float("weight-decay", 0),
		epochs:    f.Int("epochs", 100),
		batch:     f.Int("batch", 32),
		noStd:     f.Bool("no-standardize"),
		outDir:    f.String("out", "run"),
		resume:    f.Bool("resume"),
		asJSON:    f.Bool("json"),
		quiet:     f.Bool("quiet"),
		threads:   f.Int("threads", runtime.GOMAXPROCS(0)),
		extra:     addExtraFlags(f),
		features:  f.String("features", ""),
		l1:        f.Float("l1", 0),
		l2:        f.Float("l2", 0),
		task:      f.String("task", taskClassification),
		dropout:   f.Float("dropout", 0),
	}
	pos, err := f.parse(args)
	if err != nil {
		return nil, err
	}
	return ff, noPositional(pos)
}

// output checks --out and says how the run reports.
func (ff *fitFlags) output() (fitOutput, error) {
	out := fitOutput{dir: *ff.outDir, json: *ff.asJSON, quiet: *ff.quiet}
	if strings.TrimSpace(out.dir) == "" {
		return out, usagef("--out must name a directory")
	}
	if info, err := os.Stat(out.dir); err == nil && !info.IsDir() {
		return out, fmt.Errorf("--out %s is a file, not a directory", out.dir)
	}
	return out, nil
}

// settings checks the flags of a new run and returns its settings, with
// the automatic choices resolved that need no data.
func (ff *fitFlags) settings() (*fitSettings, error) {
	src, err := ff.data.resolve()
	if err != nil {
		return nil, err
	}
	s := &fitSettings{
		Data: src.name, Target: src.target, Test: *ff.test, Loss: *ff.loss, Opt: strings.ToLower(strings.TrimSpace(*ff.opt)), LR: *ff.lr,
		Momentum: *ff.momentum, WeightDecay: *ff.wd, Epochs: *ff.epochs, Batch: *ff.batch,
		Seed: src.seed, Standardize: !*ff.noStd, Features: *ff.features,
		L1: *ff.l1, L2: *ff.l2, Dropout: *ff.dropout,
	}
	if !src.isCSV() {
		o := src.opts
		s.Generate = &o
	}
	if err := resolveTask(s, src, *ff.task, ff.f.given["task"]); err != nil {
		return nil, err
	}
	if err := ff.checkModel(s); err != nil {
		return nil, err
	}
	if err := ff.checkTraining(s); err != nil {
		return nil, err
	}
	if err := ff.checkSplits(s); err != nil {
		return nil, err
	}
	if err := ff.extra.check(ff.f, &s.fitExtras, s.Epochs, src.isCSV()); err != nil {
		return nil, err
	}
	if src.isCSV() {
		// Checked now so that a missing file is reported before anything
		// else is done. The file is read once, by buildFit, which records
		// the digest of the bytes it parsed for --resume to compare.
		s.DataPath = absPath(s.Data)
		if err := checkCSVFile(s.Data); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// checkModel checks the split and the network's flags into s.
func (ff *fitFlags) checkModel(s *fitSettings) error {
	var err error
	if s.Hidden, err = parseHidden(*ff.hidden); err != nil {
		return err
	}
	a, err := layer.ParseActivation(*ff.act)
	if err != nil {
		return usagef("--act: %v%s", err, activationHint(*ff.act))
	}
	s.Act = a.String()
	if s.Init, err = resolveInit(*ff.initName, s.Act); err != nil {
		return err
	}
	s.Loss, err = canonicalTaskLoss(s)
	return err
}

// checkTraining checks the optimizer's and the loop's flags in s.
func (ff *fitFlags) checkTraining(s *fitSettings) error {
	f := ff.f
	if err := oneOf("opt", s.Opt, "adam", "sgd", "adamw", "rmsprop"); err != nil {
		return err
	}
	if err := positive("lr", s.LR); err != nil {
		return err
	}
	if !(s.Momentum >= 0 && s.Momentum < 1) {
		return usagef("--momentum must be in [0, 1), got %v", s.Momentum)
	}
	if f.given["momentum"] && s.Opt != "sgd" && s.Opt != "rmsprop" {
		return usagef("--momentum applies to --opt sgd and rmsprop only, not %s", s.Opt)
	}
	if err := nonNegative("weight-decay", s.WeightDecay); err != nil {
		return err
	}
	if err := checkPenalties(s); err != nil {
		return err
	}
	if err := checkDropout(s); err != nil {
		return err
	}
	if s.Opt == "adamw" && !f.given["weight-decay"] {
		s.WeightDecay = optim.DefaultAdamWConfig().WeightDecay
	}
	if err := atLeast("epochs", s.Epochs, 1); err != nil {
		return err
	}
	if s.Epochs > maxEpochs {
		return usagef("--epochs must be at most %d, got %d", maxEpochs, s.Epochs)
	}
	return atLeast("batch", s.Batch, 1)
}

// reluLike are the activations He initialisation is derived for: zero or
// near zero for negative inputs, linear for positive ones.
var reluLike = map[string]bool{"relu": true, "leaky_relu": true, "elu": true, "gelu": true, "gelu_tanh": true, "silu": true, "softplus": true}

// resolveInit turns --init into an initialiser name; auto picks He for
// ReLU-like activations and Xavier (Glorot) for the rest.
func resolveInit(name, act string) (string, error) {
	if name == "auto" {
		base, _, _ := strings.Cut(act, ":")
		if reluLike[base] {
			return "he_uniform", nil
		}
		return "xavier_uniform", nil
	}
	if _, err := layer.ParseInit(name); err != nil {
		return "", usagef("--init: %v", err)
	}
	return name, nil
}
