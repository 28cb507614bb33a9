package autograd_test

import (
	"fmt"
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/tensor"
)

// ExampleTape fits y = 2x by gradient descent, each step on a tape that the
// next step resets: after the first, the steps allocate nothing.
func ExampleTape() {
	w := autograd.Param(tensor.New([]float64{0.5}, 1, 1))
	x := tensor.New([]float64{1, 2, 3}, 3, 1)
	y := tensor.New([]float64{2, 4, 6}, 3, 1)
	var tape autograd.Tape
	step := func() float64 {
		tape.Reset()
		w.ZeroGrad()
		loss := autograd.MSELoss(autograd.Linear(tape.Const(x), w, nil), y, autograd.ReduceMean)
		loss.Backward()
		tensor.AddScaled(w.Value(), -0.1, w.Grad())
		return loss.Item()
	}
	for i := range 3 {
		fmt.Printf("step %d: loss %.4f\n", i+1, step())
	}
	fmt.Println("allocations per further step:", testing.AllocsPerRun(10, func() { step() }))
	// Output:
	// step 1: loss 10.5000
	// step 2: loss 0.0467
	// step 3: loss 0.0002
	// allocations per further step: 0
}
