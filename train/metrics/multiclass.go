package metrics

import (
	"fmt"
	"math"

	"github.com/nnlab/nnlab/tensor"
)

// MacroAUC returns the one-vs-rest macro AUC of K-class probabilities: for
// each class c the AUC of column c of probs against "label is c", averaged
// over the K classes without weights. It is sklearn 1.2's
// roc_auc_score(labels, probs, multi_class="ovr", average="macro"), and like
// it requires each row to sum to 1 (within numpy's allclose: 1e-8 + 1e-5·sum);
// for K = 2 sklearn wants a single column instead, and MacroAUC equals
// [ROCAUC] of the second column whenever the first is one minus it.
//
// It returns an error if len(probs) != len(labels), rows differ in length,
// K < 2, a label lies outside [0,K), a probability is NaN or infinite, a row
// does not sum to 1, or a class is absent from labels (wrapping
// [ErrOneClass]: its one-vs-rest AUC is undefined). A single class filling
// every label is caught by the same error.
func MacroAUC(labels []int, probs [][]float64) (float64, error) {
	if len(probs) != len(labels) {
		return 0, fmt.Errorf("metrics: MacroAUC: %d labels for %d rows of probabilities", len(labels), len(probs))
	}
	k := 0
	if len(probs) > 0 {
		k = len(probs[0])
	}
	for i, row := range probs {
		if len(row) != k {
			return 0, fmt.Errorf("metrics: MacroAUC: row %d has %d probabilities, row 0 has %d", i, len(row), k)
		}
	}
	return macroAUC("MacroAUC", labels, k, func(i int) []float64 { return probs[i] })
}

// MacroAUCTensor is [MacroAUC] for probabilities held in an [n,K] tensor. It
// panics if probs is not a matrix.
func MacroAUCTensor(labels []int, probs *tensor.Tensor) (float64, error) {
	mustMatrix("MacroAUCTensor", probs)
	if probs.Rows() != len(labels) {
		return 0, fmt.Errorf("metrics: MacroAUCTensor: %d labels for %d rows of probabilities", len(labels), probs.Rows())
	}
	return macroAUC("MacroAUCTensor", labels, probs.Cols(), probs.Row)
}

// macroAUC validates the rows once, then ranks each column in one reused
// buffer.
func macroAUC(op string, labels []int, k int, row func(int) []float64) (float64, error) {
	n := len(labels)
	if k < 2 {
		return 0, fmt.Errorf("metrics: %s: %d classes, need at least 2", op, k)
	}
	count := make([]int, k)
	for i, y := range labels {
		if uint(y) >= uint(k) {
			return 0, fmt.Errorf("metrics: %s: label %d of sample %d is outside [0,%d)", op, y, i, k)
		}
		count[y]++
		sum := 0.0
		for c, p := range row(i) {
			if math.IsNaN(p) || math.IsInf(p, 0) {
				return 0, fmt.Errorf("metrics: %s: probability of class %d for sample %d is %v", op, c, i, p)
			}
			sum += p
		}
		if math.Abs(1-sum) > 1e-8+1e-5*math.Abs(sum) {
			return 0, fmt.Errorf("metrics: %s: probabilities of sample %d sum to %v, not 1", op, i, sum)
		}
	}
	for c, m := range count {
		if m == 0 || m == n {
			return 0, fmt.Errorf("metrics: %s: class %d of %d has %d positives and %d negatives one-vs-rest: %w", op, c, k, m, n-m, ErrOneClass)
		}
	}
	p := make([]scored, n)
	total := 0.0
	for c := range k {
		for i, y := range labels {
			p[i] = scored{row(i)[c], y == c}
		}
		sortDesc(p)
		total += aucSorted(p, count[c], n-count[c])
	}
	return total / float64(k), nil
}

// ProbaAUC returns the ROC AUC of an [n, K] matrix of class probabilities:
// for two classes [ROCAUC] of the second column, for more [MacroAUCTensor].
// It returns the same errors as those, such as [ErrOneClass] when a class
// is missing from the labels.
func ProbaAUC(labels []int, probs *tensor.Tensor) (float64, error) {
	mustMatrix("ProbaAUC", probs)
	if probs.Cols() != 2 {
		return MacroAUCTensor(labels, probs)
	}
	scores := make([]float64, probs.Rows())
	for i := range scores {
		scores[i] = probs.Row(i)[1]
	}
	return ROCAUC(labels, scores)
}
