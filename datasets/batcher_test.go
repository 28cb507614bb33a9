package datasets

import (
	"slices"
	"testing"
)

func TestBatcherSizes(t *testing.T) {
	cases := []struct {
		n, size int
		want    []int
	}{
		{10, 3, []int{3, 3, 3, 1}},
		{9, 3, []int{3, 3, 3}},
		{5, 8, []int{5}},
		{1, 1, []int{1}},
		{7, 1, []int{1, 1, 1, 1, 1, 1, 1}},
		{0, 4, nil},
	}
	for _, c := range cases {
		for _, shuffle := range []bool{false, true} {
			d := indexed(make([]int, c.n), 1)
			for i := range d.Y {
				d.Y[i] = i // label = row, to check that x and y travel together
			}
			d.Classes = indexNames(max(c.n, 1))
			var b *Batcher
			if shuffle {
				b = NewBatcher(d, c.size, newRNG(1))
			} else {
				b = NewBatcher(d, c.size, nil)
			}
			if b.NumBatches() != len(c.want) {
				t.Errorf("n=%d size=%d: NumBatches %d, want %d", c.n, c.size, b.NumBatches(), len(c.want))
			}
			for epoch := range 3 {
				b.Reset()
				var sizes, seen []int
				for x, y, ok := b.Next(); ok; x, y, ok = b.Next() {
					if x.Rows() != len(y) || x.Cols() != 2 || len(x.Data()) != 2*len(y) {
						t.Fatalf("batch x %v with %d labels", x.Shape(), len(y))
					}
					for k, r := range y {
						if x.At(k, 0) != float64(r) || x.At(k, 1) != float64(10*r) {
							t.Fatalf("row %v with label %d", x.Row(k), r)
						}
					}
					sizes = append(sizes, len(y))
					seen = append(seen, y...)
				}
				if !slices.Equal(sizes, c.want) {
					t.Errorf("n=%d size=%d shuffle=%v epoch %d: sizes %v, want %v", c.n, c.size, shuffle, epoch, sizes, c.want)
				}
				if !shuffle && !slices.IsSorted(seen) {
					t.Errorf("unshuffled batches out of order: %v", seen)
				}
				slices.Sort(seen)
				for i, r := range seen {
					if r != i {
						t.Fatalf("epoch does not cover every row once: %v", seen)
					}
				}
				if _, _, ok := b.Next(); ok {
					t.Error("Next after the end of the epoch returned a batch")
				}
			}
		}
	}
}

func TestBatcherShuffle(t *testing.T) {
	d := indexed(make([]int, 50), 1)
	order := func(b *Batcher) []float64 {
		var rows []float64
		for x, _, ok := b.Next(); ok; x, _, ok = b.Next() {
			for k := range x.Rows() {
				rows = append(rows, x.At(k, 0))
			}
		}
		return rows
	}
	a, b := NewBatcher(d, 16, newRNG(3)), NewBatcher(d, 16, newRNG(3))
	a1, b1 := order(a), order(b)
	a.Reset()
	b.Reset()
	a2, b2 := order(a), order(b)
	if !slices.Equal(a1, b1) || !slices.Equal(a2, b2) {
		t.Error("same seed, different batches")
	}
	if slices.Equal(a1, a2) {
		t.Error("Reset did not reshuffle")
	}
	if slices.IsSorted(a1) {
		t.Error("first epoch not shuffled")
	}
	if c := order(NewBatcher(d, 16, newRNG(4))); slices.Equal(a1, c) {
		t.Error("different seeds, same order")
	}
}

// TestBatcherSeesChanges checks that batches read the dataset at Next, so
// standardising in place after NewBatcher is honoured.
func TestBatcherSeesChanges(t *testing.T) {
	d := indexed([]int{0, 0, 0}, 1)
	b := NewBatcher(d, 3, nil)
	d.X.Data()[0] = 42
	if x, _, _ := b.Next(); x.At(0, 0) != 42 {
		t.Errorf("batch row 0 = %v, want the updated 42", x.Row(0))
	}
}

func TestBatcherNoAllocs(t *testing.T) {
	d := Spiral(1000, 0.1, newRNG(1), 3)
	b := NewBatcher(d, 64, newRNG(2)) // 15 full batches and one of 40
	allocs := testing.AllocsPerRun(100, func() {
		if _, _, ok := b.Next(); !ok {
			b.Reset()
		}
	})
	if allocs != 0 {
		t.Errorf("Next/Reset allocate %v times per call", allocs)
	}
}

func TestNewBatcherPanics(t *testing.T) {
	d := indexed([]int{0, 0}, 1)
	for name, f := range map[string]func(){
		"zero size":     func() { NewBatcher(d, 0, nil) },
		"labels differ": func() { NewBatcher(&Dataset{X: d.X, Y: []int{0}}, 2, nil) },
	} {
		func() {
			defer func() {
				if r, _ := recover().(string); !containsAll(r, "datasets: NewBatcher") {
					t.Errorf("%s: panic %q", name, r)
				}
			}()
			f()
		}()
	}
}

func BenchmarkBatcherNext(b *testing.B) {
	d := Blobs(10000, 0.1, newRNG(1), 3)
	bt := NewBatcher(d, 128, newRNG(2))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, ok := bt.Next(); !ok {
			bt.Reset()
		}
	}
}
