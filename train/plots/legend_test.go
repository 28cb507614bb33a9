package plots

import (
	"math"
	"testing"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/nnlab/nnlab/train"
	"github.com/nnlab/nnlab/train/metrics"
)

// canvas returns a blank canvas of w×h, as figure gives its paint function.
func canvas(w, h vg.Length) draw.Canvas {
	return draw.New(vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(dpi)))
}

// assertLegendClear checks, independently of the placement's own
// arithmetic, that no line of c comes into the legend's box: it walks
// every segment in small steps, in the coordinates c was drawn in, and
// fails at the first step inside the box. A legend outside must lie right
// of the data area.
func assertLegendClear(t *testing.T, name string, c *chart, pl legendPlace) {
	t.Helper()
	box := pl.box
	if box.Max.X <= box.Min.X || box.Max.Y <= box.Min.Y {
		t.Fatalf("%s: empty legend box %v", name, box)
	}
	if pl.corner == outside {
		if box.Min.X < pl.data.Max.X {
			t.Errorf("%s: legend outside at x %v, inside the data area (right edge %v)", name, box.Min.X, pl.data.Max.X)
		}
		return
	}
	if box.Min.X < pl.data.Min.X || box.Max.X > pl.data.Max.X || box.Min.Y < pl.data.Min.Y || box.Max.Y > pl.data.Max.Y {
		t.Errorf("%s: corner legend %v is not inside the data area %v", name, box, pl.data.Rectangle)
	}
	trX, trY := c.p.Transforms(&pl.data)
	inside := func(x, y vg.Length) bool {
		return x >= box.Min.X && x <= box.Max.X && y >= box.Min.Y && y <= box.Max.Y
	}
	for li, xys := range c.lines {
		for i := range xys {
			a, b := xys[i], xys[min(i+1, len(xys)-1)]
			for s := 0; s <= 200; s++ {
				f := float64(s) / 200
				x, y := a.X+f*(b.X-a.X), a.Y+f*(b.Y-a.Y)
				if inside(trX(x), trY(y)) {
					t.Fatalf("%s: line %d passes through (%g, %g), inside the legend box %v (corner %d)",
						name, li, x, y, box, pl.corner)
				}
			}
		}
	}
}

// lossHistory returns a history of n epochs with the given loss and
// accuracy curves, functions of the run's progress from 0 to 1.
func lossHistory(n int, trainLoss, valLoss, trainAcc, valAcc func(f float64) float64) *train.History {
	h := &train.History{Columns: []string{train.ColEpoch, train.ColTrainLoss, train.ColValLoss,
		train.ColTrainAccuracy, train.ColValAccuracy}}
	for e := range n {
		f := float64(e) / float64(n-1)
		h.Rows = append(h.Rows, []float64{float64(e + 1), trainLoss(f), valLoss(f), trainAcc(f), valAcc(f)})
	}
	return h
}

// Loss curves that rise into the top right, where the legend used to sit,
// move it to a corner they leave free; curves through every corner move
// it beside the chart.
func TestLossLegendAvoidsCurves(t *testing.T) {
	rising := func(f float64) float64 { return 0.1 + 0.9*f }
	falling := func(f float64) float64 { return 1 - 0.9*f }
	flat := func(float64) float64 { return 0.55 }
	tests := []struct {
		name    string
		h       *train.History
		corners []int // of the loss chart, then the accuracy chart
	}{
		// The loss climbs through the top right and the accuracy falls
		// through the bottom right (its old legend corner).
		{"rising", lossHistory(50, rising, flat, falling, flat), []int{topLeft, topRight}},
		// Crossing diagonals fill all four corners.
		{"crossing", lossHistory(50, rising, falling, rising, falling), []int{outside, outside}},
	}
	for _, tt := range tests {
		charts, err := historyCharts(tt.h)
		if err != nil {
			t.Fatal(err)
		}
		places := drawCharts(canvas(11*vg.Inch, 4.25*vg.Inch), charts)
		for i, c := range charts {
			if places[i].corner != tt.corners[i] {
				t.Errorf("%s chart %d: legend in corner %d, want %d", tt.name, i, places[i].corner, tt.corners[i])
			}
			assertLegendClear(t, tt.name+" "+c.p.Title.Text, c, places[i])
		}
	}
}

