package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train"
)

const fitHelp = `Usage: train fit --data NAME|FILE.csv [flags]

Trains a multilayer perceptron classifier and writes the model, its metrics,
its split and plots to --out. The data is split (stratified) into a training
part, an optional validation part and a test part. The validation part, or
without one the test part, is measured after every epoch; only the
validation part ever decides anything (early stopping).

Data:
  --data NAME|FILE.csv  a built-in data set (xor, circle, gauss, spiral, moons,
                        blobs; see 'train datasets') or a CSV file with a header
  --target COL          CSV: the column holding the class labels (default: the last)
  --n 500               built-in: number of points
  --noise 0.1           built-in: noise (see 'train datasets' for its meaning per set)
  --classes K           built-in: number of classes for spiral and blobs
                        (default: 2 for spiral, 3 for blobs)
  --drop COL,...        CSV: columns to ignore (ids, free text, ...)
  --drop-missing        CSV: skip rows with an empty field, counted in the summary
                        (without it an empty field is an error)
  --test 0.2            fraction of the rows held out for testing, in [0, 1);
                        0 trains on every row (and gives no test metrics)
  --val 0               fraction of the training rows held out for validation,
                        in [0, 1), stratified
  --val-data FILE.csv   the validation rows from a file instead (same columns)
  --test-data FILE.csv  the test rows from a file instead; every row of --data
                        is then for training (and validation)
  --no-standardize      use the features as they are instead of rescaling them
                        to mean 0 and standard deviation 1 (training statistics)
  --features EXPR,...   the network's inputs, computed from the raw columns: a
                        column (x1), a square (x1^2), a product (x1*x2), sin(x1),
                        cos(x1); default: every raw column. Stored in the model:
                        eval and predict take the raw columns

Task:
  --task classification classification, or regression: a number per row (the
                        CSV target read as numbers; the built-in sets reg-plane
                        and reg-gauss, which imply it); losses mse (default),
                        l1, huber, smooth_l1; metrics RMSE, MAE and R²; a random
                        split; plots predicted.png and heatmap.png

Model:
  --hidden 16,16        hidden layer sizes; "none" for a linear model
  --act relu            activation: relu, leaky_relu:0.1, tanh, sigmoid, elu, gelu,
                        silu, softplus, ... (spec strings with optional parameters)
  --dropout 0           drop each hidden unit's output with probability p in
                        training steps (nn.Dropout after every hidden activation;
                        the saved model's Dense layers are then 0., 3., 6., ...)
  --init auto           weight init: auto (he_uniform for relu-like activations,
                        xavier_uniform otherwise), he_uniform, he_normal,
                        xavier_uniform, xavier_normal, lecun_uniform, lecun_normal,
                        rai, torch, zeros, constant:V
  --loss auto           auto: bce_with_logits for two classes, cross_entropy for
                        more; bce_with_logits (one logit, two classes only),
                        cross_entropy (one logit per class), mse (squared error on
                        0/1 or one-hot targets); bce and ce, earlier spellings,
                        mean bce_with_logits and cross_entropy

Training:
  --opt adam            optimizer: adam, sgd, adamw, rmsprop
  --lr 0.01             learning rate, > 0
  --momentum 0          sgd and rmsprop: momentum in [0, 1)
  --weight-decay W      weight decay, >= 0 (default 0.01 for adamw, 0 otherwise)
  --l1 0                add λ·Σ|w| over the weights (not the biases) to the loss
  --l2 0                add (λ/2)·Σw² over the weights (not the biases) to the loss;
                        history.csv logs the penalty apart as train_penalty
  --epochs 100          passes over the training data
  --batch 32            rows per step
  --schedule none       learning-rate schedule, as PyTorch's lr_scheduler:
                        step:STEP_SIZE[:GAMMA] (StepLR, gamma 0.1),
                        exponential:GAMMA, cosine[:T_MAX[:ETA_MIN]] (over the
                        run), warmup:EPOCHS[:START_FACTOR][+SCHEDULE] (LinearLR,
                        then SCHEDULE), e.g. warmup:5+cosine
  --clip-grad-norm X    clip the gradients' total norm to X before each step
                        (torch.nn.utils.clip_grad_norm_)
  --class-weight W      balanced (n_samples / (n_classes * count), from the
                        training rows) or one weight per class, w1,w2,...:
                        cross_entropy's weight; bce_with_logits gets
                        pos_weight w2/w1
  --seed 1              seed of every random choice: data, split, init, shuffling
  --early-stop N        stop when the validation loss has not improved for N
                        epochs, and keep the best epoch's weights; without a
                        validation part, 10% of the training rows become one
  --threads N           cores a large matrix multiply runs on (default: all);
                        the results are the same, bit for bit, for any N

Output:
  --out run             directory for the results (created if needed)
  --json                print the metrics as one JSON object on stdout, nothing else
  --quiet               no progress bar and no summary; errors are still printed
  --resume              continue the interrupted run in --out from its checkpoint
                        (no other flags but --out, --json and --quiet)

Files written to --out after a successful run, staged and moved into place
together (a failed or diverged run writes nothing, so an earlier run's
files stay as they were; --out is checked writable and locked before the
data is read, so a second run into it fails at once):
  model.safetensors  the model: weights, classes, features, standardisation
  metrics.json       train/validation/test accuracy, loss, AUC, the settings,
                     the seed; with --early-stop best_epoch and stopped_epoch
  split.json         the data source (built-in parameters, or the CSV file and
                     its SHA-256) and the row numbers of each part, for
                     'train eval --split'
  history.csv        one row per epoch: losses, accuracies, per-layer diagnostics
  loss.png           loss and accuracy per epoch
  boundary.png       decision regions with the points (two features only)
  roc.png            ROC curves of the parts (two classes only)
  manifest.json      the files of the run (split.json among them) with their
                     SHA-256, written last

Ctrl-C (SIGINT) or SIGTERM stops after the current step, saves
--out/checkpoint.safetensors and exits 130; 'train fit --resume --out DIR'
then ends with the same model, bit for bit, as a run never interrupted.

Examples:
  train fit --data circle
  train fit --data spiral --classes 3 --hidden 32,32 --act tanh --epochs 300 --out spiral
  train fit --data circle --act identity --features x1,x2,x1^2,x2^2
  train fit --data blobs --opt sgd --lr 0.1 --momentum 0.9 --json
  train fit --data reg-plane --loss huber
  train fit --data iris.csv --target species --test 0.3 --out iris
  train fit --data bc.csv --val 0.2 --early-stop 10 --out bc
  train fit --data bc.csv --drop id --class-weight balanced --schedule step:30:0.1
  train fit --resume --out spiral
`

