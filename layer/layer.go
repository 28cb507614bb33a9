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

// RowsLayer is a Layer that can run on rows of its input picked by an
// index list without a gathered copy: ForwardRows(x, rows) is
// Forward(autograd.Rows(x, rows)), with its values and bits. A Sequential
// whose first layer is one hands ForwardRows its rows (Dense and
// Sequential are RowsLayers); any other first layer gets them gathered.
type RowsLayer interface {
	Layer
	ForwardRows(x *autograd.Var, rows []int) *autograd.Var
}
