package plots

import (
	"fmt"
	"image"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/nnlab/nnlab/tensor"
)

// Grid resolutions of the painted regions: fine for a picture of its own,
// coarser in a grid of many, where each region is small and proba runs
// once per cell.
const (
	boundaryRes     = 150
	boundaryGridRes = 80
)

// DecisionBoundary draws how a classifier splits the plane of a
// two-feature data set and writes it to path as a PNG. proba maps a batch
// of points ([m, 2]) to class probabilities ([m, K]); a single column is
// read as the probability of class 1 of two, as a sigmoid output. The
// plane around X (its range plus a margin) is painted in a light tint of
// the predicted class's colour, deeper where the model is surer, so the
// boundary shows where the tints meet and pale; X's points are drawn over
// it, coloured and shaped by their true class (labels), with a legend
// naming the classes (see [Scatter] for classes and labels).
//
// proba is called once, on a 150×150 grid of points. DecisionBoundary
// returns an error, and writes nothing, if X is not [n, 2] with n > 0 and
// finite values, if the labels do not match X, if proba is nil or returns
// the wrong shape, too few classes for the labels or a non-finite value,
// or if the file cannot be written.
//
// axisNames, if given, name the two features on the axes; without them the
// axes read "feature 0" and "feature 1".
func DecisionBoundary(path string, proba func(x *tensor.Tensor) *tensor.Tensor, X *tensor.Tensor, labels []int, classes []string, title string, axisNames ...string) error {
	return decisionBoundary("DecisionBoundary", path, proba, []Split{{X: X, Labels: labels}}, classes, title, axisNames)
}

// Split is one part of a two-feature data set drawn over a
// [DecisionBoundarySplits]: the name its legend entry gives it
// ("training", "test"), its points X ([n, 2]) and their true class labels.
type Split struct {
	Name   string
	X      *tensor.Tensor
	Labels []int
}

// MaxSplits is how many splits [DecisionBoundarySplits] tells apart.
const MaxSplits = int(numMarkerStyles)

// DecisionBoundarySplits draws a decision boundary as [DecisionBoundary]
// does, with the points of each split over it in a marker style of its
// own: the first split's markers filled with their class's colour, the
// second's hollow (a white centre), the third's with a dark centre. Class
// colours and shapes are the same in every split. The legend names the
// classes, then each split with its style ("test (hollow)"), so that a
// reader can tell the rows the model learned from from the rows it never
// saw. The splits are drawn in order, so later ones lie on top: put the
// training rows first. A split with no rows ([0, 2] and no labels) is
// allowed, and has no legend entry, as long as one split has rows.
//
// DecisionBoundarySplits returns an error, and writes nothing, if there
// are no splits or more than [MaxSplits], if a split's X or labels are
// wrong as DecisionBoundary would report (no rows excepted), if every
// split is empty, if proba is wrong as for DecisionBoundary, or if the
// file cannot be written.
func DecisionBoundarySplits(path string, proba func(x *tensor.Tensor) *tensor.Tensor, splits []Split, classes []string, title string, axisNames ...string) error {
	return decisionBoundary("DecisionBoundarySplits", path, proba, splits, classes, title, axisNames)
}

// decisionBoundary is DecisionBoundary and DecisionBoundarySplits, named
// op in errors.
func decisionBoundary(op, path string, proba func(x *tensor.Tensor) *tensor.Tensor, splits []Split, classes []string, title string, axisNames []string) error {
	b, err := newBoundary(proba, splits, classes, boundaryRes)
	return figure(op, path, 7*vg.Inch, 5.5*vg.Inch, func(dc draw.Canvas) error {
		if err != nil {
			return err
		}
		leg := newLegend(11)
		p := b.plot(title, &leg, 1)
		p.X.Label.Text, p.Y.Label.Text = axisLabels(axisNames)
		withLegendRight(dc, p, leg)
		return nil
	})
}

// boundary is a classifier's painted plane with the data drawn over it.
type boundary struct {
	sets           []*points // one per split; nil for an empty one
	splitNames     []string  // the splits' names; none for a lone split, drawn as DecisionBoundary does
	classNames     []string
	n              int // points in all the splits
	regions        *image.NRGBA
	x0, x1, y0, y1 float64 // the painted rectangle
}

