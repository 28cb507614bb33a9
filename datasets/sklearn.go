package datasets

import (
	"math"
	"math/rand/v2"

	"github.com/nnlab/nnlab/internal/fmath"
)

// Moons returns scikit-learn's make_moons: class 0 on the upper half of the
// unit circle, class 1 on a lower half circle centred at (1, 0.5), points
// evenly spaced along each, plus Gaussian noise of standard deviation noise
// on each coordinate.
func Moons(n int, noise float64, rng *rand.Rand) *Dataset {
	mustArgs("moons", checkArgs("moons", n, noise, 2, math.Inf(1)), rng)
	d, x := newPlane(n, 2)
	for i, c := range d.Y {
		j := i / 2
		// np.linspace(0, π, m): m points, both ends included.
		t := 0.0
		if m := classSize(n, 2, c); m > 1 {
			t = math.Pi * float64(j) / float64(m-1)
		}
		px, py := fmath.Cos(t), fmath.Sin(t)
		if c == 1 {
			px, py = 1-px, 1-py-0.5
		}
		x[2*i] = px + float64(noise*fmath.Normal(rng))
		x[2*i+1] = py + float64(noise*fmath.Normal(rng))
	}
	return d
}

// Blobs returns scikit-learn's make_blobs in two dimensions with k centres
// drawn uniformly from [-1, 1]² (center_box=(-1, 1)) by rng before the
// points, and cluster_std = noise. Class c is the cluster around centre c.
func Blobs(n int, noise float64, rng *rand.Rand, k int) *Dataset {
	mustArgs("blobs", checkArgs("blobs", n, noise, k, math.Inf(1)), rng)
	centres := make([]float64, 2*k)
	for i := range centres {
		centres[i] = uniform(rng)
	}
	d, x := newPlane(n, k)
	for i, c := range d.Y {
		x[2*i] = centres[2*c] + float64(noise*fmath.Normal(rng))
		x[2*i+1] = centres[2*c+1] + float64(noise*fmath.Normal(rng))
	}
	return d
}
