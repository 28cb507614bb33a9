package plots

import (
	"fmt"
	"image"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/nnlab/nnlab/tensor"
)

// PredictedVsTrue draws a regression model's predictions against the true
// values, one point per row, with the line where they agree, and writes
// it to path as a PNG. It returns an error, and writes nothing, if the
// slices are empty, of different lengths or hold a non-finite value.
func PredictedVsTrue(path string, truth, pred []float64, title string) error {
	err := checkValues(truth, pred)
	return figure("PredictedVsTrue", path, 6*vg.Inch, 5.5*vg.Inch, func(dc draw.Canvas) error {
		if err != nil {
			return err
		}
		p := plot.New()
		p.Title.Text = title
		p.X.Label.Text, p.Y.Label.Text = "true value", "predicted value"
		p.Add(plotter.NewGrid())
		xys := make(plotter.XYs, len(truth))
		lo, hi := math.Inf(1), math.Inf(-1)
		for i := range truth {
			xys[i].X, xys[i].Y = truth[i], pred[i]
			lo, hi = min(lo, truth[i], pred[i]), max(hi, truth[i], pred[i])
		}
		lo, hi = widen(lo, hi)
		diag, err := plotter.NewLine(plotter.XYs{{X: lo, Y: lo}, {X: hi, Y: hi}})
		if err != nil {
			return err
		}
		diag.Color, diag.Dashes = Color(1), dashes(1)
		s, err := plotter.NewScatter(xys)
		if err != nil {
			return err
		}
		s.Color = Color(0)
		p.Add(diag, s)
		p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = lo, hi, lo, hi
		p.Draw(dc)
		return nil
	})
}

func checkValues(vs ...[]float64) error {
	if len(vs[0]) == 0 {
		return fmt.Errorf("no values")
	}
	for _, v := range vs {
		if len(v) != len(vs[0]) {
			return fmt.Errorf("%d and %d values", len(vs[0]), len(v))
		}
		for i, x := range v {
			if !finite(x) {
				return fmt.Errorf("value %d is %v", i, x)
			}
		}
	}
	return nil
}

// OutputHeatmap draws a regression model's output over the plane of a
// two-feature data set and writes it to path as a PNG: the plane around X
// painted by f's first output on a diverging scale symmetric about zero
// (blue negative, red positive), X's points over it in the colour of
// their true values on the same scale, and a colour bar. f maps points
// [m, 2] to outputs [m, ≥1] and is called once, on a 150×150 grid. It
// returns an error, and writes nothing, if X is not [n, 2] with n > 0,
// values do not match its rows, or a value or output is not finite.
func OutputHeatmap(path string, f func(x *tensor.Tensor) *tensor.Tensor, X *tensor.Tensor, values []float64, title string, axisNames ...string) error {
	h, err := newHeatmap(f, X, values, boundaryRes)
	return figure("OutputHeatmap", path, 7*vg.Inch, 5.5*vg.Inch, func(dc draw.Canvas) error {
		if err != nil {
			return err
		}
		p := plot.New()
		p.Title.Text = title
		p.X.Label.Text, p.Y.Label.Text = axisLabels(axisNames)
		p.Add(plotter.NewImage(h.img, h.x0, h.y0, h.x1, h.y1))
		for i := range X.Rows() {
			s, err := plotter.NewScatter(plotter.XYs{{X: X.At(i, 0), Y: X.At(i, 1)}})
			if err != nil {
				return err
			}
			s.GlyphStyle.Shape = draw.CircleGlyph{}
			s.Color, _ = h.cm.At(clampTo(values[i], h.cm))
			ring, _ := plotter.NewScatter(plotter.XYs{{X: X.At(i, 0), Y: X.At(i, 1)}})
			ring.GlyphStyle.Shape, ring.GlyphStyle.Radius = draw.RingGlyph{}, s.GlyphStyle.Radius
			p.Add(s, ring)
		}
		p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = h.x0, h.x1, h.y0, h.y1
		p.X.Padding, p.Y.Padding = 0, 0
		bar := plot.New()
		bar.HideX()
		bar.Y.Label.Text = "output"
		bar.Add(&plotter.ColorBar{ColorMap: h.cm, Vertical: true})
		w := vg.Inch
		p.Draw(draw.Crop(dc, 0, -w, 0, 0))
		bar.Draw(draw.Crop(dc, dc.Max.X-dc.Min.X-w+vg.Points(12), 0, vg.Points(28), -vg.Points(24)))
		return nil
	})
}

// heatmap is a model's output painted over a plane.
type heatmap struct {
	img            *image.NRGBA
	cm             palette.ColorMap
	x0, x1, y0, y1 float64
}

func newHeatmap(f func(x *tensor.Tensor) *tensor.Tensor, X *tensor.Tensor, values []float64, res int) (*heatmap, error) {
	if X == nil || X.Dims() != 2 || X.Cols() != 2 || X.Rows() == 0 {
		return nil, fmt.Errorf("X must be [n, 2] with n > 0")
	}
	if err := checkValues(values); err != nil {
		return nil, err
	}
	if len(values) != X.Rows() {
		return nil, fmt.Errorf("%d values for %d points", len(values), X.Rows())
	}
	for i, v := range X.Data() {
		if !finite(v) {
			return nil, fmt.Errorf("X[%d, %d] is %v", i/2, i%2, v)
		}
	}
	if f == nil {
		return nil, fmt.Errorf("f is nil")
	}
	h := &heatmap{}
	xs, ys := make([]float64, X.Rows()), make([]float64, X.Rows())
	for i := range xs {
		xs[i], ys[i] = X.At(i, 0), X.At(i, 1)
	}
	h.x0, h.x1 = widen(minOf(xs), maxOf(xs))
	h.y0, h.y1 = widen(minOf(ys), maxOf(ys))
	dx, dy := (h.x1-h.x0)/float64(res), (h.y1-h.y0)/float64(res)
	grid := tensor.Zeros(res*res, 2)
	g := grid.Data()
	for r := range res {
		for c := range res {
			g[2*(r*res+c)] = h.x0 + (float64(c)+0.5)*dx
			g[2*(r*res+c)+1] = h.y1 - (float64(r)+0.5)*dy
		}
	}
	out := f(grid)
	if out == nil || out.Dims() != 2 || out.Rows() != res*res || out.Cols() == 0 {
		return nil, fmt.Errorf("f returned the wrong shape for %d points", res*res)
	}
	top := 0.0
	for _, v := range values {
		top = max(top, math.Abs(v))
	}
	for i := range res * res {
		v := out.At(i, 0)
		if !finite(v) {
			return nil, fmt.Errorf("f returned %v at (%g, %g)", v, g[2*i], g[2*i+1])
		}
		top = max(top, math.Abs(v))
	}
	if top == 0 {
		top = 1
	}
	h.cm = moreland.SmoothBlueRed()
	h.cm.SetMin(-top)
	h.cm.SetMax(top)
	h.img = image.NewNRGBA(image.Rect(0, 0, res, res))
	for i := range res * res {
		c, _ := h.cm.At(out.At(i, 0))
		h.img.Set(i%res, i/res, c)
	}
	return h, nil
}

// clampTo returns the colour of v on cm, v clamped into its range.
func clampTo(v float64, cm palette.ColorMap) float64 {
	return math.Min(cm.Max(), math.Max(cm.Min(), v))
}

func minOf(v []float64) float64 {
	m := math.Inf(1)
	for _, x := range v {
		m = min(m, x)
	}
	return m
}

func maxOf(v []float64) float64 {
	m := math.Inf(-1)
	for _, x := range v {
		m = max(m, x)
	}
	return m
}
