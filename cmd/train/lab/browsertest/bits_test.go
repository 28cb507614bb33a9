package browsertest

import (
	"fmt"
	"math"
	"testing"

	"github.com/nnlab/nnlab/cmd/train/internal/lab/engine"
)

// TestRunsHaveNativeBits trains runs in the page and natively and
// requires every value of every epoch's history row (losses, accuracies,
// AUC, R², the per-layer gradient norms, dead fractions and activation
// rates) to be the same float64, not merely close. The first is the
// dying-ReLU preset of docs/experiments.md (Adam at lr 0.3), chaotic
// enough that a single differing bit, from math.Exp's amd64 assembly or
// from the GEMM, grew to 1e-6 within a dozen epochs and to a different
// run by the thirtieth; the others pass through every function of
// internal/fmath: GELU (Erf, Exp), tanh, sin and cos features, the
// spiral (Sin, Cos), reg-gauss (Hypot) and the cross-entropy of three
// classes (Exp, Log).
func TestRunsHaveNativeBits(t *testing.T) {
	p := newPage(t)
	for _, c := range []struct {
		q      string
		epochs int
	}{
		{"data=moons&noise=0.1&hidden=32,32,32&act=relu&opt=adam&lr=0.3&seed=1", 30},
		{"data=spiral&noise=0.2&features=x1,x2,sin(x1),cos(x2)&hidden=8,8&act=gelu&opt=adam&lr=0.1&seed=3", 8},
		{"data=blobs&hidden=6&act=tanh&opt=rmsprop&lr=0.05&seed=2", 6},
		{"task=regression&data=reg-gauss&hidden=8,8&act=softplus&opt=adamw&lr=0.03&seed=4", 6},
	} {
		a, err := engine.ParseAddress(c.q)
		if err != nil {
			t.Fatal(err)
		}
		p.trainTo(c.q, c.epochs)
		var page struct {
			Columns []string     `json:"columns"`
			Rows    [][]*float64 `json:"rows"`
		}
		p.eval(`window.lab.shown().history`, &page)
		_, h := native(t, a.Config, c.epochs)
		if len(page.Rows) != c.epochs || len(page.Columns) != len(h.Columns) {
			t.Fatalf("%s: the page has %d rows of %d columns, native %d of %d", c.q, len(page.Rows), len(page.Columns), h.Len(), len(h.Columns))
		}
		for j, col := range page.Columns {
			want := h.Series(col)
			for e, row := range page.Rows {
				if !sameBits(row[j], want[e]) {
					t.Errorf("%s: %s at epoch %d: page %v, native %v", c.q, col, e+1, show(row[j]), want[e])
				}
			}
		}
	}
	p.noErrors()
}

// sameBits reports whether the page's value (nil for a NaN or an
// infinity, which JSON cannot hold) is the native float64 to the bit.
func sameBits(got *float64, want float64) bool {
	if got == nil {
		return math.IsNaN(want) || math.IsInf(want, 0)
	}
	return math.Float64bits(*got) == math.Float64bits(want)
}

func show(v *float64) string {
	if v == nil {
		return "null"
	}
	return fmt.Sprint(*v)
}
