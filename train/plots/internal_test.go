package plots

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/nnlab/nnlab/tensor"
)

func TestPredicted(t *testing.T) {
	tests := []struct {
		p     []float64
		class int
		conf  float64
	}{
		{[]float64{0.9, 0.1}, 0, 0.8},
		{[]float64{0.5, 0.5}, 0, 0},
		{[]float64{0.2, 0.8}, 1, 0.6},
		{[]float64{0.8}, 1, 0.6}, // one column: P(class 1)
		{[]float64{0.1}, 0, 0.8},
		{[]float64{0.5}, 0, 0},
		{[]float64{0.2, 0.2, 0.6}, 2, 0.4}, // (0.6-1/3)/(2/3)
		{[]float64{1, 0, 0}, 0, 1},
		{[]float64{0, 1.5}, 1, 1}, // not a probability: capped
		{[]float64{0.3, math.NaN()}, -1, 0},
		{[]float64{math.Inf(1)}, -1, 0},
	}
	for _, tt := range tests {
		class, conf := predicted(tt.p)
		if class != tt.class || math.Abs(conf-tt.conf) > 1e-12 {
			t.Errorf("predicted(%v) = %d, %v; want %d, %v", tt.p, class, conf, tt.class, tt.conf)
		}
	}
}

// The grid must cover the data with a margin, sample cell centres in
// picture order (top row first), and paint each pixel by the prediction
// at its point.
func TestNewBoundaryGridAndPaint(t *testing.T) {
	X := tensor.New([]float64{-1, 0, 1, 2, 0, 4}, 3, 2) // x in [-1,1], y in [0,4]
	labels := []int{0, 1, 1}
	const res = 10
	var seen *tensor.Tensor
	// Class 1 right of x = 0.3 and above y = 1: a corner of certainty,
	// class 0 elsewhere, equally sure.
	proba := func(g *tensor.Tensor) *tensor.Tensor {
		seen = g.Clone()
		P := tensor.Zeros(g.Rows(), 2)
		for i := range g.Rows() {
			c := 0
			if g.At(i, 0) > 0.3 && g.At(i, 1) > 1 {
				c = 1
			}
			P.Set(1, i, c)
		}
		return P
	}
	b, err := newBoundary(proba, []Split{{X: X, Labels: labels}}, nil, res)
	if err != nil {
		t.Fatal(err)
	}
	if want := [4]float64{-1.2, 1.2, -0.4, 4.4}; math.Abs(b.x0-want[0]) > 1e-12 || math.Abs(b.x1-want[1]) > 1e-12 ||
		math.Abs(b.y0-want[2]) > 1e-12 || math.Abs(b.y1-want[3]) > 1e-12 {
		t.Errorf("painted rectangle x %v..%v y %v..%v, want %v", b.x0, b.x1, b.y0, b.y1, want)
	}
	if !slices.Equal(seen.Shape(), []int{res * res, 2}) {
		t.Fatalf("proba saw shape %v, want [%d 2]", seen.Shape(), res*res)
	}
	dx, dy := 2.4/res, 4.8/res
	for r := range res {
		for c := range res {
			x, y := seen.At(r*res+c, 0), seen.At(r*res+c, 1)
			wantX, wantY := -1.2+(float64(c)+0.5)*dx, 4.4-(float64(r)+0.5)*dy
			if math.Abs(x-wantX) > 1e-12 || math.Abs(y-wantY) > 1e-12 {
				t.Fatalf("grid point (%d, %d) = (%v, %v), want (%v, %v)", r, c, x, y, wantX, wantY)
			}
			want := tint(Color(0), 0.45)
			if x > 0.3 && y > 1 {
				want = tint(Color(1), 0.45)
			}
			if got := b.regions.NRGBAAt(c, r); got != want {
				t.Fatalf("pixel (%d, %d) at (%.2f, %.2f) = %v, want %v", c, r, x, y, got, want)
			}
		}
	}
}

