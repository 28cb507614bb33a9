package autograd

import (
	"fmt"
	"math"

	"github.com/nnlab/nnlab/internal/fmath"
	"github.com/nnlab/nnlab/tensor"
)

// bceEpsilon bounds the denominator x(1-x) of the BCE gradient away from 0,
// as PyTorch's EPSILON in Loss.cpp does, so that a saturated probability
// gives a huge but finite gradient. PyTorch 1.13 declares it as a C++
// float (constexpr float EPSILON = 1e-12), so the double kernel divides by
// float32(1e-12) = 9.999999960041972e-13, not by 1e-12: at a saturated
// probability the two gradients differ by 4e-9 relative, beyond the
// conformance tolerance.
const bceEpsilon = float64(float32(1e-12))

// BCELoss returns the binary cross-entropy of probabilities,
// -w·(y·log x + (1-y)·log(1-x)), reduced by r, as PyTorch's
// F.binary_cross_entropy. input holds probabilities in [0, 1] (an element
// outside panics; NaN passes through so that a diverged model shows a NaN
// loss); target has input's shape. weight, which may be nil, rescales each
// element; it has input's shape or broadcasts over it as in PyTorch (such
// as [C] or [n, 1] for an [n, C] input). The mean divides by the number of
// elements, not by the weights.
//
// Like PyTorch, each log is clamped at -100 so that a probability of exactly
// 0 or 1 gives a loss of at most 100 rather than infinity, and the gradient
// w·(x-y)/max(x(1-x), ε) stays finite (ε is PyTorch's float 1e-12). For raw
// scores, prefer the more stable [BCEWithLogitsLoss].
//
// BCELoss panics, naming the shapes, if target does not have input's shape
// or weight does not broadcast over it, and if r is out of range.
func BCELoss(input *Var, target, weight *tensor.Tensor, r Reduction) *Var {
	const op = "BCELoss"
	checkReduction(op, r)
	tp := tapeOf(input)
	mustMatch(op, input.value, target)
	var w []float64
	var wb broadcaster
	if weight != nil {
		wb = newBroadcaster(op, "weight", weight.Shape(), input.Shape())
		w = weight.Data()
	}
	x, y := input.value.Data(), target.Data()
	out, od := lossOutput(tp, r, input.value)
	local, ld := localGrad(tp, input)
	norm := reductionNorm(r, len(x))
	sum := 0.0
	for i, xi := range x {
		if xi < 0 || xi > 1 {
			panic(fmt.Sprintf("autograd: %s: input[%d] = %g is not a probability in [0, 1]", op, i, xi))
		}
		yi := y[i]
		l := float64((yi-1)*math.Max(fmath.Log1p(-xi), -100)) - float64(yi*math.Max(fmath.Log(xi), -100))
		var g float64
		if ld != nil {
			g = (xi - yi) / math.Max((1-xi)*xi, bceEpsilon)
		}
		if w != nil {
			wi := w[wb.index(i)]
			l *= wi
			g *= wi
		}
		if od != nil {
			od[i] = l
		}
		sum += l
		if ld != nil {
			ld[i] = g * norm
		}
	}
	storeReduced(r, out, sum, float64(len(x)))
	return lossResult(tp, out, input, local)
}

// broadcaster maps the elements of a tensor of shape big to those of a
// smaller tensor broadcast over it, as PyTorch broadcasts a loss's weight:
// shapes align on the right, and each dimension of small is either big's
// or 1 (repeated); missing leading dimensions repeat too.
type broadcaster struct {
	same    bool  // small has big's shape: element i is element i
	mod     int   // if > 0, small is a trailing block of big: element i is i % mod
	shape   []int // big's shape
	strides []int // small's stride along each dimension of big, 0 if repeated
}

// newBroadcaster panics, naming op and both shapes, unless small
// broadcasts over big.
func newBroadcaster(op, what string, small, big []int) broadcaster {
	if tensor.EqualShape(small, big) {
		return broadcaster{same: true}
	}
	b := broadcaster{shape: big, strides: make([]int, len(big))}
	ok := len(small) <= len(big)
	stride := 1
	for k := 1; ok && k <= len(small); k++ {
		s, d := small[len(small)-k], big[len(big)-k]
		switch s {
		case d:
			b.strides[len(big)-k] = stride
			stride *= s
		case 1:
		default:
			ok = false
		}
	}
	if !ok {
		panic(fmt.Sprintf("autograd: %s: %s %v does not broadcast over input %v", op, what, small, big))
	}
	// The common weights, [C] or [1] over [n, C], repeat as one block:
	// find the trailing dimensions small steps through contiguously, and
	// if it repeats along all the others, the index is a modulo.
	block, k := 1, len(big)
	for ; k > 0 && b.strides[k-1] == block; k-- {
		block *= big[k-1]
	}
	for ; k > 0 && b.strides[k-1] == 0; k-- {
	}
	if k == 0 {
		b.mod = block
	}
	return b
}

// index returns the element of small that pairs with element i of big.
func (b broadcaster) index(i int) int {
	if b.same {
		return i
	}
	if b.mod > 0 {
		return i % b.mod
	}
	j := 0
	for d := len(b.shape) - 1; d >= 0; d-- {
		j += i % b.shape[d] * b.strides[d]
		i /= b.shape[d]
	}
	return j
}
