package layer

import (
	"fmt"
	"math"
	"strings"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/tensor"
)

// Penalty is a regularisation term over a model's weights that a training
// step adds to its loss. train.Trainer takes a list of them and records
// their sum apart from the data loss; a loop of one's own adds one in a
// line:
//
//	loss = layer.NewL2(model, 1e-4).AddTo(loss)
type Penalty interface {
	// AddTo returns loss + the penalty, recorded on loss's graph (and
	// tape, so that a step on a tape allocates nothing). loss must be a
	// one-element Var.
	AddTo(loss *autograd.Var) *autograd.Var
	// Value returns the penalty at the weights' current values.
	Value() float64
}

var (
	_ Penalty = L1{}
	_ Penalty = L2{}
)

// L1 is the penalty Lambda·Σ|w| over Weights, the lasso term that pulls
// weights towards zero (with plain gradient steps they hover around zero
// rather than land on it, as in PyTorch). Its gradient is Lambda·sign(w), 0 at w = 0, as
// PyTorch's autograd gives for lambda * w.abs().sum().
type L1 struct {
	Lambda  float64
	Weights []*autograd.Var
}

// NewL1 returns the L1 penalty with factor lambda over the weights of
// model, not its biases (see Weights). It panics unless lambda is finite
// and non-negative.
func NewL1(model *Sequential, lambda float64) L1 {
	checkLambda("NewL1", lambda)
	return L1{Lambda: lambda, Weights: Weights(model)}
}

// AddTo returns loss + Lambda·Σ|w|.
func (p L1) AddTo(loss *autograd.Var) *autograd.Var {
	for _, w := range p.Weights {
		loss = autograd.AddL1(loss, w, p.Lambda)
	}
	return loss
}

// Value returns Lambda·Σ|w|.
func (p L1) Value() float64 {
	s := 0.0
	for _, w := range p.Weights {
		for _, v := range w.Value().Data() {
			s += math.Abs(v)
		}
	}
	return p.Lambda * s
}

// String describes the penalty as "l1(λ)".
func (p L1) String() string { return fmt.Sprintf("l1(%g)", p.Lambda) }

// L2 is the penalty (Lambda/2)·Σw² over Weights, weight decay written
// into the loss. Its gradient is Lambda·w, as PyTorch's autograd gives for
// lambda / 2 * (w ** 2).sum(); with plain SGD it is the optimizer's
// weight_decay = Lambda applied to the weights only.
type L2 struct {
	Lambda  float64
	Weights []*autograd.Var
}

// NewL2 returns the L2 penalty with factor lambda over the weights of
// model, not its biases (see Weights). It panics unless lambda is finite
// and non-negative.
func NewL2(model *Sequential, lambda float64) L2 {
	checkLambda("NewL2", lambda)
	return L2{Lambda: lambda, Weights: Weights(model)}
}

// AddTo returns loss + (Lambda/2)·Σw².
func (p L2) AddTo(loss *autograd.Var) *autograd.Var {
	for _, w := range p.Weights {
		loss = autograd.AddL2(loss, w, p.Lambda)
	}
	return loss
}

// Value returns (Lambda/2)·Σw².
func (p L2) Value() float64 {
	s := 0.0
	for _, w := range p.Weights {
		for _, v := range w.Value().Data() {
			s += float64(v * v)
		}
	}
	return p.Lambda / 2 * s
}

// String describes the penalty as "l2(λ)".
func (p L2) String() string { return fmt.Sprintf("l2(%g)", p.Lambda) }

// L1Penalty returns the Var lambda·Σ|w| over the weights of model, to add
// to a loss: autograd.Add(loss, layer.L1Penalty(model, 1e-3)). It
// allocates on every call; NewL1(...).AddTo(loss) does the same on the
// loss's tape without allocating.
func L1Penalty(model *Sequential, lambda float64) *autograd.Var {
	return NewL1(model, lambda).AddTo(autograd.Const(tensor.Zeros()))
}

// L2Penalty returns the Var (lambda/2)·Σw² over the weights of model, as
// L1Penalty does for L1.
func L2Penalty(model *Sequential, lambda float64) *autograd.Var {
	return NewL2(model, lambda).AddTo(autograd.Const(tensor.Zeros()))
}

// Weights returns the parameters of model named "weight" in their layer
// (state-dict names ending in ".weight"), in order: the weights that a
// penalty covers, leaving out the biases, as TensorFlow Playground and the
// usual practice do.
func Weights(model *Sequential) []*autograd.Var {
	var out []*autograd.Var
	for _, p := range model.NamedParameters() {
		if p.Name == "weight" || strings.HasSuffix(p.Name, ".weight") {
			out = append(out, p.Var)
		}
	}
	return out
}

func checkLambda(op string, lambda float64) {
	if !(lambda >= 0) || math.IsInf(lambda, 0) {
		panic(fmt.Sprintf("layer: %s: lambda = %v must be non-negative and finite", op, lambda))
	}
}