// newBoundary checks the data, evaluates proba on a res×res grid over it
// and paints the regions.
func newBoundary(proba func(x *tensor.Tensor) *tensor.Tensor, splits []Split, classes []string, res int) (*boundary, error) {
	b, err := checkSplits(splits, classes)
	if err != nil {
		return nil, err
	}
	if proba == nil {
		return nil, fmt.Errorf("proba is nil")
	}

	// Pixel (c, r) samples the centre of its cell; row 0 is the top of
	// the picture, the largest y.
	dx, dy := (b.x1-b.x0)/float64(res), (b.y1-b.y0)/float64(res)
	grid := tensor.Zeros(res*res, 2)
	g := grid.Data()
	for r := range res {
		y := b.y1 - (float64(r)+0.5)*dy
		for c := range res {
			g[2*(r*res+c)] = b.x0 + (float64(c)+0.5)*dx
			g[2*(r*res+c)+1] = y
		}
	}
	P := proba(grid)
	if P == nil {
		return nil, fmt.Errorf("proba returned nil")
	}
	if P.Dims() != 2 || P.Rows() != res*res || P.Cols() == 0 {
		return nil, fmt.Errorf("proba returned shape %v for %d points, want [%d K]", P.Shape(), res*res, res*res)
	}
	k := P.Cols()
	if k == 1 {
		k = 2
	}
	if len(classes) > 0 && k != len(classes) {
		return nil, fmt.Errorf("proba gives %d classes (shape %v), but %d class names were given", k, P.Shape(), len(classes))
	}
	if len(b.classNames) > k {
		return nil, fmt.Errorf("label %d appears, but proba gives %d classes", len(b.classNames)-1, k)
	}
	b.regions = image.NewNRGBA(image.Rect(0, 0, res, res))
	pd := P.Data()
	for i := range res * res {
		class, conf := predicted(pd[i*P.Cols() : (i+1)*P.Cols()])
		if class < 0 {
			return nil, fmt.Errorf("proba returned a non-finite value %v at (%g, %g)",
				pd[i*P.Cols():(i+1)*P.Cols()], g[2*i], g[2*i+1])
		}
		b.regions.SetNRGBA(i%res, i/res, tint(Color(class), 0.12+0.33*conf))
	}
	return b, nil
}

// checkSplits checks each split's points (see [checkPoints]) and returns
// a boundary of them, unpainted, whose rectangle covers them all with a
// margin. A lone split is one data set, which may not be empty; of
// several, all but one may be.
func checkSplits(splits []Split, classes []string) (*boundary, error) {
	if len(splits) == 0 {
		return nil, fmt.Errorf("no splits")
	}
	if len(splits) > MaxSplits {
		return nil, fmt.Errorf("%d splits, but at most %d can be told apart", len(splits), MaxSplits)
	}
	b := &boundary{sets: make([]*points, len(splits))}
	xmin, xmax, ymin, ymax := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for i, s := range splits {
		if len(splits) > 1 {
			b.splitNames = append(b.splitNames, s.Name)
			if s.X != nil && s.X.Dims() == 2 && s.X.Rows() == 0 && len(s.Labels) == 0 {
				continue
			}
		}
		pts, err := checkPoints(s.X, s.Labels, classes)
		if err != nil {
			if len(splits) > 1 {
				return nil, fmt.Errorf("split %d (%q): %w", i, s.Name, err)
			}
			return nil, err
		}
		b.sets[i] = pts
		b.n += pts.n
		if len(pts.names) > len(b.classNames) {
			b.classNames = pts.names
		}
		xmin, xmax = math.Min(xmin, pts.xmin), math.Max(xmax, pts.xmax)
		ymin, ymax = math.Min(ymin, pts.ymin), math.Max(ymax, pts.ymax)
	}
	if b.n == 0 {
		return nil, fmt.Errorf("every split is empty")
	}
	b.x0, b.x1 = widen(xmin, xmax)
	b.y0, b.y1 = widen(ymin, ymax)
	return b, nil
}

// widen returns the range lo..hi with a margin of a tenth of it either
// side, so that no point sits on the picture's edge; a single value gets
// half a unit either side.
func widen(lo, hi float64) (float64, float64) {
	m := 0.1 * (hi - lo)
	if m == 0 {
		m = 0.5
	}
	return lo - m, hi + m
}

// predicted returns the most probable class of one row of probabilities
// and how sure that is, 0 for a uniform guess to 1 for certainty; class
// is -1 for a non-finite row. A single column is P(class 1) of two.
func predicted(p []float64) (class int, conf float64) {
	if len(p) == 1 {
		if !finite(p[0]) {
			return -1, 0
		}
		if p[0] > 0.5 {
			return 1, clamp01(2*p[0] - 1)
		}
		return 0, clamp01(1 - 2*p[0])
	}
	best := math.Inf(-1)
	for c, v := range p {
		if !finite(v) {
			return -1, 0
		}
		if v > best {
			class, best = c, v
		}
	}
	chance := 1 / float64(len(p))
	return class, clamp01((best - chance) / (1 - chance))
}

func clamp01(v float64) float64 { return math.Min(1, math.Max(0, v)) }

// plot returns a chart of the painted regions with the points over them,
// naming the classes and splits on leg if it is not nil; markerScale
// sizes the points.
func (b *boundary) plot(title string, leg *plot.Legend, markerScale float64) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Add(plotter.NewImage(b.regions, b.x0, b.y0, b.x1, b.y1))
	r := markerRadius(b.n, markerScale)
	for i, pts := range b.sets {
		if pts != nil {
			pts.add(p, r, markerStyle(i))
		}
	}
	if leg != nil {
		addClassLegend(leg, b.classNames, b.sets, r)
		for i, name := range b.splitNames {
			if b.sets[i] != nil {
				st := markerStyle(i)
				leg.Add(fmt.Sprintf("%s (%s)", name, styleNames[st]),
					thumbnails(st.markers(0, splitColor, nil, r), r)...)
			}
		}
	}
	// The painted rectangle is the whole data area: no white band
	// between it and the axes.
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = b.x0, b.x1, b.y0, b.y1
	p.X.Padding, p.Y.Padding = 0, 0
	return p
}

// axisLabels returns the two feature names to put on the axes: the given
// ones, or "feature 0" and "feature 1".
func axisLabels(names []string) (x, y string) {
	if len(names) == 2 {
		return names[0], names[1]
	}
	return "feature 0", "feature 1"
}
