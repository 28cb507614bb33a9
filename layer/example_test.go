package layer_test

import (
	"fmt"
	"math/rand/v2"
	"sort"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

// ExampleMLP builds a 2-16-8-1 network with a seeded generator, lists its
// state-dict names (those of PyTorch's nn.Sequential) and runs a batch.
func ExampleMLP() {
	act, err := layer.ParseActivation("leaky_relu:0.1")
	if err != nil {
		panic(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	net := layer.MLP([]int{2, 16, 8, 1}, act, layer.HeUniform{}, rng)
	for _, p := range net.NamedParameters() {
		fmt.Println(p.Name, p.Var.Shape())
	}
	x := tensor.New([]float64{0.5, -1, 2, 0.25, 0, 1}, 3, 2)
	y := net.Forward(autograd.Const(x))
	fmt.Println("output shape:", y.Shape())
	fmt.Println(net)
	// Output:
	// 0.weight [16 2]
	// 0.bias [16]
	// 2.weight [8 16]
	// 2.bias [8]
	// 4.weight [1 8]
	// 4.bias [1]
	// output shape: [3 1]
	// Sequential(
	//   (0): Dense(in_features=2, out_features=16)
	//   (1): leaky_relu:0.1
	//   (2): Dense(in_features=16, out_features=8)
	//   (3): leaky_relu:0.1
	//   (4): Dense(in_features=8, out_features=1)
	// )
}

// ExampleSequential_StateDict copies one model's weights into another by
// name, as load_state_dict does in PyTorch.
func ExampleSequential_StateDict() {
	a := layer.MLP([]int{3, 4, 2}, layer.Tanh{}, nil, rand.New(rand.NewPCG(1, 1)))
	b := layer.MLP([]int{3, 4, 2}, layer.Tanh{}, nil, rand.New(rand.NewPCG(2, 2)))
	sd := a.StateDict()
	names := make([]string, 0, len(sd))
	for k := range sd {
		names = append(names, k)
	}
	sort.Strings(names)
	fmt.Println(names)
	if err := b.LoadStateDict(sd); err != nil {
		panic(err)
	}
	x := tensor.New([]float64{1, 2, 3}, 1, 3)
	fmt.Println(a.Predict(x).Data()[0] == b.Predict(x).Data()[0])
	delete(sd, "2.bias")
	fmt.Println(b.LoadStateDict(sd))
	// Output:
	// [0.bias 0.weight 2.bias 2.weight]
	// true
	// load state dict: missing "2.bias"
}

// ExampleParseActivation reads activation specs as a command line or a
// checkpoint gives them.
func ExampleParseActivation() {
	for _, spec := range []string{"relu", "leaky_relu:0.2", "softplus:2", "softplus:0", "relu:2"} {
		a, err := layer.ParseActivation(spec)
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Printf("%s -> %#v\n", a, a)
	}
	// Output:
	// relu -> layer.ReLU{}
	// leaky_relu:0.2 -> layer.LeakyReLU{NegativeSlope:0.2}
	// softplus:2 -> layer.Softplus{Beta:2, Threshold:20}
	// error: activation "softplus:0": beta must not be 0 (it divides by beta), got 0
	// error: activation "relu" takes no parameters, got "2"
}
