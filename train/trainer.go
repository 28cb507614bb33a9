package train

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/optim"
	"github.com/nnlab/nnlab/tensor"
)

// ErrInterrupted is returned, wrapped, by Fit when its context is
// cancelled: training stopped after a whole step and State holds
// everything needed to resume.
var ErrInterrupted = errors.New("training interrupted")

// Trainer fits a Sequential network (Net) to data with minibatch gradient descent.
// Set its fields, then call Fit. Epochs counts the run's epochs in all, not
// per call: Fit may be called again to continue an interrupted run, after
// Restore, or after raising Epochs to train further; on a finished run it
// returns ErrFinished rather than doing nothing.
type Trainer struct {
	Net  *layer.Sequential
	Loss layer.Loss
	// Penalties, such as layer.NewL2(Net, 1e-4) (built over this Net's
	// weights), are added to the loss of every step; the History records
	// their sum apart from the data loss, as train_penalty, and StepInfo
	// has it as Penalty.
	Penalties []layer.Penalty
	Optimizer optim.Optimizer // built over Net.Parameters()
	// Schedule, if not nil, sets the learning rate at the start of every
	// epoch from the optimizer's learning rate when Fit first started. Fit
	// checks it with Validate before the first step.
	Schedule optim.Schedule
	// Epochs is the number of epochs of the whole run, >= 1.
	Epochs int
	// BatchSize is the rows per step, >= 1. The last batch of an epoch may
	// be smaller; a BatchSize above the number of rows, such as FullBatch,
	// takes the whole data set in every step.
	BatchSize int
	// Shuffle draws a new order of the rows every epoch from Seed; without
	// it batches are taken in order.
	Shuffle bool
	Seed    uint64
	// GradClip, if not nil, clips the gradients' global norm before each
	// update; nil leaves them as they are.
	GradClip *GradClip
	// Diagnostics records, every epoch, each hidden layer's dead fraction
	// and activation rate over the training data and every dense layer's
	// mean weight-gradient norm.
	Diagnostics bool
	// EarlyStopping, if not nil, stops training when a validation metric
	// stops improving.
	EarlyStopping *EarlyStopping
	// OnStep, if not nil, is called after every update; an error stops
	// training and is returned by Fit.
	OnStep func(StepInfo) error
	// OnEpoch, if not nil, is called after every epoch with the history so
	// far; an error stops training and is returned by Fit.
	OnEpoch func(epoch int, h *History) error
	// Callbacks are told of the run's start, steps, epochs and end, in
	// order, after OnStep and OnEpoch; NewProgressBar makes one.
	Callbacks []Callback

	state   State
	started bool
	rng     *rand.PCG
	// halfState, when not nil, says that a rejected step left the
	// optimizer's state half undone; Fit refuses to continue until Restore.
	halfState error
	dropRNG   *rand.PCG // the random layers' generator, see mode.go
	// initial holds the parameters as a fresh run started, through its
	// first epoch, so that an overflow before any weight has moved is not
	// blamed on the learning rate (stall.go).
	initial [][]float64
}

// FullBatch, as a Trainer's BatchSize, makes every step take the whole
// training set: full-batch gradient descent.
const FullBatch = math.MaxInt

// GradClip clips the gradients before each update so that their total
// 2-norm, over all parameters, is at most MaxNorm, as
// torch.nn.utils.clip_grad_norm_(params, max_norm).
type GradClip struct {
	// MaxNorm is the largest norm let through, >= 0. It is used as given:
	// 0 zeroes every gradient, as clip_grad_norm_ with max_norm 0 does.
	MaxNorm float64
}

// StepInfo describes one completed update.
type StepInfo struct {
	Epoch, Step int     // 0-based epoch, and step within it
	GlobalStep  int     // 1-based count of steps so far
	Loss        float64 // the data loss, without the penalties
	Penalty     float64 // the sum of the penalties, 0 without any
	BatchSize   int
}

