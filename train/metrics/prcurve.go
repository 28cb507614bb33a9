package metrics

// PRCurve is a precision-recall curve. Thresholds holds every distinct
// score, highest first; point i+1 of Precision and Recall belongs to calling
// positive every sample scoring at least Thresholds[i]. Point 0 is
// (recall 0, precision 1) with no threshold, so Precision and Recall are one
// longer than Thresholds, Recall rises from 0 to 1 and the last point is
// everything called positive.
//
// This is sklearn's precision_recall_curve read backwards: sklearn returns
// thresholds lowest first and appends the (recall 0, precision 1) point at
// the end; here every slice runs from the strictest threshold down, as
// [ROCCurve] does.
type PRCurve struct {
	Precision, Recall, Thresholds []float64
}

// PrecisionRecallCurve returns the precision-recall curve of scores against
// binary labels (1 positive, 0 negative), as sklearn 1.2's
// precision_recall_curve in the order [PRCurve] describes. It returns the
// errors of [ROC], except that labels that are all positive are fine
// (precision is 1 throughout); labels with no positive return an error
// wrapping [ErrOneClass], where sklearn warns and sets recall to 1.
func PrecisionRecallCurve(labels []int, scores []float64) (PRCurve, error) {
	p, pos, neg, err := binaryPairs("PrecisionRecallCurve", nil, labels, scores)
	if err != nil {
		return PRCurve{}, err
	}
	if pos == 0 {
		return PRCurve{}, oneClassError("PrecisionRecallCurve", pos, neg)
	}
	sortDesc(p)
	c := PRCurve{Precision: []float64{1}, Recall: []float64{0}}
	tps := 0
	for i := 0; i < len(p); {
		end, tp := nextThreshold(p, i)
		tps += tp
		c.Thresholds = append(c.Thresholds, p[i].score)
		c.Precision = append(c.Precision, float64(tps)/float64(end))
		c.Recall = append(c.Recall, float64(tps)/float64(pos))
		i = end
	}
	return c, nil
}

// AveragePrecision returns sklearn's average_precision_score of scores
// against binary labels: Σ (R_n − R_{n−1}) P_n over the thresholds of
// [PrecisionRecallCurve], highest first. It is the area under the
// precision-recall step function with no interpolation between points,
// which trapezoids would make optimistic. Errors are PrecisionRecallCurve's.
func AveragePrecision(labels []int, scores []float64) (float64, error) {
	c, err := PrecisionRecallCurve(labels, scores)
	if err != nil {
		return 0, err
	}
	ap := 0.0
	for i := 1; i < len(c.Recall); i++ {
		ap += float64((c.Recall[i] - c.Recall[i-1]) * c.Precision[i])
	}
	return ap, nil
}
