package plots

import (
	"fmt"
	"image/color"
	"image/png"
	"io"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/nnlab/nnlab/train/atomicfile"
)

// dpi fixes the pixel size of every picture, so that a figure of w×h
// inches is always the same number of pixels.
const dpi = 100

// figure draws a picture of w×h and writes it to path as a PNG. The whole
// picture is rendered in memory before path is touched, so that a drawing
// that fails leaves no file behind and keeps an existing one; the write
// itself is atomic for the same reason. gonum/plot panics on some data it
// cannot draw (a log axis reaching zero, for instance); those panics come
// back as errors, since a bad picture must not take a training run down.
func figure(op, path string, w, h vg.Length, paint func(dc draw.Canvas) error) error {
	if path == "" {
		return fmt.Errorf("plots: %s: empty output path", op)
	}
	img, err := render(w, h, paint)
	if err != nil {
		return fmt.Errorf("plots: %s %s: %w", op, path, err)
	}
	err = atomicfile.Write(path, func(w io.Writer) error {
		enc := png.Encoder{CompressionLevel: png.DefaultCompression}
		return enc.Encode(w, img.Image())
	})
	if err != nil {
		return fmt.Errorf("plots: %s: %w", op, err)
	}
	return nil
}

func render(w, h vg.Length, paint func(dc draw.Canvas) error) (img *vgimg.Canvas, err error) {
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("drawing failed: %v", r)
		}
	}()
	img = vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(dpi), vgimg.UseBackgroundColor(color.White))
	// A margin keeps tick labels at the picture's edge (the top one, on a
	// chart without a title) from being cut in half.
	m := vg.Points(6)
	if err := paint(draw.Crop(draw.New(img), m, -m, m, -m)); err != nil {
		return nil, err
	}
	return img, nil
}

// textStyle returns a plain-text style of the plot's default font.
func textStyle(size vg.Length) text.Style {
	return text.Style{
		Color:   color.Black,
		Font:    font.From(plot.DefaultFont, size),
		XAlign:  draw.XCenter,
		YAlign:  draw.YCenter,
		Handler: plot.DefaultTextHandler,
	}
}

// withLegendRight draws p into dc with leg in a column of its own to the
// right of the plot, so that the legend never hides data however the
// points fall.
func withLegendRight(dc draw.Canvas, p *plot.Plot, leg plot.Legend) {
	r := leg.Rectangle(dc)
	gap := vg.Points(12)
	width := r.Max.X - r.Min.X + gap
	p.Draw(draw.Crop(dc, 0, -width, 0, 0))
	leg.Draw(draw.Crop(dc, dc.Max.X-dc.Min.X-width+gap, 0, 0, -vg.Points(24)))
}

// newLegend returns a legend drawn at the top left of its canvas.
func newLegend(size vg.Length) plot.Legend {
	leg := plot.NewLegend()
	leg.Top, leg.Left = true, true
	leg.TextStyle.Font.Size = size
	return leg
}
