package autograd

import (
	"fmt"
	"math"

	"github.com/nnlab/nnlab/tensor"
)

// NLLLoss returns the negative log-likelihood of class indices under
// log-probabilities, as PyTorch's F.nll_loss: logProbs is [n, C] and target
// is [n], holding class indices in [0, C) as float64 integers (anything else
// panics naming the element). weight, if not nil, has one value per class;
// sample i's loss is -w[y_i]·logProbs[i, y_i]. ReduceNone gives [n];
// ReduceMean divides the sum by Σ_i w[y_i] (n without weights), so that the
// mean is over the samples' weights, as in PyTorch.
//
// logProbs would usually come from a log-softmax; [CrossEntropyLoss] fuses
// the two and is the stable choice for logits.
func NLLLoss(logProbs *Var, target *tensor.Tensor, weight []float64, r Reduction) *Var {
	const op = "NLLLoss"
	checkReduction(op, r)
	tp := tapeOf(logProbs)
	n, c := classShape(op, logProbs.value)
	checkClassWeight(op, weight, c)
	if target.Dims() != 1 || target.Len() != n {
		panic(fmt.Sprintf("autograd: %s: target %v does not hold one class index per row of input %v", op, target.Shape(), logProbs.Shape()))
	}
	t, x := target.Data(), logProbs.value.Data()
	den := 1.0
	if r == ReduceMean {
		den = targetWeightSum(op, t, weight, c)
	}
	out := classOutput(tp, r, n)
	od := out.Data()
	local, ld := localGrad(tp, logProbs)
	sum := 0.0
	for i, v := range t {
		y := classIndex(op, i, v, c)
		wy := classWeight(weight, y)
		l := -wy * x[i*c+y]
		if r == ReduceNone {
			od[i] = l
		}
		sum += l
		if ld != nil {
			ld[i*c+y] = -wy / den
		}
	}
	if r != ReduceNone {
		od[0] = sum / den
	}
	return lossResult(tp, out, logProbs, local)
}

// The helpers below are shared by NLLLoss and CrossEntropyLoss.

// classShape returns the rows and classes of a class-score input, which
// must be a matrix.
func classShape(op string, input *tensor.Tensor) (n, c int) {
	if input.Dims() != 2 {
		panic(fmt.Sprintf("autograd: %s: input %v is not [n, classes]", op, input.Shape()))
	}
	return input.Rows(), input.Cols()
}

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

// targetWeightSum returns Σ_i w[t_i], the denominator of PyTorch's weighted
// mean over class indices, validating every index on the way.
func targetWeightSum(op string, t, weight []float64, c int) float64 {
	if weight == nil {
		for i, v := range t {
			classIndex(op, i, v, c)
		}
		return float64(len(t))
	}
	s := 0.0
	for i, v := range t {
		s += weight[classIndex(op, i, v, c)]
	}
	return s
}

// classOutput allocates a class loss's result: [n] for none, a scalar
// otherwise.
func classOutput(tp *Tape, r Reduction, n int) *tensor.Tensor {
	if r == ReduceNone {
		return tp.zeros(n)
	}
	return tp.zeros()
}
