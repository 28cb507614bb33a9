package autograd_test

import (
	"math"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/tensor"
)

// TestPenaltiesByHand checks value and gradients, with a zero weight
// (whose L1 gradient is 0, as PyTorch's sign(0)).
func TestPenaltiesByHand(t *testing.T) {
	const lambda = 0.25
	w := autograd.Param(tensor.New([]float64{0, 1.5, -2, 0.5}, 2, 2))
	acc := autograd.Param(tensor.New([]float64{3}))
	l1 := autograd.AddL1(acc, w, lambda)
	if got, want := l1.Item(), 3+lambda*4.0; got != want {
		t.Errorf("AddL1 = %v, want %v", got, want)
	}
	autograd.Scale(l1, 2).Backward()
	if got, want := w.Grad().Data(), []float64{0, 0.5, -0.5, 0.5}; !closeSlices(got, want, 0) {
		t.Errorf("AddL1 weight gradient %v, want %v", got, want)
	}
	if got := acc.Grad().Item(); got != 2 {
		t.Errorf("AddL1 acc gradient %v, want 2", got)
	}
	w.ZeroGrad()
	acc.ZeroGrad()
	l2 := autograd.AddL2(acc, w, lambda)
	if got, want := l2.Item(), 3+lambda/2*(2.25+4+0.25); got != want {
		t.Errorf("AddL2 = %v, want %v", got, want)
	}
	autograd.Scale(l2, 2).Backward()
	if got, want := w.Grad().Data(), []float64{0, 0.75, -1, 0.25}; !closeSlices(got, want, 0) {
		t.Errorf("AddL2 weight gradient %v, want %v", got, want)
	}
	if got := acc.Grad().Item(); got != 2 {
		t.Errorf("AddL2 acc gradient %v, want 2", got)
	}
}

func TestPenaltiesGradCheck(t *testing.T) {
	w := tensor.New([]float64{0.3, -1.2, 2, -0.7, 0.9, 1.1}, 2, 3)
	acc := tensor.New([]float64{0.5}, 1)
	for name, f := range map[string]func(in ...*autograd.Var) *autograd.Var{
		"AddL1": func(in ...*autograd.Var) *autograd.Var { return autograd.AddL1(in[0], in[1], 0.3) },
		"AddL2": func(in ...*autograd.Var) *autograd.Var { return autograd.AddL2(in[0], in[1], 0.3) },
		"chained": func(in ...*autograd.Var) *autograd.Var {
			return autograd.AddL2(autograd.AddL1(in[0], in[1], 0.1), in[1], 0.7)
		},
	} {
		res, err := autograd.GradCheck(f, 0, acc, w)
		if err != nil || res.MaxRelErr > 1e-7 {
			t.Errorf("%s: %v %v", name, res, err)
		}
	}
}

func TestPenaltiesPanic(t *testing.T) {
	w := autograd.Param(tensor.Zeros(2))
	cases := map[string]func(){
		"autograd: AddL1: acc has shape [2], want one element": func() { autograd.AddL1(w, w, 1) },
		"autograd: AddL2: lambda = -1 must be non-negative":    func() { autograd.AddL2(autograd.Const(tensor.Zeros()), w, -1) },
		"autograd: AddL1: lambda = +Inf must be":               func() { autograd.AddL1(autograd.Const(tensor.Zeros()), w, math.Inf(1)) },
	}
	for want, f := range cases {
		func() {
			defer func() {
				if r, _ := recover().(string); !strings.HasPrefix(r, want) {
					t.Errorf("panic %q, want %q", r, want)
				}
			}()
			f()
		}()
	}
}

// TestPenaltyOnTapeAllocatesNothing adds both penalties to a loss on a
// tape: from the second step on, nothing is allocated.
func TestPenaltyOnTapeAllocatesNothing(t *testing.T) {
	w := autograd.Param(tensor.New([]float64{1, -2, 0, 3}, 2, 2))
	x := tensor.New([]float64{1, 2, 3, 4}, 2, 2)
	y := tensor.Zeros(2, 2)
	var tape autograd.Tape
	step := func() {
		tape.Reset()
		loss := autograd.MSELoss(autograd.MatMul(tape.Const(x), w), y, autograd.ReduceMean)
		loss = autograd.AddL2(autograd.AddL1(loss, w, 0.1), w, 0.2)
		w.ZeroGrad()
		loss.Backward()
	}
	step()
	if n := testing.AllocsPerRun(50, step); n != 0 {
		t.Errorf("a step with penalties allocates %v times, want 0", n)
	}
}
