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

// scaleJob multiplies x by a, a chunk of x per goroutine: a Job of one's
// own, cut by the goroutines' learned speeds.
type scaleJob struct {
	tensor.Split
	x []float64
	a float64
}

// Run scales the values of chunk i.
func (j *scaleJob) Run(i int) {
	lo, hi := j.Bounds(i)
	for k := lo; k < hi; k++ {
		j.x[k] *= j.a
	}
}

// ExampleParallelSplit runs a pass of one's own over every core. Each
// chunk computes the same thing wherever the cut falls, so the result
// does not depend on how the pool shares it out.
func ExampleParallelSplit() {
	x := make([]float64, 1<<16)
	for i := range x {
		x[i] = float64(i)
	}
	j := &scaleJob{x: x, a: 0.5}
	j.Cut(&x[0], len(x), tensor.Threads())
	tensor.ParallelSplit(j, &j.Split)
	fmt.Println(x[1], x[len(x)-1])
	// Output: 0.5 32767.5
}
