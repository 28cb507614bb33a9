package plots

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/nnlab/nnlab/train/metrics"
)

// NamedCurve is one curve of an [ROC] chart, with the area under it for
// the legend (as [metrics.AUC] or [metrics.ROCAUC] give it).
type NamedCurve struct {
	Name  string
	Curve metrics.ROCCurve
	AUC   float64
}

// ROC draws ROC curves, false-positive rate across and true-positive rate
// up, each named with its AUC in the legend, over the diagonal a random
// scorer would follow, and writes the chart to path as a PNG. The legend
// takes a corner no curve (nor the diagonal) runs through, or stands
// beside the chart when there is none. A curve's
// AUC is left out of its name if it is NaN, for a caller that has none.
// ROC returns an error, and writes nothing, if there is no curve, if a
// curve's FPR and TPR differ in length or hold fewer than two points, or
// hold a value that is not a rate in [0, 1], or if the file cannot be
// written.
func ROC(path string, curves []NamedCurve, title string) error {
	c, err := rocChart(curves, title)
	return figure("ROC", path, 6*vg.Inch, 6*vg.Inch, func(dc draw.Canvas) error {
		if err != nil {
			return err
		}
		c.draw(draw.Crop(dc, vg.Points(4), -vg.Points(10), vg.Points(4), -vg.Points(4)))
		return nil
	})
}

// rocChart returns the chart of [ROC].
func rocChart(curves []NamedCurve, title string) (*chart, error) {
	if len(curves) == 0 {
		return nil, fmt.Errorf("no curves")
	}
	c := newChart(title)
	p := c.p
	p.X.Label.Text, p.Y.Label.Text = "false positive rate", "true positive rate"
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	p.Add(plotter.NewGrid())
	chance := &plotter.Line{XYs: plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}}}
	chance.LineStyle = draw.LineStyle{Color: color.Gray{0x80}, Width: vg.Points(1),
		Dashes: []vg.Length{vg.Points(4), vg.Points(3)}}
	p.Add(chance)
	c.lines = append(c.lines, chance.XYs)
	for i, nc := range curves {
		fpr, tpr := nc.Curve.FPR, nc.Curve.TPR
		if len(fpr) != len(tpr) || len(fpr) < 2 {
			return nil, fmt.Errorf("curve %d (%q) has %d FPR and %d TPR values, want two or more of each",
				i, nc.Name, len(fpr), len(tpr))
		}
		xys := make(plotter.XYs, len(fpr))
		for j := range fpr {
			if !(fpr[j] >= 0 && fpr[j] <= 1 && tpr[j] >= 0 && tpr[j] <= 1) {
				return nil, fmt.Errorf("curve %d (%q) point %d (%v, %v) is not a pair of rates in [0, 1]",
					i, nc.Name, j, fpr[j], tpr[j])
			}
			xys[j] = plotter.XY{X: fpr[j], Y: tpr[j]}
		}
		name := nc.Name
		if finite(nc.AUC) {
			name = fmt.Sprintf("%s (AUC %.3f)", nc.Name, nc.AUC)
		}
		line := seriesStyle(i, thinCurve(xys, rocResolution), false)
		line.Width = vg.Points(2)
		p.Add(line)
		c.lines = append(c.lines, line.XYs)
		c.leg.Add(name, line)
	}
	c.leg.Add("chance", chance)
	return c, nil
}

// rocResolution is the finest detail of a drawn ROC curve, as a fraction
// of an axis: a tenth of a pixel or less at the figure's size.
const rocResolution = 1.0 / 4096

// thinCurve returns the points of a curve that climbs in x and y (as a ROC
// curve does) with the ones closer than eps, in both coordinates, to the
// last point kept left out, and the last point always kept. Every point
// left out lies within eps of the chord drawn instead, so the drawing does
// not change, while a curve of a million rows shrinks to at most 2/eps
// points: plotting every one takes gigabytes.
func thinCurve(xys plotter.XYs, eps float64) plotter.XYs {
	if len(xys) <= 2 {
		return xys
	}
	out := plotter.XYs{xys[0]}
	for j, p := range xys[1:] {
		last := out[len(out)-1]
		if j+2 == len(xys) || math.Abs(p.X-last.X) > eps || math.Abs(p.Y-last.Y) > eps {
			out = append(out, p)
		}
	}
	return out
}
