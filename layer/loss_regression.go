package layer

import (
	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/tensor"
)

// The robust regression losses: like MSELoss they compare outputs with
// real-valued targets of the same shape, but grow linearly, not
// quadratically, with large errors.

var (
	_ describedLoss = L1Loss{}
	_ describedLoss = HuberLoss{}
	_ describedLoss = SmoothL1Loss{}
)

// L1Loss is nn.L1Loss: the absolute error, for regression.
type L1Loss struct {
	Reduction autograd.Reduction
}

// Forward returns autograd.L1Loss(input, target, l.Reduction).
func (l L1Loss) Forward(input *autograd.Var, target *tensor.Tensor) *autograd.Var {
	return autograd.L1Loss(input, target, l.Reduction)
}

// Name returns "l1".
func (L1Loss) Name() string { return "l1" }

// String returns the name.
func (l L1Loss) String() string { return l.Name() }

// TargetKind returns ValueTargets.
func (L1Loss) TargetKind() TargetKind { return ValueTargets }

// Probabilities reads outputs fitted to 0/1 or one-hot targets as
// MSELoss.Probabilities does.
func (L1Loss) Probabilities(out *tensor.Tensor) *tensor.Tensor { return MSELoss{}.Probabilities(out) }

// HuberLoss is nn.HuberLoss: squared error for errors below Delta, linear
// beyond. Delta must be positive: the zero HuberLoss panics when used, so
// take PyTorch's default, Delta = 1, from NewHuberLoss.
type HuberLoss struct {
	Delta     float64
	Reduction autograd.Reduction
}

// NewHuberLoss returns nn.HuberLoss() with PyTorch's defaults: Delta 1,
// mean reduction.
func NewHuberLoss() HuberLoss { return HuberLoss{Delta: 1} }

// Forward returns autograd.HuberLoss(input, target, l.Delta, l.Reduction).
func (l HuberLoss) Forward(input *autograd.Var, target *tensor.Tensor) *autograd.Var {
	return autograd.HuberLoss(input, target, l.Delta, l.Reduction)
}

// Name returns "huber".
func (HuberLoss) Name() string { return "huber" }

// String returns the name.
func (l HuberLoss) String() string { return l.Name() }

// TargetKind returns ValueTargets.
func (HuberLoss) TargetKind() TargetKind { return ValueTargets }

// Probabilities reads outputs as MSELoss.Probabilities does.
func (HuberLoss) Probabilities(out *tensor.Tensor) *tensor.Tensor {
	return MSELoss{}.Probabilities(out)
}

// SmoothL1Loss is nn.SmoothL1Loss: the Huber loss divided by Beta, so
// that beyond Beta it is the L1 loss less a constant. Beta = 0 gives the
// L1 loss's values (with PyTorch's gradient of -1, not 0, at a difference
// of 0; see autograd.SmoothL1Loss); the default, Beta = 1, comes from
// NewSmoothL1Loss.
type SmoothL1Loss struct {
	Beta      float64
	Reduction autograd.Reduction
}

// NewSmoothL1Loss returns nn.SmoothL1Loss() with PyTorch's defaults: Beta
// 1, mean reduction.
func NewSmoothL1Loss() SmoothL1Loss { return SmoothL1Loss{Beta: 1} }

// Forward returns autograd.SmoothL1Loss(input, target, l.Beta, l.Reduction).
func (l SmoothL1Loss) Forward(input *autograd.Var, target *tensor.Tensor) *autograd.Var {
	return autograd.SmoothL1Loss(input, target, l.Beta, l.Reduction)
}

// Name returns "smooth_l1".
func (SmoothL1Loss) Name() string { return "smooth_l1" }

// String returns the name.
func (l SmoothL1Loss) String() string { return l.Name() }

// TargetKind returns ValueTargets.
func (SmoothL1Loss) TargetKind() TargetKind { return ValueTargets }

// Probabilities reads outputs as MSELoss.Probabilities does.
func (SmoothL1Loss) Probabilities(out *tensor.Tensor) *tensor.Tensor {
	return MSELoss{}.Probabilities(out)
}
