package layer_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

// A network with dropout, numbered as nn.Sequential numbers it, drops in
// training mode and passes its input through in evaluation mode.
func ExampleMLPWithDropout() {
	model := layer.MLPWithDropout([]int{2, 4, 1}, layer.ReLU{}, 0.5, layer.HeNormal{}, rand.New(rand.NewPCG(1, 2)))
	model.SetSource(rand.NewPCG(3, 4)) // the masks' random numbers
	var names []string
	for _, p := range model.NamedParameters() {
		names = append(names, p.Name)
	}
	fmt.Println(names)
	x := tensor.New([]float64{1, 2}, 1, 2)
	model.Eval()
	a := model.Forward(autograd.Const(x)).Item()
	b := model.Predict(x).Item() // always in evaluation mode
	fmt.Println(a == b)
	// Output:
	// [0.weight 0.bias 3.weight 3.bias]
	// true
}

// A penalty joins a loss in one line.
func ExampleNewL2() {
	model := layer.MLP([]int{2, 1}, nil, layer.Constant{Value: 0.5}, nil) // bias 0
	x, y := tensor.New([]float64{1, 1}, 1, 2), tensor.New([]float64{1}, 1, 1)
	loss := layer.MSELoss{}.Forward(model.Forward(autograd.Const(x)), y) // (0.5+0.5-1)² = 0
	loss = layer.NewL2(model, 0.1).AddTo(loss)                           // + 0.1/2·(0.5²+0.5²)
	loss.Backward()
	fmt.Printf("loss %.3f, weight gradient %v\n", loss.Item(), model.Parameters()[0].Grad().Data())
	// Output:
	// loss 0.025, weight gradient [0.05 0.05]
}