func (t *Trainer) validate(trainData, val *Data) error {
	switch {
	case t.Net == nil || t.Loss == nil || t.Optimizer == nil:
		return errors.New("train: Trainer needs Net, Loss and Optimizer")
	case t.Epochs < 1:
		return fmt.Errorf("train: Epochs is %d, must be >= 1: a Trainer with no epochs would train nothing", t.Epochs)
	case t.BatchSize < 1:
		return fmt.Errorf("train: BatchSize is %d, must be >= 1 (train.FullBatch takes the whole data set)", t.BatchSize)
	case t.GradClip != nil && !(t.GradClip.MaxNorm >= 0):
		return fmt.Errorf("train: GradClip.MaxNorm is %v, must be >= 0", t.GradClip.MaxNorm)
	case t.halfState != nil:
		return t.halfState
	case t.started && t.state.Stopped:
		return fmt.Errorf("train: %w: early stopping ended the run after epoch %d", ErrFinished, t.state.Epoch)
	case t.started && t.state.Epoch == t.Epochs && t.state.Step == 0:
		// A state past Epochs is no finished run but another run's
		// (checkState says so).
		return fmt.Errorf("train: %w: all %d epochs are done; raise Epochs to train further", ErrFinished, t.Epochs)
	}
	if err := t.checkOptimizerParams(); err != nil {
		return err
	}
	if t.Schedule != nil {
		if err := t.Schedule.Validate(); err != nil {
			return fmt.Errorf("train: Schedule: %w", err)
		}
	}
	for i, p := range t.Penalties {
		if p == nil {
			return fmt.Errorf("train: Penalties[%d] is nil", i)
		}
	}
	if err := trainData.check("training", t.Loss); err != nil {
		return err
	}
	if val != nil {
		if err := val.check("validation", t.Loss); err != nil {
			return err
		}
	}
	if e := t.EarlyStopping; e != nil {
		switch {
		case val == nil:
			return errors.New("train: EarlyStopping needs validation data")
		case e.Metric != ColValLoss && e.Metric != ColValAccuracy && e.Metric != ColValAUC:
			return fmt.Errorf("train: EarlyStopping.Metric %q: want %q, %q or %q", e.Metric, ColValLoss, ColValAccuracy, ColValAUC)
		case e.Metric != ColValLoss && val.Labels == nil:
			return fmt.Errorf("train: EarlyStopping.Metric %q needs validation data with Labels", e.Metric)
		}
	}
	return nil
}

