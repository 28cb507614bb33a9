package datasets

import (
	"math"
	"slices"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

// indexed returns a Dataset whose row i is (i, 10·i) with the given labels,
// so that a row can be traced wherever it goes.
func indexed(y []int, classes int) *Dataset {
	x := make([]float64, 2*len(y))
	for i := range y {
		x[2*i], x[2*i+1] = float64(i), float64(10*i)
	}
	return &Dataset{X: tensor.New(x, len(y), 2), Y: slices.Clone(y), Classes: indexNames(classes), Features: []string{"a", "b"}}
}

func TestSubset(t *testing.T) {
	d := indexed([]int{0, 1, 1, 0, 2}, 3)
	s := d.Subset([]int{4, 1, 1})
	if !slices.Equal(s.X.Data(), []float64{4, 40, 1, 10, 1, 10}) || !slices.Equal(s.Y, []int{2, 1, 1}) {
		t.Fatalf("Subset: X %v Y %v", s.X.Data(), s.Y)
	}
	s.X.Data()[0] = -1
	s.Classes[0] = "changed"
	if d.X.Data()[8] != 4 || d.Classes[0] != "0" {
		t.Error("Subset shares storage with its source")
	}
	if got := d.ClassCounts(); !slices.Equal(got, []int{2, 2, 1}) {
		t.Errorf("ClassCounts = %v", got)
	}
	if d.Len() != 5 || d.NumFeatures() != 2 || d.NumClasses() != 3 {
		t.Errorf("Len %d NumFeatures %d NumClasses %d", d.Len(), d.NumFeatures(), d.NumClasses())
	}
	defer func() {
		if recover() == nil {
			t.Error("Subset with index 5 of 5 rows did not panic")
		}
	}()
	d.Subset([]int{5})
}

func TestValidate(t *testing.T) {
	cases := []struct {
		name string
		edit func(d *Dataset)
		want string // "" for valid
	}{
		{"valid", func(d *Dataset) {}, ""},
		{"nil X", func(d *Dataset) { d.X = nil }, "X is nil"},
		{"vector X", func(d *Dataset) { d.X = tensor.Zeros(6) }, "shape [6]"},
		{"short Y", func(d *Dataset) { d.Y = d.Y[:2] }, "3 rows but Y has 2"},
		{"feature names", func(d *Dataset) { d.Features = []string{"a"} }, "1 feature names for 2 columns"},
		{"label too big", func(d *Dataset) { d.Y[1] = 2 }, "Y[1] = 2"},
		{"negative label", func(d *Dataset) { d.Y[2] = -1 }, "Y[2] = -1"},
		{"NaN", func(d *Dataset) { d.X.Set(math.NaN(), 2, 1) }, "X[2, 1] = NaN"},
		{"Inf", func(d *Dataset) { d.X.Set(math.Inf(-1), 0, 0) }, "X[0, 0] = -Inf"},
		{"no classes", func(d *Dataset) { d.Classes = nil }, "no classes"},
	}
	for _, c := range cases {
		d := indexed([]int{0, 1, 0}, 2)
		c.edit(d)
		err := d.Validate()
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want != "" && (err == nil || !containsAll(err.Error(), c.want)):
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
}
