package autograd

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

func TestCrossEntropySplitSameBitsAnyThreads(t *testing.T) {
	// A class-index cross-entropy cut by rows over 1 to 8 goroutines, with
	// every reduction, class weights, label smoothing and ignored targets:
	// loss, per-sample losses and gradient have the bits of one goroutine,
	// and the rows really are cut up.
	old, oldThreads := ceSplitMin, tensor.Threads()
	ceSplitMin = 4
	defer func() { ceSplitMin = old; tensor.SetThreads(oldThreads) }()
	rng := rand.New(rand.NewPCG(71, 72))
	const n, c = 37, 5
	z := agUniform(rng, -4, 4, n, c)
	target := agClassTargets(rng, n, c)
	target.Data()[3], target.Data()[20] = -100, -100 // ignored
	for _, opts := range []CrossEntropyOptions{
		{},
		{Reduction: ReduceSum, LabelSmoothing: 0.1},
		{Reduction: ReduceNone, Weight: []float64{1, 2, 0.5, 3, 1}},
		{Weight: []float64{1, 2, 0.5, 3, 1}, LabelSmoothing: 0.3},
	} {
		var want [2][]float64
		for _, th := range []int{1, 2, 3, 8} {
			tensor.SetThreads(th)
			ceJobs = tensor.FreeList[ceJob]{}
			x := Param(z.Clone())
			loss := CrossEntropyLoss(x, target, opts)
			if split := ceJobs.Len() > 0; split != (th > 1) {
				t.Fatalf("%+v threads=%d: rows split: %v", opts, th, split)
			}
			Sum(loss).Backward()
			got := [2][]float64{loss.Value().Data(), x.Grad().Data()}
			if th == 1 {
				want = got
				continue
			}
			what := fmt.Sprintf("%+v threads=%d", opts, th)
			agBitsEqual(t, what+" loss", got[0], want[0])
			agBitsEqual(t, what+" gradient", got[1], want[1])
		}
	}
}

func TestCrossEntropySplitPanicsOnTheCaller(t *testing.T) {
	// A target that is no class index, in a batch large enough to split,
	// panics on the caller's goroutine, where it can be recovered, and
	// names the element.
	old, oldThreads := ceSplitMin, tensor.Threads()
	ceSplitMin = 4
	defer func() { ceSplitMin = old; tensor.SetThreads(oldThreads) }()
	tensor.SetThreads(2)
	rng := rand.New(rand.NewPCG(73, 74))
	target := agClassTargets(rng, 40, 3)
	target.Data()[33] = 3
	defer func() {
		r := recover()
		if msg, ok := r.(string); !ok || !strings.Contains(msg, "target[33] = 3") {
			t.Errorf("panic %v, want one naming target[33]", r)
		}
	}()
	CrossEntropyLoss(Param(agUniform(rng, -1, 1, 40, 3)), target, CrossEntropyOptions{Reduction: ReduceSum})
}
