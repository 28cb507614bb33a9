package plots

import (
	"fmt"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/nnlab/nnlab/tensor"
)

// Scatter draws the points of a two-feature data set X ([n, 2]) coloured
// and shaped by class, with a legend naming the classes. labels[i] is the
// class of row i; classes names them (classes[k] for class k). With no
// names, the classes are called "class 0", "class 1", ... The PNG is
// written atomically to path. Scatter returns an error, and writes
// nothing, if X is not [n, 2] with n > 0 and finite values, if the labels
// do not match X, or if the file cannot be written.
//
// axisNames, if given, name the two features on the axes, as in
// [DecisionBoundary].
func Scatter(path string, X *tensor.Tensor, labels []int, classes []string, title string, axisNames ...string) error {
	pts, err := checkPoints(X, labels, classes)
	return figure("Scatter", path, 7*vg.Inch, 5.5*vg.Inch, func(dc draw.Canvas) error {
		if err != nil {
			return err
		}
		p := plot.New()
		p.Title.Text = title
		p.X.Label.Text, p.Y.Label.Text = axisLabels(axisNames)
		p.Add(plotter.NewGrid())
		leg := newLegend(11)
		r := markerRadius(pts.n, 1)
		pts.add(p, r, filled)
		addClassLegend(&leg, pts.names, []*points{pts}, r)
		withLegendRight(dc, p, leg)
		return nil
	})
}

// points is a checked two-feature data set split by class.
type points struct {
	byClass []plotter.XYs
	names   []string
	n       int
	// xmin..ymax bound the points.
	xmin, xmax, ymin, ymax float64
}

// checkPoints validates a [n, 2] data set and its labels (see [Scatter])
// and splits it by class.
func checkPoints(X *tensor.Tensor, labels []int, classes []string) (*points, error) {
	if X == nil {
		return nil, fmt.Errorf("X is nil")
	}
	if X.Dims() != 2 || X.Cols() != 2 {
		return nil, fmt.Errorf("X has shape %v, want [n 2]: two features, one per axis", X.Shape())
	}
	n := X.Rows()
	if n == 0 {
		return nil, fmt.Errorf("X has no rows")
	}
	if len(labels) != n {
		return nil, fmt.Errorf("%d labels for the %d rows of X", len(labels), n)
	}
	k := len(classes)
	for i, l := range labels {
		switch {
		case l < 0:
			return nil, fmt.Errorf("label %d of row %d is negative", l, i)
		case len(classes) > 0 && l >= len(classes):
			return nil, fmt.Errorf("label %d of row %d has no name among the %d classes", l, i, len(classes))
		case l >= k:
			k = l + 1
		}
	}
	pts := &points{
		byClass: make([]plotter.XYs, k),
		names:   make([]string, k),
		n:       n,
		xmin:    math.Inf(1), xmax: math.Inf(-1),
		ymin: math.Inf(1), ymax: math.Inf(-1),
	}
	for c := range pts.names {
		if c < len(classes) {
			pts.names[c] = classes[c]
		} else {
			pts.names[c] = "class " + strconv.Itoa(c)
		}
	}
	d := X.Data()
	for i, l := range labels {
		x, y := d[2*i], d[2*i+1]
		if math.IsNaN(x) || math.IsInf(x, 0) || math.IsNaN(y) || math.IsInf(y, 0) {
			return nil, fmt.Errorf("row %d of X is not finite: (%v, %v)", i, x, y)
		}
		pts.byClass[l] = append(pts.byClass[l], plotter.XY{X: x, Y: y})
		pts.xmin, pts.xmax = math.Min(pts.xmin, x), math.Max(pts.xmax, x)
		pts.ymin, pts.ymax = math.Min(pts.ymin, y), math.Max(pts.ymax, y)
	}
	return pts, nil
}

// markerRadius returns the radius of the markers of n points: smaller as
// points get many, so that a dense cloud still shows its shape, times
// scale.
func markerRadius(n int, scale float64) vg.Length {
	r := 3.0
	switch {
	case n > 3000:
		r = 1.5
	case n > 800:
		r = 2.0
	case n > 250:
		r = 2.5
	}
	return vg.Points(r * scale)
}

// add puts the points on p, one marker per point of the given radius in
// the class's colour and shape, drawn in style st.
func (pts *points) add(p *plot.Plot, radius vg.Length, st markerStyle) {
	for c, xys := range pts.byClass {
		if len(xys) == 0 {
			continue
		}
		for _, sc := range st.markers(c, Color(c), xys, radius) {
			p.Add(sc)
		}
	}
}

// addClassLegend names on leg, in filled markers, each class that has a
// point in one of sets; names[k] names class k.
func addClassLegend(leg *plot.Legend, names []string, sets []*points, radius vg.Length) {
	for c, name := range names {
		for _, pts := range sets {
			if c < len(pts.byClass) && len(pts.byClass[c]) > 0 {
				leg.Add(name, thumbnails(filled.markers(c, Color(c), nil, radius), radius)...)
				break
			}
		}
	}
}
