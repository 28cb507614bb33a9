package layer

import "github.com/nnlab/nnlab/autograd"

// Layer is one stage of a network: it maps a batch to a batch.
type Layer interface {
	Forward(x *autograd.Var) *autograd.Var
}

// Param is a trainable tensor with its name, local to its layer ("weight")
// or qualified by the layer's index in a Sequential ("0.weight").
type Param struct {
	Name string
	Var  *autograd.Var
}

// ParamLayer is a Layer that owns parameters. Layers without parameters,
// such as activations, need not implement it.
type ParamLayer interface {
	Layer
	Params() []Param
}
