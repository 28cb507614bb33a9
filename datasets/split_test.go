package datasets

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestStratifiedSplit(t *testing.T) {
	cases := []struct {
		name     string
		counts   []int // rows per class
		frac     float64
		wantTest []int // test rows per class
	}{
		{"even", []int{50, 50}, 0.2, []int{10, 10}},
		{"rounding", []int{7, 13, 5}, 0.3, []int{2, 4, 2}}, // 2.1, 3.9, 1.5
		{"at least one in test", []int{100, 3}, 0.1, []int{10, 1}},
		{"at least one in train", []int{2, 10}, 0.9, []int{1, 9}},
		{"single row stays in training", []int{1, 10}, 0.5, []int{0, 5}},
		{"half", []int{4, 6, 8}, 0.5, []int{2, 3, 4}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var y []int
			// Interleave the classes so that order preservation shows.
			for left := slices.Clone(c.counts); slices.Max(left) > 0; {
				for k := range left {
					if left[k] > 0 {
						y = append(y, k)
						left[k]--
					}
				}
			}
			d := indexed(y, len(c.counts))
			train, test, err := StratifiedSplit(d, c.frac, newRNG(4))
			if err != nil {
				t.Fatal(err)
			}
			if got := test.ClassCounts(); !slices.Equal(got, c.wantTest) {
				t.Errorf("test class counts %v, want %v", got, c.wantTest)
			}
			for k, m := range train.ClassCounts() {
				if m+c.wantTest[k] != c.counts[k] {
					t.Errorf("class %d: %d train + %d test of %d", k, m, c.wantTest[k], c.counts[k])
				}
			}
			// Each row carries its index in column 0.
			var all []int
			for _, part := range []*Dataset{train, test} {
				prev := -1
				for i := range part.Len() {
					r := int(part.X.At(i, 0))
					if r <= prev {
						t.Fatalf("rows out of order: %d after %d", r, prev)
					}
					if part.Y[i] != y[r] || part.X.At(i, 1) != float64(10*r) {
						t.Fatalf("row %d corrupted: %v class %d", r, part.X.Row(i), part.Y[i])
					}
					prev = r
					all = append(all, r)
				}
			}
			slices.Sort(all)
			for i, r := range all {
				if r != i {
					t.Fatalf("train ∪ test is not every row exactly once: %v", all)
				}
			}
		})
	}
}

func TestStratifiedSplitRandomness(t *testing.T) {
	d := Moons(200, 0.1, newRNG(1))
	_, a, _ := StratifiedSplit(d, 0.25, newRNG(10))
	_, b, _ := StratifiedSplit(d, 0.25, newRNG(10))
	_, c, _ := StratifiedSplit(d, 0.25, newRNG(11))
	if !equalData(a, b) {
		t.Error("same seed, different split")
	}
	if equalData(a, c) {
		t.Error("different seeds, same split")
	}
}

func TestStratifiedSplitErrors(t *testing.T) {
	d := indexed([]int{0, 1, 0, 1}, 2)
	for _, frac := range []float64{0, 1, -0.2, 1.5, math.NaN(), math.Inf(1)} {
		if _, _, err := StratifiedSplit(d, frac, newRNG(1)); err == nil {
			t.Errorf("fraction %v: no error", frac)
		}
	}
	lonely := indexed([]int{0, 1, 2}, 3)
	if _, _, err := StratifiedSplit(lonely, 0.5, newRNG(1)); err == nil || !containsAll(err.Error(), "empty") {
		t.Errorf("one row per class: error %v, want an empty test part", err)
	}
}

// The in-place split must pick the same rows, in the same order, as the
// copying one, leave d as the training rows followed by the test rows, and
// share d's storage.
func TestStratifiedSplitInPlace(t *testing.T) {
	for _, tc := range []struct {
		name string
		d    *Dataset
		frac float64
	}{
		{"moons", Moons(301, 0.2, newRNG(3)), 0.2},
		{"three classes", Blobs(150, 0.5, newRNG(5), 3), 0.5},
		{"uneven", indexed([]int{0, 0, 0, 1, 0, 1, 1, 0, 0, 0, 2, 2, 1}, 3), 0.3},
		{"single row of a class", indexed([]int{0, 1, 1, 1, 0, 1}, 2), 0.4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantTrain, wantTest, err := StratifiedSplit(tc.d, tc.frac, newRNG(9))
			if err != nil {
				t.Fatal(err)
			}
			every := make([]int, tc.d.Len())
			for i := range every {
				every[i] = i
			}
			d := tc.d.Subset(every) // a copy to reorder
			train, test, err := StratifiedSplitInPlace(d, tc.frac, newRNG(9))
			if err != nil {
				t.Fatal(err)
			}
			if !equalData(train, wantTrain) || !equalData(test, wantTest) {
				t.Fatal("the in-place split differs from StratifiedSplit")
			}
			whole := append(slices.Clone(wantTrain.X.Data()), wantTest.X.Data()...)
			if !slices.Equal(d.X.Data(), whole) || !slices.Equal(d.Y, append(slices.Clone(wantTrain.Y), wantTest.Y...)) {
				t.Error("d is not the training rows followed by the test rows")
			}
			train.X.Data()[0] = 1e9
			test.Y[0] = 2
			if d.X.Data()[0] != 1e9 || d.Y[train.Len()] != 2 {
				t.Error("the parts do not share d's storage")
			}
			if cap(train.Y) != train.Len() || cap(train.X.Data()) != train.X.Len() {
				t.Error("appending to the training part would overwrite the test part")
			}
		})
	}
	if _, _, err := StratifiedSplitInPlace(indexed([]int{0, 1, 2}, 3), 0.5, newRNG(1)); err == nil {
		t.Error("one row per class: no error")
	}
}

func TestStratifiedIndicesAreTheSplit(t *testing.T) {
	d := Blobs(97, 0.5, rand.New(rand.NewPCG(4, 4)), 3)
	trIdx, teIdx, err := StratifiedIndices(d, 0.3, rand.New(rand.NewPCG(5, 5)))
	if err != nil {
		t.Fatal(err)
	}
	tr, te, err := StratifiedSplit(d, 0.3, rand.New(rand.NewPCG(5, 5)))
	if err != nil {
		t.Fatal(err)
	}
	if len(trIdx)+len(teIdx) != d.Len() {
		t.Fatalf("%d + %d indices for %d rows", len(trIdx), len(teIdx), d.Len())
	}
	for _, c := range []struct {
		idx  []int
		part *Dataset
	}{{trIdx, tr}, {teIdx, te}} {
		want := d.Subset(c.idx)
		if !slices.Equal(want.X.Data(), c.part.X.Data()) || !slices.Equal(want.Y, c.part.Y) {
			t.Error("the indices' rows differ from StratifiedSplit's part")
		}
	}
}
