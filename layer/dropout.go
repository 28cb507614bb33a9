package layer

import (
	"fmt"
	"math/rand/v2"

	"github.com/nnlab/nnlab/autograd"
)

// ModeLayer is implemented by a layer that behaves differently while
// training and in evaluation, such as Dropout: Sequential.Train and
// Sequential.Eval switch every such layer, as PyTorch's module.train() and
// module.eval() do.
type ModeLayer interface {
	Layer
	// SetTraining puts the layer in training mode (true) or evaluation
	// mode (false).
	SetTraining(training bool)
}

// RandomLayer is implemented by a layer that draws random numbers in
// training mode, such as Dropout. Sequential.SetSource hands one source to
// all of them, so that a run seeded once is the same every time, and a
// trainer that saves the source's state can resume bit for bit.
type RandomLayer interface {
	Layer
	// SetSource makes the layer draw from src.
	SetSource(src rand.Source)
}

// Dropout is nn.Dropout: in training mode it zeroes each element with
// probability P and scales the others by 1/(1-P) (see autograd.Dropout);
// in evaluation mode it passes its input through unchanged. A new Dropout
// is in training mode, as a new PyTorch module is. It has no parameters,
// but like nn.Dropout it takes an index in a Sequential, so the state-dict
// names of Linear, ReLU, Dropout, Linear are 0.weight and 3.weight.
type Dropout struct {
	P    float64
	eval bool
	src  rand.Source
}

var (
	_ ModeLayer   = (*Dropout)(nil)
	_ RandomLayer = (*Dropout)(nil)
)

// NewDropout returns nn.Dropout(p) in training mode, without a random
// source yet: give it one with SetSource, directly or through its
// Sequential (train.Trainer does, from its Seed). It panics unless p is in
// [0, 1].
func NewDropout(p float64) *Dropout {
	if !(p >= 0 && p <= 1) {
		panic(fmt.Sprintf("layer: NewDropout: p = %v must be in [0, 1]", p))
	}
	return &Dropout{P: p}
}

// Forward applies dropout in training mode and returns x itself in
// evaluation mode. In training mode with 0 < P < 1 it panics if the layer
// has no source.
func (d *Dropout) Forward(x *autograd.Var) *autograd.Var {
	if d.eval {
		return x
	}
	return autograd.Dropout(x, d.P, d.src)
}

// SetTraining switches between training (true) and evaluation mode.
func (d *Dropout) SetTraining(training bool) { d.eval = !training }

// Training reports whether the layer is in training mode.
func (d *Dropout) Training() bool { return !d.eval }

// SetSource makes the layer draw its masks from src.
func (d *Dropout) SetSource(src rand.Source) { d.src = src }

// String describes the layer as PyTorch prints nn.Dropout.
func (d *Dropout) String() string { return fmt.Sprintf("Dropout(p=%g, inplace=False)", d.P) }
