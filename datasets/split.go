package datasets

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// StratifiedSplit divides d into a training and a test part with each
// class's share of the test part equal to testFrac, as scikit-learn's
// train_test_split(stratify=y) does: it shuffles each class's rows with rng
// and sends round(testFrac·count) of them to the test part, moved to keep at
// least one row of every class with two or more rows in each part (a class
// with a single row goes to training). Both parts keep d's row order. It
// returns an error if testFrac is not strictly between 0 and 1 or if either
// part would be empty.
func StratifiedSplit(d *Dataset, testFrac float64, rng *rand.Rand) (train, test *Dataset, err error) {
	if !(testFrac > 0 && testFrac < 1) { // also rejects NaN
		return nil, nil, fmt.Errorf("datasets: StratifiedSplit: test fraction %v, want a number strictly between 0 and 1", testFrac)
	}
	if rng == nil {
		panic("datasets: StratifiedSplit: nil *rand.Rand")
	}
	counts := d.ClassCounts()
	byClass := make([][]int, len(counts))
	for c, m := range counts {
		byClass[c] = make([]int, 0, m)
	}
	for i, y := range d.Y {
		byClass[y] = append(byClass[y], i)
	}
	var trainIdx, testIdx []int
	for _, rows := range byClass {
		m := len(rows)
		k := int(math.Round(testFrac * float64(m)))
		if m >= 2 {
			k = min(max(k, 1), m-1)
		} else {
			k = 0
		}
		rng.Shuffle(m, func(a, b int) { rows[a], rows[b] = rows[b], rows[a] })
		testIdx = append(testIdx, rows[:k]...)
		trainIdx = append(trainIdx, rows[k:]...)
	}
	if len(trainIdx) == 0 || len(testIdx) == 0 {
		return nil, nil, fmt.Errorf("datasets: StratifiedSplit: %d rows with class counts %v leave the training or test part empty at test fraction %v", d.Len(), counts, testFrac)
	}
	// Sorting restores d's order, so the parts stay as mixed (or as
	// ordered) as d itself rather than grouped by class.
	slices.Sort(trainIdx)
	slices.Sort(testIdx)
	return d.Subset(trainIdx), d.Subset(testIdx), nil
}
