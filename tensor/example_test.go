package tensor_test

import (
	"fmt"

	"github.com/nnlab/nnlab/tensor"
)

// ExampleMatMul computes a dense layer's output x·Wᵀ + b into a reused
// buffer: the transpose is a flag, and the bias is broadcast over rows.
func ExampleMatMul() {
	x := tensor.New([]float64{1, 2, 3, 4, 5, 6}, 2, 3) // a batch of 2 inputs
	w := tensor.New([]float64{1, 0, -1, 0.5, 0.5, 0.5}, 2, 3)
	b := tensor.New([]float64{10, 20}, 2)
	y := tensor.Zeros(2, 2)
	tensor.MatMul(y, x, w, false, true, 1, 0)
	tensor.AddRowVector(y, y, b)
	fmt.Println(y)
	fmt.Println(tensor.ArgmaxRows(y))
	// Output:
	// Tensor[2 2][8 23 8 27.5]
	// [1 1]
}
