package metrics

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
)

// ErrOneClass is wrapped by the errors of the ranking metrics when the
// samples hold no positives or no negatives, so that the curve (or the AUC)
// is undefined. Test for it with errors.Is.
var ErrOneClass = errors.New("only one class present")

// scored is one sample of a binary ranking problem.
type scored struct {
	score float64
	pos   bool
}

// binaryPairs checks labels (0 or 1) and scores (finite) of a binary problem
// and appends them to buf as pairs, counting the classes.
func binaryPairs(op string, buf []scored, labels []int, scores []float64) (p []scored, pos, neg int, err error) {
	if len(labels) != len(scores) {
		return nil, 0, 0, fmt.Errorf("metrics: %s: %d labels for %d scores", op, len(labels), len(scores))
	}
	p = buf[:0]
	if cap(p) < len(labels) {
		p = make([]scored, 0, len(labels)) // growing by append would leave twice this behind
	}
	for i, y := range labels {
		if y != 0 && y != 1 {
			return nil, 0, 0, fmt.Errorf("metrics: %s: label %d of sample %d is not 0 or 1", op, y, i)
		}
		s := scores[i]
		if math.IsNaN(s) || math.IsInf(s, 0) {
			return nil, 0, 0, fmt.Errorf("metrics: %s: score of sample %d is %v", op, i, s)
		}
		p = append(p, scored{s, y == 1})
		pos += y
	}
	return p, pos, len(labels) - pos, nil
}

func oneClassError(op string, pos, neg int) error {
	return fmt.Errorf("metrics: %s: %d positives and %d negatives: %w", op, pos, neg, ErrOneClass)
}

// sortDesc orders pairs by score, highest first. Ties may land in any
// order: every consumer walks a run of equal scores as one threshold.
func sortDesc(p []scored) {
	slices.SortFunc(p, func(a, b scored) int { return cmp.Compare(b.score, a.score) })
}

// nextThreshold returns the end of the run of scores equal to p[i].score
// and the positives in it: taking every sample scoring at least that
// score as positive is one threshold of the curve.
func nextThreshold(p []scored, i int) (end, tp int) {
	s := p[i].score
	for end = i; end < len(p) && p[end].score == s; end++ {
		if p[end].pos {
			tp++
		}
	}
	return end, tp
}

// trapezoid is the area of one ROC segment, written as numpy's trapz.
func trapezoid(x0, x1, y0, y1 float64) float64 { return float64((x1 - x0) * (y1 + y0) / 2) }

// aucSorted integrates the ROC curve of pairs already sorted by sortDesc,
// with pos positives and neg negatives, both nonzero, without building it.
// It sums the trapezoids in counts, fp steps times tp heights, which are
// exact integers, and divides once, so that a perfect scorer gets exactly 1
// and the result is the correctly rounded Mann-Whitney fraction (while
// 2·pos·neg < 2⁵³); summing rate differences would drift by an ulp or so.
func aucSorted(p []scored, pos, neg int) float64 {
	var twice int64 // twice the area in units of one positive times one negative
	fps, tps := 0, 0
	for i := 0; i < len(p); {
		end, tp := nextThreshold(p, i)
		f, t := end-tps-tp, tps+tp
		twice += int64(f-fps) * int64(t+tps)
		fps, tps, i = f, t, end
	}
	return float64(twice) / (2 * float64(pos) * float64(neg))
}
