package autograd

import (
	"fmt"
	"math"

	"github.com/nnlab/nnlab/tensor"
)

// NLLOptions are the settings of [NLLLoss]; the zero value is PyTorch's
// default: no class weights, ignore_index -100, mean.
type NLLOptions struct {
	// Weight, if not nil, has one weight per class.
	Weight []float64
	// IgnoreIndex and IgnoreIndexSet are PyTorch's ignore_index, as in
	// [CrossEntropyOptions]: a target equal to it contributes nothing and
	// is left out of the mean; the zero value stands for -100 unless
	// IgnoreIndexSet is true.
	IgnoreIndex    int
	IgnoreIndexSet bool
	// Reduction combines the per-sample losses.
	Reduction Reduction
}

// NLLLoss returns the negative log-likelihood of class indices under
// log-probabilities, as PyTorch's F.nll_loss. logProbs is a batch [n, C],
// one sample [C], or a K-dimensional batch [n, C, d1, ..., dK]; target has
// its shape without the class dimension and holds class indices in [0, C)
// as float64 integers, or the ignore index (anything else panics naming the
// element). Position i's loss is -w[y_i]·logProbs[i, y_i], 0 where y_i is
// ignored. ReduceNone gives one loss per position, shaped like target;
// ReduceMean divides the sum by Σ w[y_i] over the positions not ignored (so
// the mean is over the samples' weights, as in PyTorch, and NaN if all are
// ignored).
//
// logProbs would usually come from a log-softmax; [CrossEntropyLoss] fuses
// the two and is the stable choice for logits.
//
// NLLLoss panics, naming the shapes, if logProbs has no class dimension,
// target does not have its shape without it, or Weight does not have one
// value per class, and also for a class index out of range or a Reduction
// out of range.
func NLLLoss(logProbs *Var, target *tensor.Tensor, opts NLLOptions) *Var {
	const op = "NLLLoss"
	weight, r := opts.Weight, opts.Reduction
	checkReduction(op, r)
	tp := tapeOf(logProbs)
	l := classLayoutOf(op, logProbs.value)
	c := l.c
	checkClassWeight(op, weight, c)
	classTarget(op, target, logProbs.value, l)
	ignore := ignoredTarget(opts.IgnoreIndex, opts.IgnoreIndexSet)
	in := classesLast(tp, logProbs, l)
	t, x := target.Data(), in.value.Data()
	den := 1.0
	if r == ReduceMean {
		den = targetWeightSum(op, t, weight, c, ignore)
	}
	out := classOutput(tp, r, l)
	od := out.Data()
	local, ld := localGrad(tp, in)
	sum := 0.0
	for i, v := range t {
		if v == ignore {
			continue
		}
		y := classIndex(op, i, v, c)
		wy := classWeight(weight, y)
		loss := float64(-wy * x[i*c+y])
		if r == ReduceNone {
			od[i] = loss
		}
		sum += loss
		if ld != nil {
			ld[i*c+y] = -wy / den
		}
	}
	if r != ReduceNone {
		od[0] = sum / den
	}
	return lossResult(tp, out, in, local)
}

// The helpers below are shared by NLLLoss and CrossEntropyLoss.

// checkClassWeight panics unless weight is nil or has one value per class.
func checkClassWeight(op string, weight []float64, c int) {
	if weight != nil && len(weight) != c {
		panic(fmt.Sprintf("autograd: %s: weight has %d values for %d classes", op, len(weight), c))
	}
}

// classIndex returns the class index that target element i holds, panicking
// unless it is an integer in [0, c): labels that are not classes mean a bug
// upstream, and truncating them would hide it.
func classIndex(op string, i int, v float64, c int) int {
	if v != math.Trunc(v) || v < 0 || v >= float64(c) {
		panic(fmt.Sprintf("autograd: %s: target[%d] = %g is not a class index in [0, %d)", op, i, v, c))
	}
	return int(v)
}

// classWeight returns the weight of class y, 1 without weights.
func classWeight(weight []float64, y int) float64 {
	if weight == nil {
		return 1
	}
	return weight[y]
}

// targetWeightSum returns Σ_i w[t_i] over the targets not equal to ignore,
// the denominator of PyTorch's weighted mean over class indices,
// validating every index on the way.
func targetWeightSum(op string, t, weight []float64, c int, ignore float64) float64 {
	s := 0.0
	for i, v := range t {
		if v == ignore {
			continue
		}
		s += classWeight(weight, classIndex(op, i, v, c))
	}
	return s
}
