package metrics

import (
	"fmt"
	"math"

	"github.com/nnlab/nnlab/internal/fmath"
	"github.com/nnlab/nnlab/tensor"
)

// LogLossEps is the clipping bound of [LogLoss]: probabilities are clipped
// to [LogLossEps, 1-LogLossEps]. It is sklearn's historical default (1e-15,
// still accepted by log_loss(eps=1e-15) in 1.2, whose own default "auto" is
// float64's machine epsilon, 2.2e-16); the two differ only when a
// probability is below 1e-15.
const LogLossEps = 1e-15

// LogLoss returns the mean negative log-likelihood of labels under the rows
// of probs (n rows of K class probabilities), as sklearn 1.2's
// log_loss(labels, probs, eps=1e-15, labels=range(K)): every probability is
// clipped to [LogLossEps, 1-LogLossEps] so that a confident mistake costs
// about 34.5 rather than +Inf, and each clipped row is divided by its sum
// before the log is taken, so rows need not sum to exactly 1. A NaN
// probability of a true class gives NaN. It panics if len(probs) !=
// len(labels), a row's length differs from the first, K < 2, or a label lies
// outside [0,K); with no samples it returns NaN.
func LogLoss(probs [][]float64, labels []int) float64 {
	mustSameLen("LogLoss", len(probs), len(labels))
	if len(probs) == 0 {
		return math.NaN()
	}
	k := len(probs[0])
	sum := 0.0
	for i, row := range probs {
		if len(row) != k {
			panic(fmt.Sprintf("metrics: LogLoss: row %d has %d probabilities, row 0 has %d", i, len(row), k))
		}
		sum += rowLogLoss("LogLoss", row, labels[i], i)
	}
	return sum / float64(len(probs))
}

// LogLossTensor is [LogLoss] for probabilities held in an [n,K] tensor. It
// panics if probs is not a matrix.
func LogLossTensor(probs *tensor.Tensor, labels []int) float64 {
	mustMatrix("LogLossTensor", probs)
	n := probs.Rows()
	mustSameLen("LogLossTensor", n, len(labels))
	if n == 0 {
		return math.NaN()
	}
	sum := 0.0
	for i := range n {
		sum += rowLogLoss("LogLossTensor", probs.Row(i), labels[i], i)
	}
	return sum / float64(n)
}

// rowLogLoss is one sample's -log p(y) after sklearn's clip and renormalise.
func rowLogLoss(op string, row []float64, y, i int) float64 {
	k := len(row)
	if k < 2 {
		panic(fmt.Sprintf("metrics: %s: %d classes, need at least 2", op, k))
	}
	if uint(y) >= uint(k) {
		panic(fmt.Sprintf("metrics: %s: sample %d has label %d; classes are [0,%d)", op, i, y, k))
	}
	total, py := 0.0, 0.0
	for c, p := range row {
		p = clip(p, LogLossEps, 1-LogLossEps)
		total += p
		if c == y {
			py = p
		}
	}
	return -fmath.Log(py / total)
}

// clip keeps NaN as NaN, as numpy's clip does.
func clip(p, lo, hi float64) float64 {
	if p < lo {
		return lo
	}
	if p > hi {
		return hi
	}
	return p
}

func mustMatrix(op string, t *tensor.Tensor) {
	if t.Dims() != 2 {
		panic(fmt.Sprintf("metrics: %s: probabilities of shape %v, need [n,K]", op, t.Shape()))
	}
}