// Fit trains the model on trainData for the configured epochs, measuring
// val (which may be nil) after every epoch, and returns the history. It
// stops early with an error on a non-finite loss or gradient
// (*NonFiniteError), when a callback fails, or when ctx is cancelled
// (ErrInterrupted); State then describes where it stopped, and a later Fit
// continues from there.
func (t *Trainer) Fit(ctx context.Context, trainData, val *Data) (hist *History, err error) {
	if err := t.validate(trainData, val); err != nil {
		return nil, err
	}
	if !t.started {
		t.rng = rand.NewPCG(t.Seed, t.Seed^0x9e3779b97f4a7c15)
		t.state = State{BaseLR: t.Optimizer.LR(), History: &History{}}
		t.state.RNG = mustMarshal(t.rng)
		t.started = true
		t.keepInitial()
	} else if err := t.rng.UnmarshalBinary(t.state.RNG); err != nil {
		return nil, fmt.Errorf("train: restoring shuffle state: %v", err)
	}
	n := trainData.Len()
	bs := min(t.BatchSize, n)
	steps := (n + bs - 1) / bs
	loop := newStepLoop(t, trainData, bs)
	if err := t.checkState(steps, len(loop.dense)); err != nil {
		return t.state.History, err
	}
	started, err := t.startCallbacks(FitInfo{t.Epochs, steps, t.state.Epoch*steps + t.state.Step})
	defer func() { t.endCallbacks(started, hist, err) }()
	if err != nil {
		return t.state.History, err
	}
	t.startRandomLayers()
	defer t.Net.SetTraining(t.Net.Training()) // the caller's mode, as it was

	for !t.state.Stopped && t.state.Epoch < t.Epochs {
		epoch := t.state.Epoch
		if t.Schedule != nil {
			t.Optimizer.SetLR(t.Schedule.LR(t.state.BaseLR, epoch))
		}
		// The order is drawn from the generator as it stood at the start of
		// the epoch, so a run resumed mid-epoch sees the same order.
		if err := t.rng.UnmarshalBinary(t.state.RNG); err != nil {
			return t.state.History, fmt.Errorf("train: restoring shuffle state: %v", err)
		}
		loop.order(t.Shuffle, t.rng)
		t.Net.Train()
		for t.state.Step < steps {
			// Cancellation is honoured between steps, so a stop never leaves
			// half an update behind.
			if ctx.Err() != nil {
				return t.state.History, fmt.Errorf("%w during epoch %d after step %d", ErrInterrupted, epoch+1, t.state.Step)
			}
			lv, err := loop.step(t.state.Step)
			if err != nil {
				return t.state.History, err
			}
			t.state.Step++
			t.state.GlobalStep++
			info := StepInfo{Epoch: epoch, Step: t.state.Step - 1, GlobalStep: t.state.GlobalStep, Loss: lv,
				Penalty: loop.lastPenalty, BatchSize: loop.lastBatch}
			if err := t.stepDone(info); err != nil {
				return t.state.History, err
			}
		}
		if err := t.endEpoch(trainData, val, loop); err != nil {
			return t.state.History, err
		}
		if err := t.epochDone(epoch); err != nil {
			return t.state.History, err
		}
	}
	return t.state.History, t.restoreBest()
}

// endEpoch measures the epoch, records it and moves the state to the start
// of the next one.
func (t *Trainer) endEpoch(trainData, val *Data, loop *stepLoop) error {
	rec, err := t.measure(trainData, val, loop)
	if err != nil {
		return err
	}
	if err := t.checkOptimizerState(); err != nil {
		return err
	}
	t.initial = nil
	t.state.History.Add(rec)
	t.state.Epoch++
	t.state.Step = 0
	t.state.LossSum, t.state.LossCount, t.state.PenaltySum = 0, 0, 0
	t.state.GradNormSum = nil
	t.state.RNG = mustMarshal(t.rng)
	t.earlyStop()
	return nil
}

// measure returns the finished epoch's record: learning rate, mean step
// loss, metrics on the training and validation data, and diagnostics.
func (t *Trainer) measure(trainData, val *Data, loop *stepLoop) ([]NamedValue, error) {
	t.Net.Eval()
	rec := []NamedValue{
		{ColEpoch, float64(t.state.Epoch + 1)},
		{ColLR, t.Optimizer.LR()},
		{ColTrainLoss, t.state.LossSum / float64(t.state.LossCount)},
	}
	if len(t.Penalties) > 0 {
		rec = append(rec, NamedValue{ColTrainPenalty, t.state.PenaltySum / float64(t.state.LossCount)})
	}
	if trainData.Labels != nil || t.Diagnostics {
		var diag *activationStats
		if t.Diagnostics {
			diag = watchActivations(t.Net)
		}
		ev := evaluate(t.Net, t.Loss, trainData, &loop.evalTape)
		if diag != nil {
			diag.stop()
		}
		if trainData.Labels != nil {
			rec = append(rec, NamedValue{ColTrainAccuracy, ev.Accuracy})
		}
		if diag != nil {
			rec = append(rec, diag.values()...)
			for k, s := range t.state.GradNormSum {
				rec = append(rec, NamedValue{fmt.Sprintf("grad_norm_%d", k+1), s / float64(t.state.Step)})
			}
		}
	}
	if val != nil {
		ev := evaluate(t.Net, t.Loss, val, &loop.evalTape)
		rec = append(rec, NamedValue{ColValLoss, ev.Loss})
		if val.Labels != nil {
			rec = append(rec, NamedValue{ColValAccuracy, ev.Accuracy}, NamedValue{ColValAUC, ev.AUC})
		}
	}
	return rec, nil
}

