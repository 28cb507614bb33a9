package metrics

import "fmt"

// ROCCurve is a receiver operating characteristic curve. Thresholds holds
// every distinct score, highest first; point i+1 of FPR and TPR is the
// false- and true-positive rate of calling positive every sample scoring at
// least Thresholds[i]. Point 0 is (0,0), calling nothing positive, so FPR
// and TPR are one longer than Thresholds and both end at 1.
type ROCCurve struct {
	FPR, TPR, Thresholds []float64
}

// ROC returns the ROC curve of scores against binary labels (1 positive,
// 0 negative). It is sklearn 1.2's roc_curve(labels, scores,
// drop_intermediate=False) except for its first threshold: sklearn pairs the
// (0,0) point with an invented threshold max(scores)+1, ROC gives that point
// none. Samples of equal score make a single point, so the curve does not
// depend on their order. ROC returns an error if the lengths differ, a label
// is not 0 or 1, a score is NaN or infinite (sklearn rejects those too), or
// the labels hold one class only (wrapping [ErrOneClass]; the rates would
// divide by zero).
func ROC(labels []int, scores []float64) (ROCCurve, error) {
	p, pos, neg, err := binaryPairs("ROC", nil, labels, scores)
	if err != nil {
		return ROCCurve{}, err
	}
	if pos == 0 || neg == 0 {
		return ROCCurve{}, oneClassError("ROC", pos, neg)
	}
	sortDesc(p)
	c := ROCCurve{FPR: []float64{0}, TPR: []float64{0}}
	tps := 0
	for i := 0; i < len(p); {
		end, tp := nextThreshold(p, i)
		tps += tp
		c.Thresholds = append(c.Thresholds, p[i].score)
		c.FPR = append(c.FPR, float64(end-tps)/float64(neg))
		c.TPR = append(c.TPR, float64(tps)/float64(pos))
		i = end
	}
	return c, nil
}

// AUC returns the area under c by the trapezoidal rule, in the order of its
// points, as sklearn's auc(c.FPR, c.TPR) for the increasing FPR that [ROC]
// returns. It panics if FPR and TPR differ in length or hold fewer than two
// points.
func AUC(c ROCCurve) float64 {
	if len(c.FPR) != len(c.TPR) || len(c.FPR) < 2 {
		panic(fmt.Sprintf("metrics: AUC: curve of %d FPR and %d TPR values, need two or more of each", len(c.FPR), len(c.TPR)))
	}
	area := 0.0
	for i := 1; i < len(c.FPR); i++ {
		area += trapezoid(c.FPR[i-1], c.FPR[i], c.TPR[i-1], c.TPR[i])
	}
	return area
}

// ROCAUC returns the area under the ROC curve of scores against binary
// labels, sklearn's roc_auc_score: the probability that a random positive
// outscores a random negative, ties counting one half. It returns the
// errors of [ROC]. It equals AUC of ROC's curve to rounding, without
// building the curve; it counts pairs in integers and divides once, so that
// a perfect scorer gets exactly 1 and an inverted one exactly 0, where
// summing the curve's float trapezoids can be an ulp off.
func ROCAUC(labels []int, scores []float64) (float64, error) {
	p, pos, neg, err := binaryPairs("ROCAUC", nil, labels, scores)
	if err != nil {
		return 0, err
	}
	if pos == 0 || neg == 0 {
		return 0, oneClassError("ROCAUC", pos, neg)
	}
	sortDesc(p)
	return aucSorted(p, pos, neg), nil
}