// An ROC curve below chance runs through the bottom right, where the
// legend used to sit; the legend moves to the top left.
func TestROCLegendAvoidsCurves(t *testing.T) {
	curves := []NamedCurve{
		{Name: "worse than chance", Curve: metrics.ROCCurve{FPR: []float64{0, 1, 1}, TPR: []float64{0, 0.1, 1}}, AUC: 0.05},
		{Name: "fair", Curve: metrics.ROCCurve{FPR: []float64{0, 0.3, 1}, TPR: []float64{0, 0.7, 1}}, AUC: 0.7},
	}
	c, err := rocChart(curves, "ROC")
	if err != nil {
		t.Fatal(err)
	}
	pl := c.draw(canvas(6*vg.Inch, 6*vg.Inch))
	if pl.corner != topLeft {
		t.Errorf("legend in corner %d, want the top left (%d)", pl.corner, topLeft)
	}
	assertLegendClear(t, "ROC", c, pl)

	// The circle run's curves: up the left side and along the top.
	good := metrics.ROCCurve{FPR: []float64{0, 0, 0.02, 0.1, 1}, TPR: []float64{0, 0.9, 0.97, 1, 1}}
	c, err = rocChart([]NamedCurve{{Name: "test split", Curve: good, AUC: 0.99}}, "ROC")
	if err != nil {
		t.Fatal(err)
	}
	pl = c.draw(canvas(6*vg.Inch, 6*vg.Inch))
	if pl.corner != bottomRight {
		t.Errorf("good curve: legend in corner %d, want the bottom right (%d)", pl.corner, bottomRight)
	}
	assertLegendClear(t, "ROC good", c, pl)
}

// segmentMeets is the whole of the collision test: check it against
// cases worked by hand.
func TestSegmentMeets(t *testing.T) {
	r := vg.Rectangle{Min: vg.Point{X: 10, Y: 10}, Max: vg.Point{X: 20, Y: 20}}
	p := func(x, y vg.Length) vg.Point { return vg.Point{X: x, Y: y} }
	tests := []struct {
		a, b vg.Point
		want bool
	}{
		{p(0, 0), p(30, 30), true},    // through the middle
		{p(0, 15), p(5, 15), false},   // stops short
		{p(15, 15), p(15, 15), true},  // a point inside
		{p(25, 15), p(25, 15), false}, // a point outside
		{p(0, 25), p(30, 25), false},  // passes above
		{p(0, 20), p(30, 20), true},   // along the top edge
		{p(0, 38), p(38, 0), true},    // clips the top right corner
		{p(0, 41), p(41, 0), false},   // misses it
		{p(15, 0), p(15, 30), true},   // vertical, through
		{p(5, 0), p(5, 30), false},    // vertical, left of it
	}
	for _, tt := range tests {
		if got := segmentMeets(tt.a, tt.b, r); got != tt.want {
			t.Errorf("segmentMeets(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// Series with a single point (a line of one epoch) still keep the legend
// off it.
func TestLegendAvoidsSinglePoints(t *testing.T) {
	c := newChart("points")
	c.addSeries(0, Series{Name: "a"}, plotter.XYs{{X: 1, Y: 1}})
	c.addSeries(1, Series{Name: "b"}, plotter.XYs{{X: 0, Y: 0}})
	c.p.X.Min, c.p.X.Max, c.p.Y.Min, c.p.Y.Max = 0, 1, 0, 1
	pl := c.draw(canvas(5*vg.Inch, 4*vg.Inch))
	if pl.corner != topLeft {
		t.Errorf("legend in corner %d, want the top left (%d)", pl.corner, topLeft)
	}
	assertLegendClear(t, "points", c, pl)
	if math.IsNaN(float64(pl.box.Min.X)) {
		t.Fatal("NaN box")
	}
}