// In the PNG, a model sure everywhere paints both regions in their flat
// tints, each covering a good share of the picture.
func TestDecisionBoundaryPaintsRegions(t *testing.T) {
	X, labels := moons(50)
	step := func(g *tensor.Tensor) *tensor.Tensor {
		P := tensor.Zeros(g.Rows(), 2)
		for i := range g.Rows() {
			if g.At(i, 0) < 0.5 {
				P.Set(1, i, 0)
			} else {
				P.Set(1, i, 1)
			}
		}
		return P
	}
	dir, path := outPath(t, "b.png")
	if err := DecisionBoundary(path, step, X, labels, nil, "step"); err != nil {
		t.Fatal(err)
	}
	counts := colours(decodePNG(t, path, 700, 550))
	total := 700 * 550
	for c := range 2 {
		tc := tint(Color(c), 0.45)
		if share := float64(counts[tc]) / float64(total); share < 0.15 {
			t.Errorf("class %d region colour %v covers %.1f%% of the picture, want at least 15%%", c, tc, 100*share)
		}
	}
	assertNothingWritten(t, dir, "b.png")
}

func TestLogTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		labels []string
	}{
		{0.3, 0.7, []string{"0.3", "0.4", "0.5", "0.6", "0.7"}},
		{0.02, 0.5, []string{"0.02", "0.05", "0.1", "0.2", "0.5"}},
		{1e-4, 1, []string{"0.0001", "0.001", "0.01", "0.1", "1"}},
		{3, 3e5, []string{"10", "100", "1000", "10000", "100000"}},
	}
	for _, tt := range tests {
		var labels []string
		for _, tk := range (logTicks{}).Ticks(tt.lo, tt.hi) {
			if tk.Value < tt.lo || tk.Value > tt.hi {
				t.Errorf("Ticks(%v, %v): tick %v outside the range", tt.lo, tt.hi, tk.Value)
			}
			if tk.Label != "" {
				labels = append(labels, tk.Label)
			}
		}
		if !slices.Equal(labels, tt.labels) {
			t.Errorf("Ticks(%v, %v) labels %v, want %v", tt.lo, tt.hi, labels, tt.labels)
		}
	}
	if got := (logTicks{}).Ticks(0, 1); got != nil {
		t.Errorf("Ticks(0, 1) = %v, want none", got)
	}
}

func TestIntegerTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		labels []string
		minors int
	}{
		{1, 3, []string{"1", "2", "3"}, 0},
		{0.9, 1.1, []string{"1"}, 0},
		{1, 10, []string{"2", "4", "6", "8", "10"}, 5},
		{1, 30, []string{"5", "10", "15", "20", "25", "30"}, 24},
		{0, 100, []string{"0", "20", "40", "60", "80", "100"}, 5},
		{-0.5, 1e3, []string{"0", "200", "400", "600", "800", "1000"}, 5},
	}
	for _, tt := range tests {
		var labels []string
		minors := 0
		for _, tk := range (integerTicks{}).Ticks(tt.lo, tt.hi) {
			if tk.Value != math.Trunc(tk.Value) || tk.Value < tt.lo || tk.Value > tt.hi {
				t.Errorf("Ticks(%v, %v): tick %v not a whole number in range", tt.lo, tt.hi, tk.Value)
			}
			if tk.Label != "" {
				labels = append(labels, tk.Label)
			} else {
				minors++
			}
		}
		if !slices.Equal(labels, tt.labels) || minors != tt.minors {
			t.Errorf("Ticks(%v, %v) labels %v and %d minor ticks, want %v and %d", tt.lo, tt.hi, labels, minors, tt.labels, tt.minors)
		}
	}
}

func TestDrawable(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	xs := []float64{1, 2, nan, 4, 0, 6, -7}
	ys := []float64{1, inf, 3, 0, 5, -6, 7}
	tests := []struct {
		logX, logY bool
		want       []float64 // x of the kept points
	}{
		{false, false, []float64{1, 4, 0, 6, -7}},
		{true, false, []float64{1, 4, 6}},
		{false, true, []float64{1, 0, -7}},
		{true, true, []float64{1}},
	}
	for _, tt := range tests {
		var got []float64
		for _, p := range drawable(xs, ys, tt.logX, tt.logY) {
			got = append(got, p.X)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("drawable(logX=%v, logY=%v) kept x %v, want %v", tt.logX, tt.logY, got, tt.want)
		}
	}
}

