package layer

import (
	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/tensor"
)

// Loss measures a batch of predictions against its targets, as the loss
// modules of torch.nn do. Forward returns the reduced loss (a scalar for
// the mean and sum reductions) ready for Backward; the target needs no
// gradient. Each loss here is a configuration struct whose zero value is
// PyTorch's default (mean reduction, no weights), wrapping one fused loss
// of package autograd.
type Loss interface {
	Forward(input *autograd.Var, target *tensor.Tensor) *autograd.Var
}

// describedLoss is a loss that says all that package train asks of it.
type describedLoss interface {
	Loss
	TargetKinder
	ProbabilityReader
	NamedLoss
}

var (
	_ describedLoss = MSELoss{}
	_ describedLoss = BCELoss{}
	_ describedLoss = BCEWithLogitsLoss{}
	_ describedLoss = CrossEntropyLoss{}
	_ describedLoss = NLLLoss{}
)

// MSELoss is nn.MSELoss: the squared error, for regression.
type MSELoss struct {
	Reduction autograd.Reduction
}

// Forward returns autograd.MSELoss(input, target, l.Reduction).
func (l MSELoss) Forward(input *autograd.Var, target *tensor.Tensor) *autograd.Var {
	return autograd.MSELoss(input, target, l.Reduction)
}

// Name returns "mse".
func (MSELoss) Name() string { return "mse" }

// String returns the name.
func (l MSELoss) String() string { return l.Name() }

// TargetKind returns ValueTargets.
func (MSELoss) TargetKind() TargetKind { return ValueTargets }

// Probabilities reads outputs fitted to 0/1 or one-hot targets: a single
// output clipped to [0, 1]; several made non-negative and normalised to sum
// to one (uniform where all are at most 0).
func (MSELoss) Probabilities(out *tensor.Tensor) *tensor.Tensor {
	if out.Cols() == 1 {
		return oneVsRest(out, clip01)
	}
	return oneVsRest(out, nonNegative)
}

// BCELoss is nn.BCELoss: binary cross-entropy of probabilities, for a
// network that ends in a sigmoid. BCEWithLogitsLoss on the raw scores is
// the stabler choice.
type BCELoss struct {
	// Weight, if not nil, rescales each element's loss; it has the input's
	// shape or a trailing part of it.
	Weight    *tensor.Tensor
	Reduction autograd.Reduction
}

// Forward returns autograd.BCELoss(input, target, l.Weight, l.Reduction).
func (l BCELoss) Forward(input *autograd.Var, target *tensor.Tensor) *autograd.Var {
	return autograd.BCELoss(input, target, l.Weight, l.Reduction)
}

// Name returns "bce".
func (BCELoss) Name() string { return "bce" }

// String returns the name.
func (l BCELoss) String() string { return l.Name() }

// TargetKind returns ProbabilityTargets.
func (BCELoss) TargetKind() TargetKind { return ProbabilityTargets }

// Probabilities reads outputs that are probabilities already: each clipped
// to [0, 1] and, for several outputs, normalised to sum to one, as
// scikit-learn's one-vs-rest classifiers do.
func (BCELoss) Probabilities(out *tensor.Tensor) *tensor.Tensor {
	return oneVsRest(out, clip01)
}

// BCEWithLogitsLoss is nn.BCEWithLogitsLoss: binary cross-entropy of
// sigmoid(input) computed from the logits, for binary and multi-label
// classification.
type BCEWithLogitsLoss struct {
	// Weight, if not nil, rescales each element's loss, as BCELoss's
	// does; it has the input's shape or a trailing part of it.
	Weight *tensor.Tensor
	// PosWeight, if not nil, weighs the positive examples of each output
	// column (one value per element of the input's last dimension), as
	// pos_weight does to trade recall against precision.
	PosWeight []float64
	Reduction autograd.Reduction
}

// Forward returns autograd.BCEWithLogitsLoss(input, target, l.Weight,
// l.PosWeight, l.Reduction).
func (l BCEWithLogitsLoss) Forward(input *autograd.Var, target *tensor.Tensor) *autograd.Var {
	return autograd.BCEWithLogitsLoss(input, target, l.Weight, l.PosWeight, l.Reduction)
}

