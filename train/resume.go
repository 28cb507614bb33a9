package train

import (
	"errors"
	"fmt"
	"github.com/nnlab/nnlab/autograd"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/nnlab/nnlab/optim"
)

// Checks of a restored State and of a checkpoint against the run it is to
// continue: an edited or corrupt file must not resume silently into a run
// other than the one it claims to be.

// validate reports a State that no run can have produced: a negative or
// inconsistent count, a learning rate that is not a rate, a history whose
// length is not the epochs completed. (Restore and CheckResume also decode
// the shuffle generator.) Non-finite sums, norms and metrics are allowed: a run can hold
// them, and a checkpoint carries them.
func (s *State) validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("train: restored state: %s", fmt.Sprintf(format, args...))
	}
	epochs := 0
	if s.History != nil {
		epochs = s.History.Len()
	}
	switch {
	case s.Epoch < 0 || s.Step < 0 || s.GlobalStep < 0 || s.LossCount < 0 || s.BadEpochs < 0:
		return bad("a count is negative (epoch %d, step %d, global_step %d, loss_count %d, bad_epochs %d)",
			s.Epoch, s.Step, s.GlobalStep, s.LossCount, s.BadEpochs)
	case s.GlobalStep < s.Step || s.GlobalStep < s.Epoch:
		return bad("global_step %d is less than epoch %d or step %d", s.GlobalStep, s.Epoch, s.Step)
	case !(s.BaseLR >= 0) || math.IsInf(s.BaseLR, 1):
		return bad("base_lr is %v, want a finite rate >= 0", s.BaseLR)
	case epochs != s.Epoch:
		return bad("epoch %d, but the history records %d epochs", s.Epoch, epochs)
	case s.BadEpochs > s.Epoch:
		return bad("bad_epochs %d is more than the %d epochs completed", s.BadEpochs, s.Epoch)
	case s.BestEpoch < 0 || s.BestEpoch > s.Epoch:
		return bad("best_epoch %d is not between 0 and the %d epochs completed", s.BestEpoch, s.Epoch)
	case s.Stopped && s.Epoch == 0:
		return bad("stopped is true before the first epoch ended")
	case s.Step == 0 && (s.LossCount != 0 || s.LossSum != 0 || len(s.GradNormSum) != 0):
		return bad("step 0, but loss_sum, loss_count or grad_norm_sum hold sums of steps")
	}
	for k, v := range s.GradNormSum {
		if v < 0 || math.IsNaN(v) {
			return bad("grad_norm_sum[%d] is %v, want >= 0", k, v)
		}
	}
	return nil
}

// CheckResume reports a checkpoint that cannot continue the run t
// describes, before anything is loaded into t: a trainer state past
// t.Epochs; a base learning rate, or an optimizer learning rate, other than
// the one t's optimizer was built with (scaled by t.Schedule for the
// state's epoch); an optimizer step counter other than the state's
// GlobalStep (every parameter of a Trainer's network takes every step).
// Call it with t built from the run's settings, its optimizer fresh; a
// command line that stores its settings in the checkpoint so learns of
// settings and state that disagree.
func (ck *Checkpoint) CheckResume(t *Trainer) error {
	s := ck.State
	if s == nil || ck.Optimizer == nil {
		return errors.New("cannot resume: not a training checkpoint (no trainer or optimizer state)")
	}
	bad := func(format string, args ...any) error {
		return fmt.Errorf("cannot resume: %s", fmt.Sprintf(format, args...))
	}
	if err := s.validate(); err != nil {
		return err
	}
	if err := (&rand.PCG{}).UnmarshalBinary(s.RNG); err != nil {
		return bad("metadata %q: corrupt shuffle generator state", MetaState)
	}
	if t.Schedule != nil {
		if err := t.Schedule.Validate(); err != nil {
			return fmt.Errorf("train: Schedule: %w", err)
		}
	}
	base := t.Optimizer.LR()
	switch {
	case s.Epoch > t.Epochs || s.Epoch == t.Epochs && s.Step != 0:
		return bad("metadata %q: epoch %d, step %d is past the run's %d epochs", MetaState, s.Epoch+1, s.Step, t.Epochs)
	case s.BaseLR != base:
		return bad("metadata %q: base_lr is %v, the run's learning rate is %v", MetaState, s.BaseLR, base)
	}
	lrT := ck.Optimizer["lr"]
	if lrT == nil || lrT.Len() != 1 {
		return bad("tensor %q is missing or not one number", optimPrefix+"lr")
	}
	if lr := lrT.Data()[0]; !lrAllowed(lr, base, t.Schedule, s) {
		return bad("tensor %q is %v, the run's learning rate is %v at epoch %d", optimPrefix+"lr", lr, expectedLR(base, t.Schedule, s.Epoch), s.Epoch+1)
	}
	for _, name := range sortedKeys(ck.Optimizer) {
		idx, ok := strings.CutSuffix(name, ".step")
		if _, err := strconv.Atoi(idx); !ok || err != nil {
			continue
		}
		if v := ck.Optimizer[name]; v.Len() != 1 {
			return bad("tensor %q has shape %v, want one number", optimPrefix+name, v.Shape())
		} else if v.Data()[0] != float64(s.GlobalStep) {
			return bad("tensor %q is %v, but metadata %q counts %d steps", optimPrefix+name, v.Data()[0], MetaState, s.GlobalStep)
		}
	}
	return nil
}

