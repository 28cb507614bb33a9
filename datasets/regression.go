package datasets

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/nnlab/nnlab/internal/fmath"
	"github.com/nnlab/nnlab/tensor"
)

// playgroundRegressRadius is the half-width of the square Playground draws
// its regression sets in, before scaling by playgroundScale.
const playgroundRegressRadius = 6

// BuiltinRegression returns the built-in regression generators,
// TensorFlow Playground's two, in a fixed order: sets whose Dataset holds
// Values rather than classes. The slice is new on every call. Lookup does
// not find them; LookupRegression does.
func BuiltinRegression() []Generator {
	return []Generator{
		regression("reg-plane", "TensorFlow Playground plane: target (x1+x2)/2 in Playground's units, x in [-1.2,1.2]²; noise jitters the point the target is taken at (0 to 0.5)", RegPlane),
		regression("reg-gauss", "TensorFlow Playground six Gaussian bumps of alternating sign; noise jitters the point the target is taken at (0 to 0.5)", RegGauss),
	}
}

// LookupRegression returns the built-in regression generator called name,
// ignoring case.
func LookupRegression(name string) (Generator, bool) {
	return lookupIn(BuiltinRegression(), name)
}

func regression(name, doc string, gen func(int, float64, *rand.Rand) *Dataset) Generator {
	return Generator{Name: name, Doc: doc, Make: func(n int, noise float64, classes int, rng *rand.Rand) (*Dataset, error) {
		if classes != 0 {
			return nil, fmt.Errorf("dataset %s: classes = %d, but %s is a regression set without classes", name, classes, name)
		}
		if err := checkRegressArgs(name, n, noise); err != nil {
			return nil, err
		}
		return gen(n, noise, rng), nil
	}}
}

func checkRegressArgs(set string, n int, noise float64) error {
	if n < 1 {
		return fmt.Errorf("dataset %s: n = %d, want at least 1", set, n)
	}
	if math.IsNaN(noise) || math.IsInf(noise, 0) || noise < 0 || noise > 1e6 {
		return fmt.Errorf("dataset %s: noise = %v, want a finite number from 0 to 1e6", set, noise)
	}
	return nil
}

// RegPlane returns TensorFlow Playground's regressPlane: points (x, y)
// uniform in [-6, 6]², target (x' + y')/10 where (x', y') is the point moved
// by a uniform jitter of up to ±6·noise per coordinate; X holds the point
// divided by 5, as for the other Playground sets. It panics if n < 1, on a
// negative or non-finite noise or a nil rng.
func RegPlane(n int, noise float64, rng *rand.Rand) *Dataset {
	return regress("reg-plane", n, noise, rng, func(x, y float64) float64 { return (x + y) / 10 })
}

// regGaussians are Playground's bumps: centre and sign.
var regGaussians = [6][3]float64{
	{-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1},
	{-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1},
}

// RegGauss returns TensorFlow Playground's regressGaussian: points drawn
// and jittered as in RegPlane, target the value of largest magnitude (the
// first on a tie) among sign·max(0, 1 − d/2) over six bumps, d the
// distance from the jittered point to the bump's centre, centres (−4, 2.5),
// (0, 2.5), (4, 2.5) with signs +, −, + and (−4, −2.5), (0, −2.5),
// (4, −2.5) with −, +, −. So the target lies in [−1, 1] and is 0 away from
// the bumps. It panics as RegPlane does.
func RegGauss(n int, noise float64, rng *rand.Rand) *Dataset {
	return regress("reg-gauss", n, noise, rng, func(x, y float64) float64 {
		label := 0.0
		for _, g := range regGaussians {
			v := g[2] * max(0, 1-float64(fmath.Hypot(x-g[0], y-g[1])/2))
			if math.Abs(v) > math.Abs(label) {
				label = v
			}
		}
		return label
	})
}

// regress draws n points as Playground's regression sets do, each from
// four draws of rng in turn (x, y, then the jitter of each), and labels
// them by target at the jittered point, in Playground's units.
func regress(set string, n int, noise float64, rng *rand.Rand, target func(x, y float64) float64) *Dataset {
	if err := checkRegressArgs(set, n, noise); err != nil {
		panic("datasets: " + err.Error())
	}
	if rng == nil {
		panic(fmt.Sprintf("datasets: %s: nil *rand.Rand", set))
	}
	const r = playgroundRegressRadius
	x := make([]float64, 2*n)
	values := make([]float64, n)
	for i := range values {
		px, py := float64(r*uniform(rng)), float64(r*uniform(rng))
		nx, ny := float64(r*noise*uniform(rng)), float64(r*noise*uniform(rng))
		values[i] = target(px+nx, py+ny)
		x[2*i], x[2*i+1] = px/playgroundScale, py/playgroundScale
	}
	return &Dataset{X: tensor.New(x, n, 2), Values: values, Features: append([]string(nil), planeFeatures...)}
}
