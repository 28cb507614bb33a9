package optim

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/tensor"
)

// withSplit splits parameters of at least minElems elements over threads
// goroutines for the rest of the test.
func withSplit(t *testing.T, minElems, threads int) {
	oldMin, oldThreads := splitMinElems, tensor.Threads()
	splitMinElems = minElems
	tensor.SetThreads(threads)
	t.Cleanup(func() {
		splitMinElems = oldMin
		tensor.SetThreads(oldThreads)
	})
}

// chunksRun returns the most chunks any of opt's updates was last cut into.
func chunksRun(opt Optimizer) int {
	var s *splitJobs
	switch o := opt.(type) {
	case *SGD:
		s = &o.split
	case *Adam:
		s = &o.split
	case *AdamW:
		s = &o.split
	case *RMSprop:
		s = &o.split
	}
	return max(s.adam.Chunks(), s.rmsprop.Chunks(), s.sgd.Chunks())
}

// splitRun makes steps of b's optimizer over threeParams, guarded or not,
// on threads goroutines, and returns the parameters and the state.
func splitRun(t *testing.T, build func() (Optimizer, error), threads int, guarded bool) ([][]float64, map[string][]float64, int) {
	withSplit(t, 4, threads)
	opt, err := build()
	mustNoErr(t, err)
	rng := rand.New(rand.NewPCG(7, 8))
	for range 4 {
		setGrads(opt, rng)
		if guarded {
			mustNoErr(t, opt.(GuardedStepper).GuardedStep())
		} else {
			opt.Step()
		}
	}
	state := map[string][]float64{}
	for k, v := range opt.StateDict() {
		state[k] = append([]float64(nil), v.Data()...)
	}
	return values(opt.Params()), state, chunksRun(opt)
}

func TestSplitUpdateSameBitsAnyThreads(t *testing.T) {
	// Every optimizer's update cut into chunks over 2 to 8 goroutines
	// gives the bits of the update on one, parameters and state, and is
	// really cut up.
	for _, b := range builders {
		build := func() (Optimizer, error) { return b.build(threeParams()) }
		for _, guarded := range []bool{false, true} {
			wantP, wantS, _ := splitRun(t, build, 1, guarded)
			for _, th := range []int{2, 3, 4, 8} {
				what := fmt.Sprintf("%s guarded=%v threads=%d", b.name, guarded, th)
				gotP, gotS, chunks := splitRun(t, build, th, guarded)
				sameValues(t, what, gotP, wantP)
				if len(gotS) != len(wantS) {
					t.Fatalf("%s: %d state entries, want %d", what, len(gotS), len(wantS))
				}
				for k, v := range wantS {
					sameValues(t, what+" state "+k, [][]float64{gotS[k]}, [][]float64{v})
				}
				if chunks < 2 {
					t.Fatalf("%s: updates ran in %d chunk(s), want them split", what, chunks)
				}
			}
		}
	}
}

func TestSplitGuardedStepReportsInParameterOrder(t *testing.T) {
	// With bad values in several chunks of several parameters, the one
	// reported is the first in parameter order whatever chunk finishes
	// first, and the step is undone whole.
	for _, th := range []int{1, 2, 3, 4, 8} {
		withSplit(t, 4, th)
		opt, err := builders[2].build(threeParams())
		mustNoErr(t, err)
		setGrads(opt, rand.New(rand.NewPCG(1, 1)))
		mustNoErr(t, opt.(GuardedStepper).GuardedStep())
		vals := values(opt.Params())
		setGrads(opt, rand.New(rand.NewPCG(2, 2)))
		g0, g1 := opt.Params()[0].Grad().Data(), opt.Params()[1].Grad().Data()
		g0[35], g0[9], g1[1] = math.NaN(), math.Inf(-1), math.Inf(1)
		err = opt.(GuardedStepper).GuardedStep()
		var nf *NonFiniteError
		if !errors.As(err, &nf) || nf.Param != 0 || !nf.Gradient || !math.IsInf(nf.Value, -1) {
			t.Fatalf("threads=%d: GuardedStep gave %v, want parameter 0's gradient -Inf", th, err)
		}
		sameValues(t, fmt.Sprintf("threads=%d: parameters after the refused step", th), values(opt.Params()), vals)
	}
}

func TestSplitGuardedStepAllocatesNothing(t *testing.T) {
	withSplit(t, 4, 4)
	for _, b := range builders {
		opt, err := b.build(threeParams())
		mustNoErr(t, err)
		gs := opt.(GuardedStepper)
		setGrads(opt, rand.New(rand.NewPCG(1, 1)))
		mustNoErr(t, gs.GuardedStep())
		if n := testing.AllocsPerRun(20, func() { _ = gs.GuardedStep(); opt.Step() }); n != 0 {
			t.Fatalf("%s: %v allocations per split step", b.name, n)
		}
	}
}

// BenchmarkAdamSplit is one Adam GuardedStep over a parameter of n
// elements, whole (threads=1) or cut in two: where cutting starts to pay
// sets splitMinElems.
func BenchmarkAdamSplit(b *testing.B) {
	for _, n := range []int{4096, 8192, 16384, 32768, 65536, 200704, 1 << 20} {
		for _, th := range []int{1, 2} {
			b.Run(fmt.Sprintf("n=%d/threads=%d", n, th), func(b *testing.B) {
				oldMin, oldThreads := splitMinElems, tensor.Threads()
				splitMinElems = n / 2
				tensor.SetThreads(th)
				defer func() { splitMinElems = oldMin; tensor.SetThreads(oldThreads) }()
				rng := rand.New(rand.NewPCG(1, 2))
				p := newParam(randVals(rng, n))
				setGrad(p, randVals(rng, n))
				opt, err := NewAdam([]*autograd.Var{p}, DefaultAdamConfig())
				mustNoErr(b, err)
				for i := 0; i < b.N; i++ {
					if err := opt.GuardedStep(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