// expectedLR is the learning rate Fit sets at the start of epoch (from 0).
func expectedLR(base float64, sched optim.Schedule, epoch int) float64 {
	if sched == nil {
		return base
	}
	return sched.LR(base, epoch)
}

// lrAllowed reports whether an optimizer's saved rate is one Fit can have
// left at the state's position: the rate of the current epoch or, at an
// epoch's start, of the one before (or the base, before the first).
func lrAllowed(lr, base float64, sched optim.Schedule, s *State) bool {
	if lr == expectedLR(base, sched, s.Epoch) {
		return true
	}
	return s.Step == 0 && (lr == base || s.Epoch > 0 && lr == expectedLR(base, sched, s.Epoch-1))
}

// checkOptimizerParams reports an optimizer that updates something other
// than the network being trained: a parameter of another network. As in
// PyTorch, an optimizer over part of Net (frozen layers) or in another
// order is fine; parameters are compared by identity.
func (t *Trainer) checkOptimizerParams() error {
	own := make(map[*autograd.Var]bool, len(t.Net.Parameters()))
	for _, p := range t.Net.Parameters() {
		own[p] = true
	}
	for i, p := range t.Optimizer.Params() {
		if !own[p] {
			return fmt.Errorf("train: the Optimizer's parameter %d is none of Net's parameters (an optimizer over another network?): build it over Net.Parameters()", i)
		}
	}
	return nil
}

// checkState reports a restored State that cannot belong to this run, as
// a corrupt or edited checkpoint would give, before it can index out of
// range.
func (t *Trainer) checkState(steps, dense int) error {
	s := &t.state
	switch {
	case s.Epoch < 0 || s.Step < 0 || s.GlobalStep < 0 || s.LossCount < 0 || s.BadEpochs < 0:
		return fmt.Errorf("train: restored state has a negative count (epoch %d, step %d, global step %d)", s.Epoch, s.Step, s.GlobalStep)
	case s.Epoch > t.Epochs || s.Epoch == t.Epochs && s.Step != 0:
		return fmt.Errorf("train: restored state is at epoch %d, step %d, past the run's %d epochs", s.Epoch+1, s.Step, t.Epochs)
	case s.Step >= steps && s.Step != 0:
		return fmt.Errorf("train: restored state is at step %d of an epoch of %d steps (was the batch size or the data changed?)", s.Step, steps)
	case len(s.GradNormSum) != 0 && len(s.GradNormSum) != dense:
		return fmt.Errorf("train: restored state has gradient norms for %d layers, the model has %d", len(s.GradNormSum), dense)
	}
	return nil
}