// fitSettings is everything that determines a run, kept in the checkpoint
// (so --resume rebuilds the same run) and in metrics.json. Choices made
// automatically (--init auto, --loss auto, the default weight decay) are
// stored resolved.
type fitSettings struct {
	Data        string      `json:"data"`
	DataPath    string      `json:"data_path,omitempty"`   // CSV: absolute path
	DataSHA256  string      `json:"data_sha256,omitempty"` // CSV: digest at the start of the run
	Target      string      `json:"target,omitempty"`
	Generate    *genOptions `json:"generate,omitempty"` // built-in sets only
	Test        float64     `json:"test"`
	Val         float64     `json:"val,omitempty"`       // fraction of the training rows held out for validation
	ValFile     *dataFile   `json:"val_data,omitempty"`  // --val-data
	TestFile    *dataFile   `json:"test_data,omitempty"` // --test-data
	EarlyStop   int         `json:"early_stop,omitempty"`
	AutoVal     bool        `json:"auto_val,omitempty"` // Val chosen by --early-stop
	Hidden      []int       `json:"hidden"`
	Act         string      `json:"act"`
	Init        string      `json:"init"`
	Loss        string      `json:"loss"`
	Opt         string      `json:"opt"`
	LR          float64     `json:"lr"`
	Momentum    float64     `json:"momentum"`
	WeightDecay float64     `json:"weight_decay"`
	Epochs      int         `json:"epochs"`
	Batch       int         `json:"batch"`
	Seed        uint64      `json:"seed"`
	Standardize bool        `json:"standardize"`
	Features    string      `json:"features,omitempty"` // --features, canonical; "": the raw columns
	L1          float64     `json:"l1,omitempty"`
	L2          float64     `json:"l2,omitempty"`
	Task        string      `json:"task,omitempty"` // "regression", or "" for classification
	Dropout     float64     `json:"dropout,omitempty"`
	fitExtras
}

