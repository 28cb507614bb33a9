package autograd_test

import (
	"fmt"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/tensor"
)

// Example differentiates y = sum(w ⊙ x + w²) with respect to w, a value
// used twice: its gradient x + 2w gathers both uses.
func Example() {
	w := autograd.Param(tensor.New([]float64{1, -2, 3}, 3))
	x := autograd.Const(tensor.New([]float64{0.5, 4, -1}, 3))
	y := autograd.Sum(autograd.Add(autograd.Mul(w, x), autograd.Square(w)))
	y.Backward()
	fmt.Println("y =", y.Item())
	fmt.Println("dy/dw =", w.Grad().Data())
	fmt.Println("x needs a gradient:", x.RequiresGrad(), x.Grad() == nil)
	// Output:
	// y = 3.5
	// dy/dw = [2.5 0 5]
	// x needs a gradient: false true
}

// ExampleGradCheck checks a hand-written derivative against finite
// differences: a correct one agrees to about 1e-10, a wrong one does not.
func ExampleGradCheck() {
	x := tensor.New([]float64{0.5, 1, 2}, 3)
	cube := autograd.Funcs{
		F:  func(x float64) float64 { return x * x * x },
		DF: func(x, _ float64) float64 { return 3 * x * x },
	}
	wrong := autograd.Funcs{F: cube.F, DF: func(x, _ float64) float64 { return 2 * x * x }}
	for _, f := range []autograd.Funcs{cube, wrong} {
		res, err := autograd.GradCheck(func(in ...*autograd.Var) *autograd.Var {
			return autograd.Sum(autograd.Elementwise(in[0], f))
		}, 0, x)
		if err != nil {
			panic(err)
		}
		fmt.Println(res.MaxRelErr < 1e-6)
	}
	// Output:
	// true
	// false
}

// ExampleInference runs a forward pass that records no graph, as under
// PyTorch's torch.no_grad().
func ExampleInference() {
	w := autograd.Param(tensor.New([]float64{2, 0, 0, 3}, 2, 2))
	x := autograd.Inference(tensor.New([]float64{1, 1}, 1, 2))
	y := autograd.Linear(x, w, nil)
	fmt.Println(y.Value().Data(), y.RequiresGrad())
	// Output: [2 3] false
}
