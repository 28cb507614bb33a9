package optim

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/nnlab/nnlab/autograd"
)

// threeParams returns parameters of 37, 8 and 5 values: the kernels' four
// at a time and their remainders.
func threeParams() []*autograd.Var {
	rng := rand.New(rand.NewPCG(5, 6))
	return []*autograd.Var{newParam(randVals(rng, 37)), newParam(randVals(rng, 8), 2, 4), newParam(randVals(rng, 5))}
}

// setGrads gives every parameter of opt a gradient drawn from rng.
func setGrads(opt Optimizer, rng *rand.Rand) {
	for _, p := range opt.Params() {
		setGrad(p, randVals(rng, p.Value().Len()))
	}
}

// values copies the parameters' values.
func values(params []*autograd.Var) [][]float64 {
	v := make([][]float64, len(params))
	for i, p := range params {
		v[i] = append([]float64(nil), p.Value().Data()...)
	}
	return v
}

func sameValues(t *testing.T, what string, got, want [][]float64) {
	t.Helper()
	for i := range want {
		for j := range want[i] {
			if math.Float64bits(got[i][j]) != math.Float64bits(want[i][j]) {
				t.Fatalf("%s: parameter %d[%d] = %v, want %v", what, i, j, got[i][j], want[i][j])
			}
		}
	}
}

// TestGuardedStepMatchesStep checks that GuardedStep, which writes the new
// state into spare buffers and swaps them in, makes the same steps as
// Step, bit for bit.
func TestGuardedStepMatchesStep(t *testing.T) {
	for _, b := range builders {
		t.Run(b.name, func(t *testing.T) {
			opt, err := b.build(threeParams())
			mustNoErr(t, err)
			ref, err := b.build(threeParams())
			mustNoErr(t, err)
			r1, r2 := rand.New(rand.NewPCG(1, 2)), rand.New(rand.NewPCG(1, 2))
			for range 4 {
				setGrads(opt, r1)
				setGrads(ref, r2)
				mustNoErr(t, opt.(GuardedStepper).GuardedStep())
				ref.Step()
			}
			sameValues(t, "parameters", values(opt.Params()), values(ref.Params()))
			if !sameBits(opt.StateDict(), ref.StateDict()) {
				t.Fatal("state after GuardedStep differs from that after Step")
			}
		})
	}
}

// TestGuardedStepUndoes checks, for every optimizer, that a refused step
// leaves the parameters and the state bit for bit as they were, names
// the right parameter, and that the steps after it are those of a run in
// which it never happened.
func TestGuardedStepUndoes(t *testing.T) {
	type spoil struct {
		name     string
		apply    func(opt Optimizer) // after the gradients are set
		param    int
		gradient bool
	}
	spoils := []spoil{
		{"NaN gradient in the last", func(o Optimizer) { o.Params()[2].Grad().Data()[4] = math.NaN() }, 2, true},
		{"Inf gradient in the first", func(o Optimizer) { o.Params()[0].Grad().Data()[33] = math.Inf(-1) }, 0, true},
		// Every parameter's update overflows, and the second's gradient is
		// bad: the gradient is reported first.
		{"overflow and a bad gradient", func(o Optimizer) {
			o.SetLR(math.MaxFloat64)
			o.Params()[1].Grad().Data()[2] = math.Inf(1)
		}, 1, true},
		{"overflow", func(o Optimizer) { o.SetLR(math.MaxFloat64) }, 0, false},
	}
	for _, b := range builders {
		for _, sp := range spoils {
			t.Run(b.name+"/"+sp.name, func(t *testing.T) {
				opt, err := b.build(threeParams())
				mustNoErr(t, err)
				ref, err := b.build(threeParams())
				mustNoErr(t, err)
				gs := opt.(GuardedStepper)
				r1, r2 := rand.New(rand.NewPCG(3, 4)), rand.New(rand.NewPCG(3, 4))
				// Two steps in which only the first parameter has a
				// gradient, so that the refused step is the others' first.
				for range 2 {
					setGrad(opt.Params()[0], randVals(r1, 37))
					setGrad(ref.Params()[0], randVals(r2, 37))
					mustNoErr(t, gs.GuardedStep())
					ref.Step()
				}
				before, vals, lr := opt.StateDict(), values(opt.Params()), opt.LR()
				setGrads(opt, rand.New(rand.NewPCG(9, 9)))
				sp.apply(opt)
				err = gs.GuardedStep()
				var nf *NonFiniteError
				if !errors.As(err, &nf) || nf.Param != sp.param || nf.Gradient != sp.gradient || finite(nf.Value) {
					t.Fatalf("GuardedStep gave %v (%+v), want a NonFiniteError about parameter %d, gradient %v", err, nf, sp.param, sp.gradient)
				}
				opt.SetLR(lr)
				sameValues(t, "parameters after the refused step", values(opt.Params()), vals)
				if !sameBits(opt.StateDict(), before) {
					t.Fatalf("state after the refused step:\n%v\nwant\n%v", opt.StateDict(), before)
				}
				r1, r2 = rand.New(rand.NewPCG(5, 5)), rand.New(rand.NewPCG(5, 5))
				for range 3 {
					setGrads(opt, r1)
					setGrads(ref, r2)
					mustNoErr(t, gs.GuardedStep())
					ref.Step()
				}
				sameValues(t, "parameters after more steps", values(opt.Params()), values(ref.Params()))
				if !sameBits(opt.StateDict(), ref.StateDict()) {
					t.Fatal("steps after the refused one differ from those of a run without it")
				}
			})
		}
	}
}

// TestGuardedStepAllocatesNothing checks that GuardedStep allocates only
// on its first call.
func TestGuardedStepAllocatesNothing(t *testing.T) {
	for _, b := range builders {
		t.Run(b.name, func(t *testing.T) {
			opt, err := b.build(threeParams())
			mustNoErr(t, err)
			gs := opt.(GuardedStepper)
			setGrads(opt, rand.New(rand.NewPCG(1, 1)))
			mustNoErr(t, gs.GuardedStep())
			if n := testing.AllocsPerRun(20, func() { _ = gs.GuardedStep() }); n != 0 {
				t.Fatalf("%v allocations per GuardedStep", n)
			}
		})
	}
}