// fitOutput says where and how a run reports.
type fitOutput struct {
	dir         string
	json, quiet bool
}

// Limits that catch typos before they exhaust memory or time. They are
// variables only so that the fuzz test can keep its runs small.
var (
	minPoints = 10
	maxPoints = 1_000_000
	maxEpochs = 1_000_000
	// maxParams bounds the network's weights and biases (256 MB of them):
	// each --hidden size is checked on its own, but two wide layers
	// multiply, and 65536,65536 would ask for 34 GB at once.
	maxParams = 1 << 25
)

// runFit parses the command line, checks it into the settings of a run,
// builds the run and trains it (or resumes the run in --out).
func runFit(e *env, args []string) (err error) {
	// Signals are caught from the start, so that a Ctrl-C while the data
	// loads still ends in a checkpoint (at step 0) rather than a kill.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e.ctx, e.stopSignals = ctx, stop
	ff, err := parseFitFlags(args)
	if err != nil {
		return err
	}
	out, err := ff.output()
	if err != nil {
		return err
	}
	if err := atLeast("threads", *ff.threads, 1); err != nil {
		return err
	}
	tensor.SetThreads(*ff.threads) // results do not depend on it
	if *ff.resume {
		if extra := ff.f.givenExcept("resume", "out", "json", "quiet", "threads"); len(extra) > 0 {
			return usagef("%s cannot be given with --resume, which continues with the checkpoint's settings (only --out, --json, --quiet and --threads can)", extra[0])
		}
		return resumeFit(e, out)
	}
	s, err := ff.settings()
	if err != nil {
		return err
	}
	if err := checkSettings(s, false); err != nil {
		return err
	}
	od, err := openOutDir(out.dir)
	if err != nil {
		return err
	}
	defer func() { od.close(err != nil) }()
	r, err := buildFit(e.ctx, s)
	if err != nil {
		return loadInterrupted(e, out, err)
	}
	if _, err := os.Stat(filepath.Join(out.dir, checkpointName)); err == nil && !out.quiet {
		fmt.Fprintf(e.stderr, "note: %s holds a checkpoint of an interrupted run; this run replaces it when it finishes (use 'train fit --resume --out %s' to continue that run instead)\n",
			out.dir, shellQuote(out.dir))
	}
	if s.AutoVal && !out.quiet {
		fmt.Fprintf(e.stderr, "note: --early-stop watches the validation loss, and no validation split was given (--val, --val-data): holding out %d%% of the training rows (%d, stratified) for it; the test rows are never used\n",
			int(autoValFraction*100), r.valDS.Len())
	}
	err = trainAndReport(e, r, out)
	return err
}

// checkpointName is the file an interrupted run leaves in --out.
const checkpointName = "checkpoint.safetensors"

// settingsKey holds the run's settings (JSON) in a checkpoint's metadata.
const settingsKey = "nnlab.train_fit.settings"

// interruptEnv names the environment variable that makes a run stop as if
// interrupted after a given global step: a testing aid for resuming.
const interruptEnv = "NNLAB_INTERRUPT_AFTER_STEPS"

