package autograd

import (
	"fmt"
	"math"
)

// The penalties add a regularisation term over a weight to a scalar, in
// one op each, so that a training step adds its penalties to the loss on
// the loss's tape and allocates nothing (a parameter has no tape). They
// compute what PyTorch's autograd gives for the same expression,
// acc + lambda * w.abs().sum() and acc + lambda / 2 * (w ** 2).sum().

// checkPenalty panics unless acc has one element and lambda is finite and
// non-negative, and returns w's elements.
func checkPenalty(op string, acc, w *Var, lambda float64) []float64 {
	if acc.value.Len() != 1 {
		panic(fmt.Sprintf("autograd: %s: acc has shape %v, want one element (a reduced loss)", op, acc.Shape()))
	}
	if !(lambda >= 0) || math.IsInf(lambda, 0) {
		panic(fmt.Sprintf("autograd: %s: lambda = %v must be non-negative and finite", op, lambda))
	}
	return w.value.Data()
}

// penaltyResult records acc + term on acc's tape; backward reads lambda
// from the result's factor.
func penaltyResult(acc, w *Var, lambda, term float64, backward func(*Var)) *Var {
	tp := tapeOf(acc, w)
	y := tp.zeros(acc.Shape()...)
	y.Data()[0] = acc.value.Data()[0] + term
	out := result(tp, y, backward, acc, w)
	out.factor = lambda
	return out
}
