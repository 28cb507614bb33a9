package plots

import (
	"image/color"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// okabeIto is the Okabe–Ito palette, chosen because its colours stay
// distinguishable under the common colour-vision deficiencies. The order
// puts the two most contrasting colours first, since most pictures here
// have two classes or a train/validation pair; yellow, weak on white, and
// black, which reads as an axis, come last.
var okabeIto = [...]color.NRGBA{
	{0x00, 0x72, 0xB2, 0xFF}, // blue
	{0xD5, 0x5E, 0x00, 0xFF}, // vermillion
	{0x00, 0x9E, 0x73, 0xFF}, // bluish green
	{0xE6, 0x9F, 0x00, 0xFF}, // orange
	{0xCC, 0x79, 0xA7, 0xFF}, // reddish purple
	{0x56, 0xB4, 0xE9, 0xFF}, // sky blue
	{0xF0, 0xE4, 0x42, 0xFF}, // yellow
	{0x00, 0x00, 0x00, 0xFF}, // black
}

// PaletteSize is the number of distinct colours [Color] cycles through.
const PaletteSize = len(okabeIto)

// Color returns the i-th colour of the fixed palette every picture of this
// package uses for classes and series, so that class 1 or the second
// series has the same colour in every picture. It cycles after
// [PaletteSize] colours; a negative i counts as its absolute value.
func Color(i int) color.NRGBA {
	if i < 0 {
		i = -i
	}
	return okabeIto[i%PaletteSize]
}

// tint mixes c with white: amount 0 is white, 1 is c. Regions are painted
// in tints so that the points drawn over them in full colour stand out.
func tint(c color.NRGBA, amount float64) color.NRGBA {
	mix := func(v uint8) uint8 {
		return uint8(255 - amount*(255-float64(v)) + 0.5)
	}
	return color.NRGBA{mix(c.R), mix(c.G), mix(c.B), 0xFF}
}

// outlineColor rings the class markers so that a point stays visible on a
// region of its own colour.
var outlineColor = color.NRGBA{0x20, 0x20, 0x20, 0xFF}

// glyphs returns the filled shape and the outline of class i's markers.
// Shapes repeat every three classes, colours every eight, so classes differ
// in two ways for readers who cannot tell the colours apart.
func glyphs(i int) (fill, outline draw.GlyphDrawer) {
	// gonum's names are crossed: BoxGlyph and PyramidGlyph are filled,
	// SquareGlyph and TriangleGlyph outlined.
	switch i % 3 {
	case 1:
		return draw.BoxGlyph{}, draw.SquareGlyph{}
	case 2:
		return draw.PyramidGlyph{}, draw.TriangleGlyph{}
	}
	return draw.CircleGlyph{}, draw.RingGlyph{}
}

// dashes returns the dash pattern of series i: solid for the first
// [PaletteSize] series, then dashed and dotted, so that series sharing a
// colour after the palette wraps still differ.
func dashes(i int) []vg.Length {
	switch (i / PaletteSize) % 3 {
	case 1:
		return []vg.Length{vg.Points(6), vg.Points(3)}
	case 2:
		return []vg.Length{vg.Points(1.5), vg.Points(2.5)}
	}
	return nil
}
