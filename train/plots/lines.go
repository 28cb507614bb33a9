package plots

import (
	"fmt"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Series is one named line of a [Lines] chart or a [Chart]: the points
// (X[i], Y[i]).
type Series struct {
	Name string
	X, Y []float64
	// Group names the quantity's owner: series of the same non-empty
	// Group share a colour (an activation's dead fraction and accuracy,
	// say); a series with an empty Group has a colour of its own.
	Group string
	// Dashed draws the line dashed, so that a line lying under another
	// still shows.
	Dashed bool
	// Marks draws the points alone, as crosses with no line: values that
	// stand for something other than a measurement, such as "never
	// reached, drawn at the cap".
	Marks bool
}

// Chart is a line chart: title, axis labels and scales, and its series.
type Chart struct {
	Title, XLabel, YLabel string
	LogX, LogY            bool
	// YFromZero starts the y axis at 0, for rates, fractions and counts
	// (ignored on a log axis).
	YFromZero bool
	Series    []Series
}

// Lines draws a chart of several series, each a line in its own colour,
// with a legend beside the chart, and writes it to path as a PNG.
// logX and logY put the axes on a log scale.
//
// Points that cannot be drawn are left out, as matplotlib masks them: NaN
// or infinite coordinates (a diverged run, or an epoch where a value was
// not measured) and, on a log axis, values that are not positive. The line
// joins the points on either side. A series left with no point keeps its
// legend entry, marked "(no data)", so that a run that diverged is not
// silently missing. Lines returns an error, and writes nothing, if there
// is no series, if a series' X and Y differ in length, if no series has a
// point to draw, or if the file cannot be written.
func Lines(path string, title, xLabel, yLabel string, logX, logY bool, series []Series) error {
	return Chart{Title: title, XLabel: xLabel, YLabel: yLabel, LogX: logX, LogY: logY, Series: series}.write("Lines", path)
}

// Write draws the chart as [Lines] does, with the chart's options, and
// writes it to path as a PNG.
func (c Chart) Write(path string) error { return c.write("Chart.Write", path) }

func (c Chart) write(op, path string) error {
	return figure(op, path, 8*vg.Inch, 5*vg.Inch, func(dc draw.Canvas) error {
		if len(c.Series) == 0 {
			return fmt.Errorf("no series")
		}
		ch := newChart(c.Title)
		p := ch.p
		p.X.Label.Text, p.Y.Label.Text = c.XLabel, c.YLabel
		p.Add(plotter.NewGrid())
		drawn := 0
		colours := seriesColours(c.Series)
		for i, s := range c.Series {
			if len(s.X) != len(s.Y) {
				return fmt.Errorf("series %d (%q) has %d x and %d y values", i, s.Name, len(s.X), len(s.Y))
			}
			if ch.addSeries(colours[i], s, drawable(s.X, s.Y, c.LogX, c.LogY)) {
				drawn++
			}
		}
		if drawn == 0 {
			return fmt.Errorf("no series has a point to draw (all NaN, infinite, or not positive on a log axis)")
		}
		if c.LogX {
			setLog(&p.X)
		} else {
			widenSingle(&p.X)
		}
		if c.LogY {
			setLog(&p.Y)
		} else {
			widenSingle(&p.Y)
			if c.YFromZero && p.Y.Min > 0 {
				p.Y.Min = 0
			}
		}
		withLegendRight(dc, p, ch.leg)
		return nil
	})
}

// seriesColours gives each series its palette index: the series' own
// place without groups, and one index per group (or ungrouped series) in
// order of first appearance with them.
func seriesColours(series []Series) []int {
	out := make([]int, len(series))
	groups := map[string]int{}
	next := 0
	for i, s := range series {
		if s.Group == "" {
			out[i], next = next, next+1
			continue
		}
		c, ok := groups[s.Group]
		if !ok {
			c, next = next, next+1
			groups[s.Group] = c
		}
		out[i] = c
	}
	return out
}

// drawable returns the points of (xs, ys) that can be drawn on the axes.
func drawable(xs, ys []float64, logX, logY bool) plotter.XYs {
	out := make(plotter.XYs, 0, len(xs))
	for i, x := range xs {
		y := ys[i]
		if !finite(x) || !finite(y) || (logX && x <= 0) || (logY && y <= 0) {
			continue
		}
		out = append(out, plotter.XY{X: x, Y: y})
	}
	return out
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// addSeries draws s's drawable points xys in colour i of c, and names it
// in c's legend; it reports whether there was a point to draw.
func (c *chart) addSeries(i int, s Series, xys plotter.XYs) bool {
	if len(xys) == 0 {
		c.leg.Add(s.Name+" (no data)", seriesStyle(i, nil, s.Dashed))
		return false
	}
	c.lines = append(c.lines, xys)
	if s.Marks {
		sc := &plotter.Scatter{XYs: xys}
		sc.GlyphStyle = draw.GlyphStyle{Color: Color(i), Radius: vg.Points(4), Shape: draw.CrossGlyph{}}
		c.p.Add(sc)
		c.leg.Add(s.Name, sc)
		return true
	}
	line := seriesStyle(i, xys, s.Dashed)
	c.p.Add(line)
	thumbs := []plot.Thumbnailer{line}
	if sc := markers(i, xys); sc != nil {
		c.p.Add(sc)
		thumbs = append(thumbs, sc)
	}
	c.leg.Add(s.Name, thumbs...)
	return true
}

// seriesStyle returns series i's line through xys (which may be empty, for
// a legend thumbnail only), dashed if asked.
func seriesStyle(i int, xys plotter.XYs, dashed bool) *plotter.Line {
	l := &plotter.Line{XYs: xys}
	l.LineStyle = draw.LineStyle{Color: Color(i), Width: vg.Points(1.75), Dashes: dashes(i)}
	if dashed {
		l.LineStyle.Dashes = []vg.Length{vg.Points(6), vg.Points(3)}
	}
	return l
}

// markers returns dots on series i's points when they are few enough to
// tell apart, so that a single point, which draws no line, still shows; nil
// when they are many.
func markers(i int, xys plotter.XYs) *plotter.Scatter {
	if len(xys) > 40 {
		return nil
	}
	sc := &plotter.Scatter{XYs: xys}
	sc.GlyphStyle = draw.GlyphStyle{Color: Color(i), Radius: vg.Points(2.25), Shape: draw.CircleGlyph{}}
	return sc
}

// widenSingle gives a linear axis that spans a single value a tenth of
// it either side (or 1 around zero), where gonum would add a whole unit:
// an accuracy of 0.5 is best shown between 0.45 and 0.55, not -0.5 and 1.5.
func widenSingle(a *plot.Axis) {
	if a.Min != a.Max {
		return
	}
	m := 0.1 * math.Abs(a.Min)
	if m == 0 {
		m = 1
	}
	a.Min, a.Max = a.Min-m, a.Max+m
}

// setLog puts an axis on a log scale. Its range must be set from the data
// (p.Add does that) before the call: a single value gets a decade either
// side, where gonum would step one unit and could reach zero.
func setLog(a *plot.Axis) {
	a.Scale = plot.LogScale{}
	a.Tick.Marker = logTicks{}
	if a.Min == a.Max {
		a.Min, a.Max = a.Min/10, a.Max*10
	}
}

// logTicks marks every power of ten, and labels more of the in-between
// ticks the fewer decades the axis spans, so that an axis inside a single
// decade (a loss from 0.3 to 0.7) still has labels. gonum's LogTicks labels
// powers of ten only, and starts above a minimum below 1.
type logTicks struct{}

func (logTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(lo > 0) || !(hi >= lo) || math.IsInf(hi, 0) {
		return nil
	}
	first, last := int(math.Floor(math.Log10(lo))), int(math.Ceil(math.Log10(hi)))
	labelled := func(m int) bool { return m == 1 }
	switch decades := last - first; {
	case decades <= 1:
		labelled = func(int) bool { return true }
	case decades <= 3:
		labelled = func(m int) bool { return m == 1 || m == 2 || m == 5 }
	}
	var ticks []plot.Tick
	for e := first; e <= last; e++ {
		for m := 1; m <= 9; m++ {
			// Parsing the decimal gives the float nearest to m·10^e,
			// which m*math.Pow10(e) can miss (0.30000000000000004).
			v, _ := strconv.ParseFloat(strconv.Itoa(m)+"e"+strconv.Itoa(e), 64)
			if v < lo || v > hi {
				continue
			}
			t := plot.Tick{Value: v}
			if labelled(m) {
				t.Label = strconv.FormatFloat(v, 'g', -1, 64)
			}
			ticks = append(ticks, t)
		}
	}
	return ticks
}

// integerTicks labels whole numbers only, a round step apart, for axes
// that count (epochs): gonum's default ticks fall on 2.5 for a short run
// and on 4, 16, 28 for a run starting at 1.
type integerTicks struct{}

func (integerTicks) Ticks(lo, hi float64) []plot.Tick {
	if !finite(lo) || !finite(hi) || hi < lo {
		return nil
	}
	// The smallest step of 1, 2 or 5 times a power of ten that makes at
	// most 8 labels, with unlabelled minor ticks between.
	step, minor := 1.0, 0.0
	for pow := 1.0; (hi-lo)/step > 8; {
		switch step / pow {
		case 1:
			step, minor = 2*pow, pow
		case 2:
			step, minor = 5*pow, pow
		default:
			pow *= 10
			step, minor = pow, pow/5
		}
	}
	var ticks []plot.Tick
	for v := math.Ceil(lo/step) * step; v <= hi; v += step {
		if v == 0 {
			v = 0 // not -0, from ceil of a small negative
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', -1, 64)})
	}
	if minor > 0 {
		for v := math.Ceil(lo/minor) * minor; v <= hi; v += minor {
			if math.Mod(v, step) != 0 {
				ticks = append(ticks, plot.Tick{Value: v})
			}
		}
	}
	return ticks
}
