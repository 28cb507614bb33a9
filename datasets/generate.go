package datasets

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/nnlab/nnlab/tensor"
)

// planeFeatures names the two coordinates of every generated set, as
// TensorFlow Playground calls its inputs X1 and X2.
var planeFeatures = []string{"x1", "x2"}

// newPlane returns a two-feature Dataset of n rows dealt to k classes in
// turn (row i has class i mod k), and X's storage for the caller to fill.
// Dealing rather than blocking keeps the classes within one of each other
// and leaves any prefix of the rows mixed.
func newPlane(n, k int) (*Dataset, []float64) {
	x := make([]float64, 2*n)
	y := make([]int, n)
	for i := range y {
		y[i] = i % k
	}
	return &Dataset{
		X:        tensor.New(x, n, 2),
		Y:        y,
		Classes:  indexNames(k),
		Features: append([]string(nil), planeFeatures...),
	}, x
}

// classSize returns how many of n rows dealt to k classes in turn class c
// receives: the first n mod k classes get one more.
func classSize(n, k, c int) int {
	m := n / k
	if c < n%k {
		m++
	}
	return m
}

// checkArgs validates a generator's arguments, naming the set, the
// parameter and its value. maxNoise is +Inf for sets that accept any noise.
func checkArgs(set string, n int, noise float64, classes int, maxNoise float64) error {
	if classes < 2 {
		return fmt.Errorf("dataset %s: classes = %d, want at least 2", set, classes)
	}
	if n < classes {
		return fmt.Errorf("dataset %s: n = %d, want at least %d (one point per class)", set, n, classes)
	}
	if math.IsNaN(noise) || math.IsInf(noise, 0) || noise < 0 {
		return fmt.Errorf("dataset %s: noise = %v, want a finite number ≥ 0", set, noise)
	}
	if noise > maxNoise {
		return fmt.Errorf("dataset %s: noise = %v, want at most %v", set, noise, maxNoise)
	}
	return nil
}

// mustArgs panics with err, and on a nil generator: the generator functions
// treat bad arguments as programmer errors, while Generator.Make reports
// them as errors.
func mustArgs(set string, err error, rng *rand.Rand) {
	if err != nil {
		panic("datasets: " + err.Error())
	}
	if rng == nil {
		panic(fmt.Sprintf("datasets: %s: nil *rand.Rand", set))
	}
}

// uniform returns a draw from U[-1, 1). The product is exact (a multiple
// of 2⁻⁵² below 2), so arm64's fusing it with the subtraction, which a
// float64 conversion does not stop here, cannot change a bit.
func uniform(rng *rand.Rand) float64 { return 2*rng.Float64() - 1 }
