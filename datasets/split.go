package datasets

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/nnlab/nnlab/tensor"
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
	trainIdx, testIdx, err := stratifiedIndices(d, testFrac, rng)
	if err != nil {
		return nil, nil, err
	}
	return d.Subset(trainIdx), d.Subset(testIdx), nil
}

// StratifiedIndices returns the rows StratifiedSplit puts in each part for
// the same rng, each part's in increasing order, without copying them: a
// record of a split that can be applied again with Subset.
func StratifiedIndices(d *Dataset, testFrac float64, rng *rand.Rand) (trainIdx, testIdx []int, err error) {
	return stratifiedIndices(d, testFrac, rng)
}

// StratifiedSplitInPlace splits d as StratifiedSplit does, choosing the same
// rows for the same rng, but without copying them: it reorders d's rows so
// that the training rows come first and the test rows after them, each part
// in d's original order, and returns the parts as views of d's storage.
// Writing to a part's X or Y writes to d. It halves the memory a split
// needs, which matters for data sets the size of the machine's memory.
func StratifiedSplitInPlace(d *Dataset, testFrac float64, rng *rand.Rand) (train, test *Dataset, err error) {
	n, c := d.X.Rows(), d.X.Cols()
	if n != len(d.Y) {
		panic(fmt.Sprintf("datasets: StratifiedSplitInPlace: X has shape %v but Y has %d labels", d.X.Shape(), len(d.Y)))
	}
	trainIdx, testIdx, err := stratifiedIndices(d, testFrac, rng)
	if err != nil {
		return nil, nil, err
	}
	from := append(trainIdx, testIdx...) // row from[k] moves to row k
	permuteRows(d.X.Data(), d.Y, c, from)
	k := len(trainIdx)
	x := d.X.Data()
	part := func(lo, hi int) *Dataset {
		return &Dataset{
			X:        tensor.New(x[lo*c:hi*c:hi*c], hi-lo, c),
			Y:        d.Y[lo:hi:hi],
			Classes:  append([]string(nil), d.Classes...),
			Features: append([]string(nil), d.Features...),
			Target:   d.Target,
		}
	}
	return part(0, k), part(k, n), nil
}

// permuteRows moves row from[k] of the row-major matrix x (c columns) and
// its label to position k, in place, following each cycle of the
// permutation with one row of scratch space. It uses from to mark the rows
// done, leaving it as the identity.
func permuteRows(x []float64, y []int, c int, from []int) {
	tmp := make([]float64, c)
	for start := range from {
		if from[start] == start {
			continue
		}
		copy(tmp, x[start*c:(start+1)*c])
		ty := y[start]
		k := start
		for {
			src := from[k]
			from[k] = k
			if src == start {
				copy(x[k*c:(k+1)*c], tmp)
				y[k] = ty
				break
			}
			copy(x[k*c:(k+1)*c], x[src*c:(src+1)*c])
			y[k] = y[src]
			k = src
		}
	}
}

// stratifiedIndices chooses the rows of each part of a stratified split,
// each part's rows in increasing order.
func stratifiedIndices(d *Dataset, testFrac float64, rng *rand.Rand) (trainIdx, testIdx []int, err error) {
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
	return trainIdx, testIdx, nil
}