// stepLoop holds the buffers one training step reuses.
type stepLoop struct {
	t         *Trainer
	data      *Data
	bs        int
	perm      []int
	tbuf      *tensor.Tensor
	params    []layer.Param
	guard     stepGuard // see guard.go
	dense     []*layer.Dense
	lastBatch int
	// lastPenalty is the penalties' sum at the last step.
	lastPenalty float64
	// tape holds a step's graph and buffers; steps rebuild the same graph,
	// so from the second on they allocate nothing. evalTape does the same
	// for the evaluations at the end of every epoch.
	tape, evalTape autograd.Tape
}

func newStepLoop(t *Trainer, d *Data, bs int) *stepLoop {
	tshape := append([]int{bs}, d.Target.Shape()[1:]...)
	_, dense := t.Net.DenseLayers()
	return &stepLoop{
		t: t, data: d, bs: bs,
		perm:   make([]int, d.Len()),
		tbuf:   tensor.Zeros(tshape...),
		params: t.Net.NamedParameters(),
		dense:  dense,
	}
}

func (l *stepLoop) order(shuffle bool, src *rand.PCG) {
	for i := range l.perm {
		l.perm[i] = i
	}
	if shuffle {
		rand.New(src).Shuffle(len(l.perm), func(i, j int) { l.perm[i], l.perm[j] = l.perm[j], l.perm[i] })
	}
}

// step runs batch b of the epoch: forward, loss, backward, checks, update.
func (l *stepLoop) step(b int) (float64, error) {
	t := l.t
	idx := l.perm[b*l.bs : min((b+1)*l.bs, len(l.perm))]
	l.lastBatch = len(idx)
	tb := tensor.GatherRows(l.tbuf, l.data.Target, idx)
	l.tape.Reset()
	// The batch's inputs are read in place, not gathered: on two cores a
	// gathered copy's writes wait on lines the other core read last step.
	loss := t.Loss.Forward(t.Net.ForwardRows(l.tape.Const(l.data.X), idx), tb)
	epoch, step := t.state.Epoch+1, b+1
	if loss.Value().Len() != 1 {
		return 0, fmt.Errorf("train: the loss gives shape %v, not a scalar: use reduction mean or sum", loss.Shape())
	}
	lv := loss.Item()
	if math.IsNaN(lv) || math.IsInf(lv, 0) {
		return lv, &NonFiniteError{Epoch: epoch, Step: step, Where: "loss", Value: lv, Cause: t.firstStepCause()}
	}
	loss, pen := addPenalties(t.Penalties, loss)
	if math.IsNaN(pen) || math.IsInf(pen, 0) {
		return lv, &NonFiniteError{Epoch: epoch, Step: step, Where: "penalty", Value: pen}
	}
	l.lastPenalty = pen
	t.Optimizer.ZeroGrad()
	loss.Backward()
	if err := l.checkGradients(epoch, step); err != nil {
		return lv, t.withFirstStepCause(err)
	}
	if t.Diagnostics {
		if t.state.GradNormSum == nil {
			t.state.GradNormSum = make([]float64, len(l.dense))
		}
		for k, d := range l.dense {
			if g := d.Weight.Grad(); g != nil {
				t.state.GradNormSum[k] += g.Norm()
			}
		}
	}
	if t.GradClip != nil {
		optim.ClipGradNorm(t.Optimizer.Params(), t.GradClip.MaxNorm)
	}
	if err := l.update(epoch, step); err != nil {
		return lv, t.withFirstStepCause(err)
	}
	t.state.LossSum += float64(lv * float64(len(idx)))
	t.state.LossCount += len(idx)
	t.state.PenaltySum += float64(pen * float64(len(idx)))
	return lv, nil
}

func mustMarshal(p *rand.PCG) []byte {
	b, err := p.MarshalBinary()
	if err != nil {
		panic(err) // PCG's MarshalBinary cannot fail
	}
	return b
}