// gonum/plot panics on some data; render must hand that back as an error.
func TestRenderTurnsPanicsIntoErrors(t *testing.T) {
	_, err := render(vg.Inch, vg.Inch, func(dc draw.Canvas) error {
		p := plot.New()
		p.Y.Scale = plot.LogScale{}
		p.Y.Min, p.Y.Max = -1, 1
		p.Draw(dc)
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "drawing failed") {
		t.Errorf("error %v, want a drawing failure", err)
	}
	sentinel := errors.New("sentinel")
	if _, err := render(vg.Inch, vg.Inch, func(draw.Canvas) error { return sentinel }); !errors.Is(err, sentinel) {
		t.Errorf("error %v, want the paint error", err)
	}
}

func TestPalette(t *testing.T) {
	seen := map[[3]uint8]bool{}
	for i := range PaletteSize {
		c := Color(i)
		if c.A != 0xFF {
			t.Errorf("Color(%d) = %v is not opaque", i, c)
		}
		seen[[3]uint8{c.R, c.G, c.B}] = true
		if Color(i+PaletteSize) != c || Color(-i) != c {
			t.Errorf("Color(%d) does not cycle", i)
		}
	}
	if len(seen) != PaletteSize {
		t.Errorf("%d distinct colours, want %d", len(seen), PaletteSize)
	}
	c := Color(1)
	if tint(c, 1) != c || tint(c, 0) != (color.NRGBA{R: 255, G: 255, B: 255, A: 255}) {
		t.Errorf("tint(c, 1) = %v, want %v; tint(c, 0) = %v, want white", tint(c, 1), c, tint(c, 0))
	}
}

func TestAxisLabels(t *testing.T) {
	if x, y := axisLabels([]string{"sepal", "petal"}); x != "sepal" || y != "petal" {
		t.Errorf("named axes: %q, %q", x, y)
	}
	for _, names := range [][]string{nil, {"only one"}, {"a", "b", "c"}} {
		if x, y := axisLabels(names); x != "feature 0" || y != "feature 1" {
			t.Errorf("axisLabels(%q) = %q, %q; want the default names", names, x, y)
		}
	}
}

// Series of one group share a colour; an ungrouped series has its own;
// without groups every series has its place's colour, as before.
func TestSeriesColours(t *testing.T) {
	got := seriesColours([]Series{{Group: "relu"}, {Group: "relu"}, {}, {Group: "elu"}, {Group: "relu"}})
	if want := []int{0, 0, 1, 2, 0}; !slices.Equal(got, want) {
		t.Errorf("colours %v, want %v", got, want)
	}
	if got := seriesColours(make([]Series, 3)); !slices.Equal(got, []int{0, 1, 2}) {
		t.Errorf("ungrouped colours %v, want 0 1 2", got)
	}
}

// YFromZero and marked points change the picture; a chart draws them.
func TestChartOptions(t *testing.T) {
	dir := t.TempDir()
	base := Chart{Title: "t", XLabel: "x", YLabel: "y", Series: []Series{
		{Name: "a", X: []float64{1, 2, 3}, Y: []float64{5, 6, 7}, Group: "g"},
		{Name: "a never", X: []float64{4}, Y: []float64{8}, Group: "g", Marks: true},
		{Name: "b", X: []float64{1, 2, 3}, Y: []float64{5, 6, 7}, Dashed: true},
	}}
	zero := base
	zero.YFromZero = true
	var pics [][]byte
	for i, c := range []Chart{base, zero} {
		p := filepath.Join(dir, fmt.Sprintf("c%d.png", i))
		if err := c.Write(p); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(p)
		if err != nil || len(b) == 0 {
			t.Fatalf("%s: %v", p, err)
		}
		pics = append(pics, b)
	}
	if bytes.Equal(pics[0], pics[1]) {
		t.Error("YFromZero drew the same picture")
	}
}
