package layer_test

import (
	"fmt"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

// smoothCE is a user's loss: cross-entropy with label smoothing of 0.1,
// which says what it is to package train by embedding CrossEntropyLoss
// (its targets and its reading of the outputs) and naming itself.
type smoothCE struct{ layer.CrossEntropyLoss }

func (smoothCE) Name() string { return "smooth_ce" }

func (smoothCE) Forward(x *autograd.Var, y *tensor.Tensor) *autograd.Var {
	return layer.CrossEntropyLoss{LabelSmoothing: 0.1}.Forward(x, y)
}

// ExampleRegisterLoss registers a user's loss, so that a model trained
// with it can be saved and loaded by name, and reads it back by name.
func ExampleRegisterLoss() {
	layer.RegisterLoss(layer.LossSpec{Name: "smooth_ce", Doc: "cross-entropy, label smoothing 0.1",
		New: func() layer.Loss { return smoothCE{} }})
	l, err := layer.ParseLoss("Smooth_CE")
	if err != nil {
		panic(err)
	}
	kind, _ := layer.LossTargetKind(l)
	name, _ := layer.LossName(l)
	fmt.Printf("%T: %s, targets %v\n", l, name, kind)
	p, _ := layer.LossProbabilityReader(l)
	fmt.Println(p.Probabilities(tensor.New([]float64{0, 0}, 1, 2)).Data())
	// Output:
	// layer_test.smoothCE: smooth_ce, targets class_indices
	// [0.5 0.5]
}
