package main

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
)

// bcFeatures are the columns of the breast-cancer-style table the tests
// and docs/cli.md use: ten measurements of a cell nucleus.
var bcFeatures = []string{"radius", "texture", "perimeter", "area", "smoothness",
	"compactness", "concavity", "concave_points", "symmetry", "fractal_dimension"}

// bcShift is how far, in standard deviations, the malignant mean of each
// feature lies from the benign one: a few features separate the classes
// well, the rest barely, and no single one does it alone, so a model
// scores well but not perfectly.
var bcShift = []float64{1.4, 0.6, 1.3, 1.2, 0.4, 0.8, 1.1, 1.3, 0.3, 0.0}

// bcTable writes a deterministic breast-cancer-style CSV of n rows, about
// 37% malignant as in scikit-learn's table: the ten features and a label
// column, benign or malignant, last. With idCol the first column is a
// patient id such as "P0007" (text, which only predict accepts).
func bcTable(n int, seed uint64, idCol bool) string {
	rng := rand.New(rand.NewPCG(seed, 569))
	var b strings.Builder
	if idCol {
		b.WriteString("patient,")
	}
	b.WriteString(strings.Join(bcFeatures, ",") + ",label\n")
	for i := range n {
		malignant := rng.Float64() < 212.0/569
		if idCol {
			fmt.Fprintf(&b, "P%04d,", i+1)
		}
		for j := range bcFeatures {
			v := rng.NormFloat64()
			if malignant {
				v += bcShift[j]
			}
			// Positive, unit-like scales, as measurements have.
			fmt.Fprintf(&b, "%.4f,", 10+3*v+float64(j))
		}
		b.WriteString(map[bool]string{true: "malignant", false: "benign"}[malignant] + "\n")
	}
	return b.String()
}

// writeBC writes bcTable(n, seed, idCol) to dir/name.
func writeBC(t *testing.T, dir, name string, n int, seed uint64, idCol bool) {
	t.Helper()
	writeFile(t, filepath.Join(dir, name), bcTable(n, seed, idCol))
}