// beforeTrain, when set (by tests), is called once a run is built and
// checked, just before training, and its error ends the command: the fuzz
// test uses it to check every flag without training.
var beforeTrain func() error

// trainAndReport runs the training of r, handling interruption and
// divergence, and on success writes and prints the results.
func trainAndReport(e *env, r *fitRun, out fitOutput) error {
	if beforeTrain != nil {
		if err := beforeTrain(); err != nil {
			return err
		}
	}
	ctx, cancel := context.WithCancel(e.ctx)
	defer cancel()
	if v := e.getenv(interruptEnv); v != "" {
		after, err := strconv.Atoi(v)
		if err != nil || after < 1 {
			return fmt.Errorf("%s=%q: want a whole number of steps, 1 or more", interruptEnv, v)
		}
		r.trainer.OnStep = func(info train.StepInfo) error {
			if info.GlobalStep == after {
				cancel()
			}
			return nil
		}
	}
	if !out.quiet && !out.json && isTerminal(e.stderr) {
		r.trainer.Callbacks = append(r.trainer.Callbacks, train.NewProgressBar(e.stderr))
	}
	// The epochs are measured on the validation part, which early
	// stopping watches, or else on the test part, for the curves only.
	monitor := r.valData
	if monitor == nil {
		monitor = r.testData
	}
	hist, err := r.trainer.Fit(ctx, r.trainData, monitor)
	// Signals stay caught until the outputs are written: a Ctrl-C now
	// would otherwise leave DIR holding files of two different runs.
	defer e.stopSignals()
	ckPath := filepath.Join(out.dir, checkpointName)
	switch {
	case errors.Is(err, train.ErrInterrupted):
		return saveInterrupted(r, out, ckPath)
	case err != nil:
		return fmt.Errorf("%v; nothing was written to %s", err, out.dir)
	}
	if err := writeFitResults(e, r, hist, out); err != nil {
		return err
	}
	if e.ctx.Err() != nil {
		fmt.Fprintln(e.stderr, "train fit: interrupted while writing the results; finished writing them first")
	}
	// The directory now holds a finished run: a checkpoint left by this or
	// an earlier interrupted run would only invite resuming the past.
	if err := os.Remove(ckPath); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("removing the finished run's checkpoint: %v", err)
	}
	return nil
}

// saveInterrupted writes the resumable checkpoint and returns the message
// for the user.
func saveInterrupted(r *fitRun, out fitOutput, ckPath string) error {
	st := r.trainer.State()
	settings, err := marshalSettings(&r.s)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out.dir, 0o755); err != nil {
		return fmt.Errorf("interrupted, but the checkpoint could not be saved: %v", err)
	}
	ck := &train.Checkpoint{
		Model:     r.model,
		Optimizer: r.opt.StateDict(),
		State:     &st,
		Extra:     map[string]string{settingsKey: settings},
	}
	if err := train.SaveCheckpoint(ckPath, ck); err != nil {
		return fmt.Errorf("interrupted, but the checkpoint could not be saved: %v", err)
	}
	return &interruptedError{msg: fmt.Sprintf(
		"interrupted at epoch %d step %d; checkpoint saved to %s; resume with: train fit --resume --out %s",
		st.Epoch+1, st.Step, ckPath, shellQuote(out.dir))}
}

// loadInterrupted turns an error of building a run into the report of an
// interruption when a signal stopped the reading of its data.
func loadInterrupted(e *env, out fitOutput, err error) error {
	if e.ctx.Err() == nil {
		return err
	}
	return &interruptedError{msg: fmt.Sprintf("train fit: interrupted while reading the data; nothing was written to %s", out.dir)}
}

// shellQuote quotes s for a POSIX shell if it needs it.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r == '/' || r == '.' || r == '-' || r == '_' || r == '+' || r == ',' || r == ':' || r == '@' ||
			'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9')
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
