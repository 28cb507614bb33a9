package optim_test

import (
	"fmt"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/optim"
	"github.com/nnlab/nnlab/tensor"
)

// Minimise (w - 3)² with SGD and momentum, the loop every trainer runs:
// forward, backward, step, zero the gradient.
func Example() {
	w := autograd.Param(tensor.New([]float64{0}, 1))
	target := autograd.Const(tensor.New([]float64{3}, 1))
	opt, err := optim.NewSGD([]*autograd.Var{w}, optim.SGDConfig{LR: 0.1, Momentum: 0.5})
	if err != nil {
		fmt.Println(err)
		return
	}
	for step := 1; step <= 40; step++ {
		loss := autograd.Sum(autograd.Square(autograd.Sub(w, target)))
		loss.Backward()
		opt.Step()
		opt.ZeroGrad()
		if step%10 == 0 {
			fmt.Printf("step %d: w = %.6f\n", step, w.Item())
		}
	}
	// Output:
	// step 10: w = 3.097636
	// step 20: w = 2.999160
	// step 30: w = 2.999937
	// step 40: w = 3.000003
}

// A schedule gives each epoch's rate; the trainer sets it before the epoch.
func ExampleLinearWarmup() {
	sched := optim.LinearWarmup{Epochs: 3, StartFactor: 0.25, Then: optim.CosineAnnealingLR{TMax: 4}}
	if err := sched.Validate(); err != nil {
		fmt.Println(err)
		return
	}
	for epoch := range 8 {
		fmt.Printf("epoch %d: lr %.4f\n", epoch, sched.LR(0.1, epoch))
	}
	// Output:
	// epoch 0: lr 0.0250
	// epoch 1: lr 0.0500
	// epoch 2: lr 0.0750
	// epoch 3: lr 0.1000
	// epoch 4: lr 0.0854
	// epoch 5: lr 0.0500
	// epoch 6: lr 0.0146
	// epoch 7: lr 0.0000
}

// Configuration mistakes come back as errors naming the field and value.
func ExampleNewAdam() {
	_, err := optim.NewAdam(nil, optim.AdamConfig{Betas: [2]float64{0.9, 1}})
	fmt.Println(err)
	// Output:
	// optim: AdamConfig.Betas[1] = 1: must be in [0, 1)
}

// Clip the gradients to a total norm of 1 before the step.
func ExampleClipGradNorm() {
	w := autograd.Param(tensor.New([]float64{1, 2}, 2))
	autograd.Sum(autograd.Scale(w, 10)).Backward() // gradient (10, 10)
	total := optim.ClipGradNorm([]*autograd.Var{w}, 1)
	fmt.Printf("norm before %.4f, gradient now %.4f\n", total, w.Grad().Data())
	// Output:
	// norm before 14.1421, gradient now [0.7071 0.7071]
}
