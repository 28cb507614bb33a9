package layer

import (
	"fmt"
	"math/rand/v2"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/tensor"
)

// Dense is a fully connected layer, PyTorch's nn.Linear: y = x·Wᵀ + b with
// W of shape [out, in] and b of shape [out].
type Dense struct {
	Weight *autograd.Var
	Bias   *autograd.Var
}

// NewDense returns a Dense layer from in to out features, initialised by
// init with draws from rng. It panics unless both sizes are positive.
func NewDense(in, out int, init Initializer, rng *rand.Rand) *Dense {
	if in <= 0 || out <= 0 {
		panic(fmt.Sprintf("layer: NewDense: sizes %d -> %d must be positive", in, out))
	}
	w, b := tensor.Zeros(out, in), tensor.Zeros(out)
	if init == nil {
		init = TorchDefault{}
	}
	init.Init(w, b, rng)
	return &Dense{Weight: autograd.Param(w), Bias: autograd.Param(b)}
}

// In returns the number of input features.
func (d *Dense) In() int { return d.Weight.Value().Cols() }

// Out returns the number of output features.
func (d *Dense) Out() int { return d.Weight.Value().Rows() }

// Forward returns x·Wᵀ + b for a batch x of shape [n, in], or for one
// input of shape [in]. It panics, naming x's shape and the weight's, if x
// is neither.
func (d *Dense) Forward(x *autograd.Var) *autograd.Var {
	if xs, ws := x.Shape(), d.Weight.Shape(); len(xs) < 1 || len(xs) > 2 || len(ws) != 2 || xs[len(xs)-1] != ws[1] {
		panic(fmt.Sprintf("layer: Dense.Forward: input %v does not fit weight %v ([out, in])", xs, ws))
	}
	return autograd.Linear(x, d.Weight, d.Bias)
}

// ForwardRows returns Forward(autograd.Rows(x, rows)), the layer on the
// rows of x that rows picks: the batch x[idx] of a data set x. They are
// read in place (autograd.LinearRows) unless x requires a gradient, which
// only gathered rows pass back. It panics as Forward does for a matrix
// x[rows], and if an index is out of range.
func (d *Dense) ForwardRows(x *autograd.Var, rows []int) *autograd.Var {
	if x.RequiresGrad() {
		return d.Forward(autograd.Rows(x, rows))
	}
	if xs, ws := x.Shape(), d.Weight.Shape(); len(xs) != 2 || len(ws) != 2 || xs[1] != ws[1] {
		panic(fmt.Sprintf("layer: Dense.ForwardRows: input %v does not fit weight %v ([out, in])", xs, ws))
	}
	return autograd.LinearRows(x, rows, d.Weight, d.Bias)
}

// Params returns the weight and the bias, named as in nn.Linear.
func (d *Dense) Params() []Param {
	return []Param{{"weight", d.Weight}, {"bias", d.Bias}}
}

// String describes the layer as PyTorch prints nn.Linear.
func (d *Dense) String() string {
	return fmt.Sprintf("Dense(in_features=%d, out_features=%d)", d.In(), d.Out())
}
