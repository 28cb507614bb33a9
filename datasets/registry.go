package datasets

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
)

// Generator describes a built-in synthetic data set for a command line or a
// menu: its name, a one-line description and how to make it.
type Generator struct {
	// Name is the lower-case name Lookup finds it by.
	Name string
	// Doc is a one-line description for help texts.
	Doc string
	// Multiclass reports whether the set takes a number of classes;
	// otherwise it has exactly two.
	Multiclass bool
	// Make draws n points with the given noise from rng. classes 0 means
	// the set's default (2 for every set except blobs, which has 3). It
	// returns an error naming the parameter and its value when n, noise or
	// classes is out of range, so it may be fed user input directly.
	Make func(n int, noise float64, classes int, rng *rand.Rand) (*Dataset, error)
}

// Builtin returns the built-in generators in a fixed order. The slice is new
// on every call, so callers may modify it.
func Builtin() []Generator {
	return []Generator{
		twoClass("xor", "TensorFlow Playground XOR: points in [-1,1]² labelled by the sign of x1·x2; noise jitters the labels (0 to 0.5)", XOR, math.Inf(1)),
		twoClass("circle", "TensorFlow Playground circle: a disc inside a ring; noise jitters the labels (0 to 0.5, at most 1)", Circle, circleMaxNoise),
		twoClass("gauss", "TensorFlow Playground two Gaussian clusters; noise widens them (0 to 0.5)", Gauss, math.Inf(1)),
		multiClass("spiral", 2, "TensorFlow Playground spiral with one interleaved arm per class (default 2); noise jitters the points (0 to 0.5)", Spiral),
		twoClass("moons", "scikit-learn make_moons: two interleaving half circles; noise is the Gaussian standard deviation (e.g. 0.1)", Moons, math.Inf(1)),
		multiClass("blobs", 3, "scikit-learn make_blobs: one Gaussian cluster per class (default 3) around centres in [-1,1]²; noise is their standard deviation (e.g. 0.1)", Blobs),
	}
}

// Lookup returns the built-in generator called name, ignoring case.
// Regression sets are apart, in LookupRegression.
func Lookup(name string) (Generator, bool) {
	return lookupIn(Builtin(), name)
}

func lookupIn(gens []Generator, name string) (Generator, bool) {
	for _, g := range gens {
		if strings.EqualFold(g.Name, name) {
			return g, true
		}
	}
	return Generator{}, false
}

func twoClass(name, doc string, gen func(int, float64, *rand.Rand) *Dataset, maxNoise float64) Generator {
	return Generator{Name: name, Doc: doc, Make: func(n int, noise float64, classes int, rng *rand.Rand) (*Dataset, error) {
		if classes != 0 && classes != 2 {
			return nil, fmt.Errorf("dataset %s: classes = %d, but %s has exactly 2 classes", name, classes, name)
		}
		if err := checkArgs(name, n, noise, 2, maxNoise); err != nil {
			return nil, err
		}
		return gen(n, noise, rng), nil
	}}
}

func multiClass(name string, defaultClasses int, doc string, gen func(int, float64, *rand.Rand, int) *Dataset) Generator {
	return Generator{Name: name, Doc: doc, Multiclass: true, Make: func(n int, noise float64, classes int, rng *rand.Rand) (*Dataset, error) {
		if classes == 0 {
			classes = defaultClasses
		}
		if err := checkArgs(name, n, noise, classes, math.Inf(1)); err != nil {
			return nil, err
		}
		return gen(n, noise, rng, classes), nil
	}}
}
