package metrics

import (
	"fmt"
	"math"
)

// Accuracy returns the fraction of i with pred[i] == labels[i], or NaN when
// there are no samples (a ratio of nothing, as sklearn's mean of an empty
// array). It panics if the lengths differ.
func Accuracy(pred, labels []int) float64 {
	mustSameLen("Accuracy", len(pred), len(labels))
	if len(pred) == 0 {
		return math.NaN()
	}
	hits := 0
	for i, p := range pred {
		if p == labels[i] {
			hits++
		}
	}
	return float64(hits) / float64(len(pred))
}

// ConfusionMatrix returns the k×k matrix whose entry [t][p] counts the
// samples of true class t predicted as p: rows are true classes and columns
// predictions, as sklearn's confusion_matrix with labels=range(k). It panics
// if the lengths differ or a class lies outside [0,k).
func ConfusionMatrix(pred, labels []int, k int) [][]int {
	mustSameLen("ConfusionMatrix", len(pred), len(labels))
	if k < 1 {
		panic(fmt.Sprintf("metrics: ConfusionMatrix: k = %d, need at least 1 class", k))
	}
	// One backing array keeps the matrix a single allocation.
	cells := make([]int, k*k)
	m := make([][]int, k)
	for i := range m {
		m[i] = cells[i*k : (i+1)*k : (i+1)*k]
	}
	for i, p := range pred {
		t := labels[i]
		if uint(t) >= uint(k) || uint(p) >= uint(k) {
			panic(fmt.Sprintf("metrics: ConfusionMatrix: sample %d has label %d, prediction %d; classes are [0,%d)", i, t, p, k))
		}
		m[t][p]++
	}
	return m
}

// ClassScores holds per-class precision, recall and F1 and their macro
// averages (unweighted means over all k classes).
type ClassScores struct {
	Precision, Recall, F1 []float64
	// Support counts the samples whose true class is each class.
	Support                              []int
	MacroPrecision, MacroRecall, MacroF1 float64
}

// PrecisionRecallF1 scores hard predictions of k classes, as sklearn's
// precision_recall_fscore_support with labels=range(k) and zero_division=0:
// precision of a class never predicted, recall of a class never present and
// F1 where both are 0 are all 0, not NaN. The macro averages run over all k
// classes, including classes that appear in neither slice (they count as 0;
// sklearn without labels= would skip them). It panics as ConfusionMatrix.
func PrecisionRecallF1(pred, labels []int, k int) ClassScores {
	return ScoresFromConfusion(ConfusionMatrix(pred, labels, k))
}

// ScoresFromConfusion is [PrecisionRecallF1] for a confusion matrix with
// true classes as rows, such as [ConfusionMatrix] returns. It panics if cm
// is not square.
func ScoresFromConfusion(cm [][]int) ClassScores {
	k := len(cm)
	s := ClassScores{
		Precision: make([]float64, k),
		Recall:    make([]float64, k),
		F1:        make([]float64, k),
		Support:   make([]int, k),
	}
	predSum := make([]int, k)
	for t, row := range cm {
		if len(row) != k {
			panic(fmt.Sprintf("metrics: ScoresFromConfusion: row %d has %d columns, want %d", t, len(row), k))
		}
		for p, n := range row {
			s.Support[t] += n
			predSum[p] += n
		}
	}
	for c := range k {
		tp := float64(cm[c][c])
		p := ratioOrZero(tp, float64(predSum[c]))
		r := ratioOrZero(tp, float64(s.Support[c]))
		// F1 from p and r, not from counts, so the rounding is sklearn's.
		f := 0.0
		if d := p + r; d != 0 {
			f = 2 * p * r / d
		}
		s.Precision[c], s.Recall[c], s.F1[c] = p, r, f
		s.MacroPrecision += p
		s.MacroRecall += r
		s.MacroF1 += f
	}
	if k > 0 {
		s.MacroPrecision /= float64(k)
		s.MacroRecall /= float64(k)
		s.MacroF1 /= float64(k)
	}
	return s
}

// ratioOrZero is sklearn's _prf_divide with zero_division=0.
func ratioOrZero(num, den float64) float64 {
	if den == 0 {
		return 0
	}
	return num / den
}

func mustSameLen(op string, a, b int) {
	if a != b {
		panic(fmt.Sprintf("metrics: %s: %d predictions for %d labels", op, a, b))
	}
}
