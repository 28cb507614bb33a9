package layer

import (
	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/internal/fmath"
	"github.com/nnlab/nnlab/tensor"
)

// TanhSquareLoss is TensorFlow Playground's error: the network's output z
// is taken through tanh, and ½·(tanh(z) − y)² is measured against y = ±1
// (y = 2t − 1 for the 0/1 or one-hot targets t it is given), averaged
// over the elements (Reduction: mean; sum adds them). PyTorch has no such
// module; it is 0.5 * nn.MSELoss()(torch.tanh(z), 2 * t - 1). As
// BCEWithLogitsLoss keeps the sigmoid out of the network, this keeps the
// tanh out: a saved model ends in its Dense layer, and PyTorch users apply
// torch.tanh to its output to get Playground's.
type TanhSquareLoss struct {
	Reduction autograd.Reduction
}

var _ describedLoss = TanhSquareLoss{}

func init() {
	RegisterLoss(LossSpec{Name: "tanh_square",
		Doc: "TensorFlow Playground's square error: ½·(tanh(z) − y)² against y = ±1 (2t − 1 for 0/1 targets t)",
		New: func() Loss { return TanhSquareLoss{} }})
}

// Forward returns ½·MSE(tanh(input), 2·target − 1) with l.Reduction.
func (l TanhSquareLoss) Forward(input *autograd.Var, target *tensor.Tensor) *autograd.Var {
	y := target.Clone()
	for i, t := range y.Data() {
		y.Data()[i] = 2*t - 1
	}
	return autograd.Scale(autograd.MSELoss(Tanh{}.Forward(input), y, l.Reduction), 0.5)
}

// Name returns "tanh_square".
func (TanhSquareLoss) Name() string { return "tanh_square" }

// String returns the name.
func (l TanhSquareLoss) String() string { return l.Name() }

// TargetKind returns ProbabilityTargets: 0/1 or one-hot, mapped to ±1.
func (TanhSquareLoss) TargetKind() TargetKind { return ProbabilityTargets }

// Probabilities reads each output as (tanh(z) + 1)/2, and several
// normalised to sum to one.
func (TanhSquareLoss) Probabilities(out *tensor.Tensor) *tensor.Tensor {
	return oneVsRest(out, func(z float64) float64 { return (fmath.Tanh(z) + 1) / 2 })
}
