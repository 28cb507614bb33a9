package datasets

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/nnlab/nnlab/tensor"
)

// RandomSplit divides d into a training and a test part, sending
// round(testFrac·n) rows chosen by rng to the test part (at least one, and
// at least one row left for training), as scikit-learn's train_test_split
// without stratify does. It is the split for regression, whose targets
// have no classes to stratify by, and works for classification too. Both
// parts keep d's row order. It returns an error if testFrac is not
// strictly between 0 and 1 or d has fewer than two rows, and panics on a
// nil rng.
func RandomSplit(d *Dataset, testFrac float64, rng *rand.Rand) (train, test *Dataset, err error) {
	trainIdx, testIdx, err := randomIndices(d.Len(), testFrac, rng)
	if err != nil {
		return nil, nil, err
	}
	return d.Subset(trainIdx), d.Subset(testIdx), nil
}

// RandomSplitInPlace splits d as RandomSplit does, choosing the same rows
// for the same rng, and reorders d's rows so that the training rows come
// first and the test rows after them, each part in d's original order; it
// returns the parts as views of d's storage, as StratifiedSplitInPlace
// does. The reordering goes through one copy of the rows.
func RandomSplitInPlace(d *Dataset, testFrac float64, rng *rand.Rand) (train, test *Dataset, err error) {
	trainIdx, testIdx, err := randomIndices(d.Len(), testFrac, rng)
	if err != nil {
		return nil, nil, err
	}
	re := d.Subset(append(trainIdx, testIdx...))
	copy(d.X.Data(), re.X.Data())
	copy(d.Y, re.Y)
	copy(d.Values, re.Values)
	k, n, c := len(trainIdx), d.Len(), d.X.Cols()
	part := func(lo, hi int) *Dataset {
		p := &Dataset{
			X:        tensor.New(d.X.Data()[lo*c:hi*c:hi*c], hi-lo, c),
			Classes:  slices.Clone(d.Classes),
			Features: slices.Clone(d.Features),
			Target:   d.Target,
		}
		if d.Y != nil {
			p.Y = d.Y[lo:hi:hi]
		}
		if d.Values != nil {
			p.Values = d.Values[lo:hi:hi]
		}
		return p
	}
	return part(0, k), part(k, n), nil
}

// randomIndices chooses the rows of each part of a random split of n rows,
// each part's rows in increasing order.
func randomIndices(n int, testFrac float64, rng *rand.Rand) (trainIdx, testIdx []int, err error) {
	if !(testFrac > 0 && testFrac < 1) { // also rejects NaN
		return nil, nil, fmt.Errorf("datasets: RandomSplit: test fraction %v, want a number strictly between 0 and 1", testFrac)
	}
	if rng == nil {
		panic("datasets: RandomSplit: nil *rand.Rand")
	}
	if n < 2 {
		return nil, nil, fmt.Errorf("datasets: RandomSplit: %d row(s) leave the training or test part empty", n)
	}
	k := min(max(int(math.Round(testFrac*float64(n))), 1), n-1)
	perm := rng.Perm(n)
	testIdx, trainIdx = perm[:k:k], perm[k:]
	slices.Sort(trainIdx)
	slices.Sort(testIdx)
	return trainIdx, testIdx, nil
}

// RandomIndices returns the rows RandomSplit puts in each part, each
// part's in increasing order, as StratifiedIndices does for its split.
func RandomIndices(d *Dataset, testFrac float64, rng *rand.Rand) (trainIdx, testIdx []int, err error) {
	return randomIndices(d.Len(), testFrac, rng)
}
