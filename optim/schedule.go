package optim

import (
	"fmt"
	"math"

	"github.com/nnlab/nnlab/internal/fmath"
)

// Schedule gives the learning rate of an epoch from the base rate. Each
// schedule here is the closed form of its PyTorch lr_scheduler, so a
// resumed run needs only the epoch number, not the schedule's history.
// Fields are used as given, zero included; functions such as
// [DefaultStepLR] fill in PyTorch's defaults.
type Schedule interface {
	// LR returns the rate of an epoch, counted from 0. It panics for a
	// negative epoch or an invalid schedule.
	LR(base float64, epoch int) float64
	// Validate reports an invalid field, naming the schedule type and
	// the field. The trainer calls it before the first step.
	Validate() error
}

// Constant keeps the base rate throughout.
type Constant struct{}

// Validate returns nil: Constant has nothing to check.
func (Constant) Validate() error { return nil }

// LR returns base.
func (Constant) LR(base float64, epoch int) float64 {
	checkEpoch("Constant", epoch)
	return base
}

// StepLR multiplies the rate by Gamma every StepSize epochs, as
// torch.optim.lr_scheduler.StepLR: base·Gamma^⌊epoch/StepSize⌋.
type StepLR struct {
	StepSize int     // epochs between decays, > 0
	Gamma    float64 // decay factor, >= 0 (PyTorch's default is 0.1: see DefaultStepLR)
}

// DefaultStepLR returns a StepLR decaying every stepSize epochs by
// PyTorch's default Gamma, 0.1.
func DefaultStepLR(stepSize int) StepLR { return StepLR{StepSize: stepSize, Gamma: 0.1} }

// Validate reports an invalid field.
func (s StepLR) Validate() error {
	if s.StepSize <= 0 {
		return errConfig("StepLR", "StepSize", s.StepSize, "must be > 0")
	}
	return checkNonNeg("StepLR", "Gamma", s.Gamma)
}

// LR returns the rate of the given epoch.
func (s StepLR) LR(base float64, epoch int) float64 {
	checkEpoch("StepLR", epoch)
	mustValid(s.Validate())
	return base * powInt(s.Gamma, int64(epoch/s.StepSize))
}

// ExponentialLR multiplies the rate by Gamma every epoch, as
// torch.optim.lr_scheduler.ExponentialLR: base·Gamma^epoch.
type ExponentialLR struct {
	Gamma float64 // decay factor, >= 0 (required, as in PyTorch)
}

// Validate reports an invalid field.
func (s ExponentialLR) Validate() error { return checkNonNeg("ExponentialLR", "Gamma", s.Gamma) }

// LR returns the rate of the given epoch.
func (s ExponentialLR) LR(base float64, epoch int) float64 {
	checkEpoch("ExponentialLR", epoch)
	mustValid(s.Validate())
	return base * powInt(s.Gamma, int64(epoch))
}

// CosineAnnealingLR follows half a cosine from the base rate down to EtaMin
// over TMax epochs, as torch.optim.lr_scheduler.CosineAnnealingLR:
// EtaMin + (base-EtaMin)·(1+cos(π·epoch/TMax))/2. Like PyTorch's closed
// form, it rises again after TMax rather than restarting.
type CosineAnnealingLR struct {
	TMax   int     // epochs from the base rate to EtaMin, > 0
	EtaMin float64 // lowest rate, >= 0
}

// Validate reports an invalid field.
func (s CosineAnnealingLR) Validate() error {
	if s.TMax <= 0 {
		return errConfig("CosineAnnealingLR", "TMax", s.TMax, "must be > 0")
	}
	return checkNonNeg("CosineAnnealingLR", "EtaMin", s.EtaMin)
}

// LR returns the rate of the given epoch.
func (s CosineAnnealingLR) LR(base float64, epoch int) float64 {
	checkEpoch("CosineAnnealingLR", epoch)
	mustValid(s.Validate())
	return s.EtaMin + float64((base-s.EtaMin)*(1+fmath.Cos(math.Pi*float64(epoch)/float64(s.TMax)))/2)
}

// LinearWarmup raises the rate linearly from StartFactor·base to base over
// Epochs epochs, as torch.optim.lr_scheduler.LinearLR with end_factor 1:
// base·(StartFactor + (1-StartFactor)·epoch/Epochs). From epoch Epochs on
// it follows Then, whose epochs count from the end of the warm-up, as
// SequentialLR with a milestone at Epochs runs it; a nil Then keeps base.
type LinearWarmup struct {
	Epochs      int      // warm-up length, > 0
	StartFactor float64  // fraction of base at epoch 0, in (0, 1] (PyTorch's default is 1/3: see DefaultLinearWarmup)
	Then        Schedule // the schedule after the warm-up; nil means Constant
}

// DefaultLinearWarmup returns a warm-up over epochs epochs from PyTorch's
// default StartFactor, 1/3, followed by then (nil: Constant).
func DefaultLinearWarmup(epochs int, then Schedule) LinearWarmup {
	return LinearWarmup{Epochs: epochs, StartFactor: 1.0 / 3, Then: then}
}

// Validate reports an invalid field, including one of Then.
func (s LinearWarmup) Validate() error {
	if s.Epochs <= 0 {
		return errConfig("LinearWarmup", "Epochs", s.Epochs, "must be > 0")
	}
	if f := s.StartFactor; !(f > 0 && f <= 1) {
		return errConfig("LinearWarmup", "StartFactor", f, "must be in (0, 1]")
	}
	if s.Then != nil {
		if err := s.Then.Validate(); err != nil {
			return fmt.Errorf("LinearWarmup.Then: %w", err)
		}
	}
	return nil
}

// LR returns the rate of the given epoch.
func (s LinearWarmup) LR(base float64, epoch int) float64 {
	checkEpoch("LinearWarmup", epoch)
	mustValid(s.Validate())
	if epoch < s.Epochs {
		f := s.StartFactor
		return base * (f + (1-f)*float64(epoch)/float64(s.Epochs))
	}
	if s.Then == nil {
		return base
	}
	return s.Then.LR(base, epoch-s.Epochs)
}

func checkEpoch(name string, epoch int) {
	if epoch < 0 {
		panic(fmt.Sprintf("optim: %s.LR: negative epoch %d", name, epoch))
	}
}

// mustValid panics with err: a schedule is checked once with Validate
// where its fields come from the user, so an invalid one reaching LR is a
// programming error.
func mustValid(err error) {
	if err != nil {
		panic(err.Error())
	}
}
