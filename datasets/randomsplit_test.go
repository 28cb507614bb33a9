package datasets

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestRandomSplitRegression(t *testing.T) {
	d := RegPlane(101, 0, rand.New(rand.NewPCG(1, 2)))
	tr, te, err := RandomSplit(d, 0.3, rand.New(rand.NewPCG(7, 7)))
	if err != nil {
		t.Fatal(err)
	}
	if tr.Len() != 71 || te.Len() != 30 || !tr.IsRegression() || !te.IsRegression() {
		t.Fatalf("parts of %d and %d rows (regression %v, %v), want 71 and 30 regression rows", tr.Len(), te.Len(), tr.IsRegression(), te.IsRegression())
	}
	// Every row lands in exactly one part, with its own target.
	seen := map[float64]int{}
	for _, p := range []*Dataset{tr, te} {
		for i := range p.Len() {
			seen[p.X.At(i, 0)]++
		}
	}
	for i := range d.Len() {
		if seen[d.X.At(i, 0)] != 1 {
			t.Fatalf("row %d is in %d parts", i, seen[d.X.At(i, 0)])
		}
	}
	// In place: the same rows for the same seed, as views of d.
	all := make([]int, d.Len())
	for i := range all {
		all[i] = i
	}
	c := d.Subset(all)
	tr2, te2, err := RandomSplitInPlace(c, 0.3, rand.New(rand.NewPCG(7, 7)))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(tr2.X.Data(), tr.X.Data()) || !slices.Equal(te2.Values, te.Values) || !slices.Equal(tr2.Values, tr.Values) {
		t.Fatal("RandomSplitInPlace chose other rows than RandomSplit for the same seed")
	}
	if &c.X.Data()[0] != &tr2.X.Data()[0] || !slices.Equal(c.Values[71:], te.Values) {
		t.Fatal("RandomSplitInPlace parts are not views of d, training rows first")
	}
}

func TestRandomSplitErrors(t *testing.T) {
	d := RegPlane(1, 0, rand.New(rand.NewPCG(1, 2)))
	if _, _, err := RandomSplit(d, 0.5, rand.New(rand.NewPCG(1, 1))); err == nil {
		t.Error("a one-row split did not fail")
	}
	d = RegPlane(10, 0, rand.New(rand.NewPCG(1, 2)))
	for _, f := range []float64{0, 1, -0.1} {
		if _, _, err := RandomSplit(d, f, rand.New(rand.NewPCG(1, 1))); err == nil {
			t.Errorf("test fraction %v did not fail", f)
		}
	}
	// Classification data splits too, labels following their rows.
	b := XOR(20, 0, rand.New(rand.NewPCG(3, 3)))
	tr, te, err := RandomSplit(b, 0.25, rand.New(rand.NewPCG(1, 1)))
	if err != nil || tr.Len() != 15 || te.Len() != 5 || len(te.Y) != 5 {
		t.Errorf("XOR split: %v, %d/%d rows", err, tr.Len(), te.Len())
	}
}
