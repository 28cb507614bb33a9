package plots

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// chart is a line chart with its legend and the lines drawn on it, in
// data coordinates, from which [chart.draw] places the legend where no
// line runs.
type chart struct {
	p     *plot.Plot
	leg   plot.Legend
	lines []plotter.XYs
}

// newChart returns an empty chart titled title.
func newChart(title string) *chart {
	c := &chart{p: plot.New(), leg: newLegend(11)}
	c.p.Title.Text = title
	return c
}

// Corners of the data area a legend may take, in the order they are tried.
const (
	topRight = iota
	topLeft
	bottomRight
	bottomLeft
	outside // a column right of the chart, when every corner has a line in it
)

// legendPlace is where a chart and its legend are drawn.
type legendPlace struct {
	corner int          // one of topRight ... outside
	chart  draw.Canvas  // the canvas the chart is drawn in
	data   draw.Canvas  // the chart's data area, inside chart
	box    vg.Rectangle // the legend's box
}

// Legend geometry: the gap between a corner legend and the data area's
// edges, and the clearance a line keeps from the legend's box: more than
// the gap, so that a line along the edge (an accuracy of 1) or a marker on
// the corner keeps the legend away.
var (
	legendInset     = vg.Points(4)
	legendClearance = vg.Points(7)
)

// place returns where c's legend goes when c is drawn in dc: the first
// corner of the data area, in the order top right, top left, bottom
// right, bottom left, whose box no line of c crosses or comes within
// legendClearance of; with every corner taken, a column to the right of
// the chart, which then draws narrower. Readers look for a legend in a
// corner first, so outside is the last resort.
func (c *chart) place(dc draw.Canvas) legendPlace {
	r := c.leg.Rectangle(dc)
	w := r.Max.X - r.Min.X
	h := r.Max.Y - r.Min.Y + c.leg.TextStyle.FontExtents().Descent
	da := c.p.DataCanvas(dc)
	trX, trY := c.p.Transforms(&da)
	var segs [][2]vg.Point
	for _, xys := range c.lines {
		for i, pt := range xys {
			a := vg.Point{X: trX(pt.X), Y: trY(pt.Y)}
			b := a
			if i+1 < len(xys) {
				b = vg.Point{X: trX(xys[i+1].X), Y: trY(xys[i+1].Y)}
			}
			segs = append(segs, [2]vg.Point{a, b})
		}
	}
	for corner := topRight; corner < outside; corner++ {
		box := cornerBox(da.Rectangle, corner, w, h)
		if !crossesAny(segs, grow(box, legendClearance)) {
			return legendPlace{corner: corner, chart: dc, data: da, box: box}
		}
	}
	gap := vg.Points(12)
	chartArea := draw.Crop(dc, 0, -(w + gap), 0, 0)
	da = c.p.DataCanvas(chartArea)
	box := vg.Rectangle{
		Min: vg.Point{X: dc.Max.X - w, Y: da.Max.Y - h},
		Max: vg.Point{X: dc.Max.X, Y: da.Max.Y},
	}
	return legendPlace{corner: outside, chart: chartArea, data: da, box: box}
}

// draw draws c and its legend into dc, the legend where [chart.place]
// puts it, and returns that place.
func (c *chart) draw(dc draw.Canvas) legendPlace {
	pl := c.place(dc)
	c.p.Draw(pl.chart)
	leg := c.leg
	leg.Top = true
	leg.Left = pl.corner == topLeft || pl.corner == bottomLeft || pl.corner == outside
	if pl.corner != outside {
		// A white ground hides the grid lines under the text; no data
		// line runs there.
		bg := grow(pl.box, vg.Points(2))
		dc.SetColor(color.White)
		dc.Fill(bg.Path())
	}
	leg.Draw(draw.Canvas{Canvas: dc.Canvas, Rectangle: pl.box})
	return pl
}

// cornerBox returns a box of w×h in the given corner of the data area da,
// legendInset in from its edges.
func cornerBox(da vg.Rectangle, corner int, w, h vg.Length) vg.Rectangle {
	x0 := da.Max.X - legendInset - w
	if corner == topLeft || corner == bottomLeft {
		x0 = da.Min.X + legendInset
	}
	y0 := da.Max.Y - legendInset - h
	if corner == bottomRight || corner == bottomLeft {
		y0 = da.Min.Y + legendInset
	}
	return vg.Rectangle{Min: vg.Point{X: x0, Y: y0}, Max: vg.Point{X: x0 + w, Y: y0 + h}}
}

// grow returns r with d added on every side.
func grow(r vg.Rectangle, d vg.Length) vg.Rectangle {
	return vg.Rectangle{Min: vg.Point{X: r.Min.X - d, Y: r.Min.Y - d}, Max: vg.Point{X: r.Max.X + d, Y: r.Max.Y + d}}
}

// crossesAny reports whether a segment of segs (a single point when its
// ends are equal) meets r.
func crossesAny(segs [][2]vg.Point, r vg.Rectangle) bool {
	for _, s := range segs {
		if segmentMeets(s[0], s[1], r) {
			return true
		}
	}
	return false
}

// segmentMeets reports whether the segment a–b meets the rectangle r, by
// Liang–Barsky clipping: the part of the segment inside each of r's four
// half-planes is an interval of the parameter t in [0, 1], and the segment
// meets r when the four intervals overlap.
func segmentMeets(a, b vg.Point, r vg.Rectangle) bool {
	t0, t1 := 0.0, 1.0
	dx, dy := float64(b.X-a.X), float64(b.Y-a.Y)
	// Each pair is (p, q) of the constraint p·t <= q.
	for _, pq := range [4][2]float64{
		{-dx, float64(a.X - r.Min.X)},
		{dx, float64(r.Max.X - a.X)},
		{-dy, float64(a.Y - r.Min.Y)},
		{dy, float64(r.Max.Y - a.Y)},
	} {
		p, q := pq[0], pq[1]
		switch {
		case p == 0:
			if q < 0 {
				return false // parallel to this edge and outside it
			}
		case p < 0:
			t0 = max(t0, q/p)
		default:
			t1 = min(t1, q/p)
		}
	}
	return t0 <= t1
}
