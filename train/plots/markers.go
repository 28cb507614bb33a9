package plots

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// markerStyle is how the points of one split of a data set are drawn, so
// that training and test points over a decision boundary differ at a
// glance while keeping their class's colour and shape.
type markerStyle int

const (
	filled markerStyle = iota // the class's colour, outlined
	hollow                    // a ring of the class's colour around a white centre
	dotted                    // the class's colour around a dark centre
	numMarkerStyles
)

// styleNames say in a legend what each style looks like.
var styleNames = [numMarkerStyles]string{"filled", "hollow", "dark centre"}

// splitColor draws the markers of a split's legend entry: a grey that
// belongs to no class.
var splitColor = color.NRGBA{0x90, 0x90, 0x90, 0xFF}

// markers returns the layers, bottom first, that draw the points xys of
// class c (its shape) in colour col in style st, at the given radius.
func (st markerStyle) markers(c int, col color.NRGBA, xys plotter.XYs, radius vg.Length) []*plotter.Scatter {
	fill, outline := glyphs(c)
	var layers []*plotter.Scatter
	add := func(clr color.Color, r vg.Length, shape draw.GlyphDrawer) {
		sc := &plotter.Scatter{XYs: xys}
		sc.Color, sc.Radius, sc.Shape = clr, r, shape
		layers = append(layers, sc)
	}
	add(col, radius, fill)
	switch st {
	case hollow:
		add(color.White, 0.5*radius, fill)
	case dotted:
		add(outlineColor, 0.4*radius, fill)
	}
	add(outlineColor, radius, outline)
	return layers
}

// thumbnails returns layers as legend thumbnails at least 3.5 points
// across, so that the legend stays readable when the points are tiny.
func thumbnails(layers []*plotter.Scatter, radius vg.Length) []plot.Thumbnailer {
	scale := max(radius, vg.Points(3.5)) / radius
	out := make([]plot.Thumbnailer, len(layers))
	for i, l := range layers {
		c := *l
		c.Radius *= scale
		out[i] = &c
	}
	return out
}
