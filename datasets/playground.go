package datasets

import (
	"math"
	"math/rand/v2"

	"github.com/nnlab/nnlab/internal/fmath"
)

// The TensorFlow Playground sets are drawn in a square of half-width 5; here
// every length is divided by playgroundScale so that points lie in about
// [-1, 1]², the range a network's inputs like. Noise keeps Playground's
// meaning (its slider runs from 0 to 0.5), so the same noise gives the same
// picture.
const playgroundScale = 5

// xorPadding is Playground's gap of 0.3 between the points and the axes,
// scaled.
const xorPadding = 0.3 / playgroundScale

// XOR returns TensorFlow Playground's exclusive-or set: points uniform in
// [-1, 1]², pushed 0.06 away from the axes, of class 1 where x1·x2 ≥ 0 after
// a uniform jitter of up to ±noise per coordinate (the point itself is not
// moved, so noise mislabels points near the axes).
func XOR(n int, noise float64, rng *rand.Rand) *Dataset {
	mustArgs("xor", checkArgs("xor", n, noise, 2, math.Inf(1)), rng)
	d, x := newPlane(n, 2)
	for i, want := range d.Y {
		// Playground labels by the jittered point, so classes come out
		// only nearly balanced; drawing until the wanted class appears
		// keeps Playground's distribution within each class and makes the
		// counts exact.
		for {
			px, py := padAxis(uniform(rng)), padAxis(uniform(rng))
			nx, ny := float64(noise*uniform(rng)), float64(noise*uniform(rng))
			label := 0
			if (px+nx)*(py+ny) >= 0 {
				label = 1
			}
			if label == want {
				x[2*i], x[2*i+1] = px, py
				break
			}
		}
	}
	return d
}

func padAxis(v float64) float64 {
	if v > 0 {
		return v + xorPadding
	}
	return v - xorPadding
}

// circleMaxNoise bounds Circle's noise: beyond it the inner class becomes so
// rare that drawing until it appears would take too long.
const circleMaxNoise = 1

// Circle returns TensorFlow Playground's circle set: class 1 drawn in the
// disc of radius 0.5, class 0 in the ring from 0.7 to 1, each labelled by
// whether the point after a uniform jitter of up to ±noise per coordinate
// lies inside radius 0.5. Noise must be at most 1.
func Circle(n int, noise float64, rng *rand.Rand) *Dataset {
	mustArgs("circle", checkArgs("circle", n, noise, 2, circleMaxNoise), rng)
	d, x := newPlane(n, 2)
	for i, want := range d.Y {
		// As in XOR: Playground draws half its points in each region and
		// labels them by the jittered point; keeping the draws of the
		// wanted label reproduces that per class with exact counts.
		for {
			var r float64
			if rng.IntN(2) == 0 {
				r = 0.5 * rng.Float64()
			} else {
				r = 0.7 + float64(0.3*rng.Float64())
			}
			angle := 2 * math.Pi * rng.Float64()
			px, py := float64(r*fmath.Sin(angle)), float64(r*fmath.Cos(angle))
			nx, ny := float64(noise*uniform(rng)), float64(noise*uniform(rng))
			label := 0
			if fmath.Hypot(px+nx, py+ny) < 0.5 {
				label = 1
			}
			if label == want {
				x[2*i], x[2*i+1] = px, py
				break
			}
		}
	}
	return d
}

// Gauss returns TensorFlow Playground's two Gaussians: class 1 around
// (0.4, 0.4) and class 0 around (-0.4, -0.4), each coordinate with variance
// (0.5 + 7·noise)/25, so that even noise 0 leaves round clusters.
func Gauss(n int, noise float64, rng *rand.Rand) *Dataset {
	mustArgs("gauss", checkArgs("gauss", n, noise, 2, math.Inf(1)), rng)
	d, x := newPlane(n, 2)
	// Playground maps noise 0..0.5 linearly onto variance 0.5..4.
	std := math.Sqrt(0.5+float64(7*noise)) / playgroundScale
	const centre = 2.0 / playgroundScale
	for i, c := range d.Y {
		m := -centre
		if c == 1 {
			m = centre
		}
		x[2*i] = m + float64(std*fmath.Normal(rng))
		x[2*i+1] = m + float64(std*fmath.Normal(rng))
	}
	return d
}

// Spiral returns TensorFlow Playground's spiral generalised to arms
// interleaved arms (Playground has 2): arm k is the curve (r·sin t, r·cos t)
// with r evenly spaced from 0 towards 1 and t = 3.5πr + 2πk/arms, and each
// point moves by a uniform jitter of up to ±noise/5 per coordinate. Class k
// is arm k.
func Spiral(n int, noise float64, rng *rand.Rand, arms int) *Dataset {
	mustArgs("spiral", checkArgs("spiral", n, noise, arms, math.Inf(1)), rng)
	d, x := newPlane(n, arms)
	jitter := noise / playgroundScale
	for i, k := range d.Y {
		j := i / arms // position along the arm
		r := float64(j) / float64(classSize(n, arms, k))
		t := float64(1.75*2*math.Pi*r) + 2*math.Pi*float64(k)/float64(arms)
		x[2*i] = float64(r*fmath.Sin(t)) + float64(jitter*uniform(rng))
		x[2*i+1] = float64(r*fmath.Cos(t)) + float64(jitter*uniform(rng))
	}
	return d
}