// Name returns "bce_with_logits".
func (BCEWithLogitsLoss) Name() string { return "bce_with_logits" }

// String returns the name.
func (l BCEWithLogitsLoss) String() string { return l.Name() }

// TargetKind returns ProbabilityTargets.
func (BCEWithLogitsLoss) TargetKind() TargetKind { return ProbabilityTargets }

// Probabilities reads outputs as logits: the sigmoid of each, and for
// several outputs normalised to sum to one, as scikit-learn's one-vs-rest
// classifiers do.
func (BCEWithLogitsLoss) Probabilities(out *tensor.Tensor) *tensor.Tensor {
	return oneVsRest(out, sigmoid)
}

// CrossEntropyLoss is nn.CrossEntropyLoss: softmax cross-entropy of
// [n, C] logits against class indices ([n]) or class probabilities
// ([n, C]), for multi-class classification. It takes PyTorch's other
// shapes too (see autograd.CrossEntropyLoss).
type CrossEntropyLoss struct {
	// Weight, if not nil, has one weight per class.
	Weight []float64
	// LabelSmoothing in [0, 1] mixes the target with the uniform
	// distribution.
	LabelSmoothing float64
	// IgnoreIndex is ignore_index: targets equal to it count for nothing.
	// Zero means PyTorch's default, -100, unless IgnoreIndexSet is true.
	IgnoreIndex    int
	IgnoreIndexSet bool
	Reduction      autograd.Reduction
}

// Forward returns autograd.CrossEntropyLoss of input and target with l's
// settings.
func (l CrossEntropyLoss) Forward(input *autograd.Var, target *tensor.Tensor) *autograd.Var {
	return autograd.CrossEntropyLoss(input, target, autograd.CrossEntropyOptions{
		Weight: l.Weight, LabelSmoothing: l.LabelSmoothing,
		IgnoreIndex: l.IgnoreIndex, IgnoreIndexSet: l.IgnoreIndexSet, Reduction: l.Reduction,
	})
}

// Name returns "cross_entropy".
func (CrossEntropyLoss) Name() string { return "cross_entropy" }

// String returns the name.
func (l CrossEntropyLoss) String() string { return l.Name() }

// TargetKind returns ClassIndexTargets.
func (CrossEntropyLoss) TargetKind() TargetKind { return ClassIndexTargets }

// Probabilities reads each row of outputs as logits: its softmax.
func (CrossEntropyLoss) Probabilities(out *tensor.Tensor) *tensor.Tensor {
	return rowwise(out, softmaxInPlace)
}

// NLLLoss is nn.NLLLoss: the negative log-likelihood of class indices under
// [n, C] log-probabilities (or PyTorch's other shapes, see
// autograd.NLLLoss).
type NLLLoss struct {
	// Weight, if not nil, has one weight per class.
	Weight []float64
	// IgnoreIndex is ignore_index: targets equal to it count for nothing.
	// Zero means PyTorch's default, -100, unless IgnoreIndexSet is true.
	IgnoreIndex    int
	IgnoreIndexSet bool
	Reduction      autograd.Reduction
}

// Forward returns autograd.NLLLoss of input and target with l's settings.
func (l NLLLoss) Forward(input *autograd.Var, target *tensor.Tensor) *autograd.Var {
	return autograd.NLLLoss(input, target, autograd.NLLOptions{
		Weight: l.Weight, IgnoreIndex: l.IgnoreIndex, IgnoreIndexSet: l.IgnoreIndexSet, Reduction: l.Reduction,
	})
}

// Name returns "nll".
func (NLLLoss) Name() string { return "nll" }

// String returns the name.
func (l NLLLoss) String() string { return l.Name() }

// TargetKind returns ClassIndexTargets.
func (NLLLoss) TargetKind() TargetKind { return ClassIndexTargets }

// Probabilities reads outputs as log-probabilities: exp of each.
func (NLLLoss) Probabilities(out *tensor.Tensor) *tensor.Tensor {
	return rowwise(out, expInPlace)
}
