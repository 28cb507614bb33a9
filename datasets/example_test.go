package datasets_test

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/nnlab/nnlab/datasets"
)

// Example walks the main path: generate a set, hold out a test part, fit
// standardisation on the training part only.
func Example() {
	rng := rand.New(rand.NewPCG(1, 2))

	gen, _ := datasets.Lookup("moons")
	d, err := gen.Make(200, 0.1, 0, rng)
	if err != nil {
		fmt.Println(err)
		return
	}
	train, test, err := datasets.StratifiedSplit(d, 0.2, rng)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("train", train.Len(), train.ClassCounts(), "test", test.Len(), test.ClassCounts())

	s := datasets.FitStandardizer(train.X)
	s.TransformInPlace(train.X)
	s.TransformInPlace(test.X)

	_, err = gen.Make(200, 0.1, 3, rng)
	fmt.Println(err)
	// Output:
	// train 160 [80 80] test 40 [20 20]
	// dataset moons: classes = 3, but moons has exactly 2 classes
}

// ExampleReadCSV shows how labels become classes: numbered in sorted order,
// numerically when they are all numbers.
func ExampleReadCSV() {
	const data = `sepal_len,sepal_wid,kind
5.1,3.5,10
7.0,3.2,2
6.3,3.3,10
`
	d, err := datasets.ReadCSV(strings.NewReader(data), "iris.csv", datasets.CSVOptions{})
	fmt.Println(d.Features, d.Classes, d.Y, err)

	_, err = datasets.ReadCSV(strings.NewReader("a,b\n1,x\noops,y\n"), "bad.csv", datasets.CSVOptions{})
	fmt.Println(err)
	// Output:
	// [sepal_len sepal_wid] [2 10] [1 0 1] <nil>
	// bad.csv:3: column 1 "a": "oops" is not a number
}
