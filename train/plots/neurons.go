package plots

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"

	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/vg"
	vgdraw "gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/nnlab/nnlab/train/atomicfile"
)

// NeuronUnit is one hidden unit as [Neurons] draws it: its output over
// the input plane, Res×Res values row by row from the top left (Res is
// the argument of [Neurons]), and the fraction of the training rows on
// which it is active; Dead marks a unit active on none.
type NeuronUnit struct {
	Values []float64
	Rate   float64
	Dead   bool
}

// NeuronLayer is a hidden layer as [Neurons] draws it: the units drawn,
// in order from the first, and how many units the layer has (more than
// drawn when the picture is capped).
type NeuronLayer struct {
	Units []NeuronUnit
	Total int
}

// Geometry of a neuron picture, in pixels.
const (
	neuronPanel   = 48 // a unit's heatmap, square
	neuronGap     = 10 // between panels, across
	neuronLabel   = 14 // the rate under a panel
	neuronPerRow  = 16 // panels in a row before it wraps
	neuronHeader  = 18 // a layer's name above its panels
	neuronTitle   = 40 // the picture's title
	neuronMargin  = 12
	neuronMinWide = 420
)

// NeuronLayout is where [Neurons] puts things: the picture's size and, per
// layer and unit drawn, the rectangle of the unit's heatmap.
type NeuronLayout struct {
	Width, Height int
	Panels        [][]image.Rectangle
}

// LayoutNeurons lays out a neuron picture of layers with drawn[k] units
// shown: one block per layer, top to bottom, each a layer name above rows
// of at most 16 panels, each panel's activation rate under it.
func LayoutNeurons(drawn []int) NeuronLayout {
	l := NeuronLayout{Width: neuronMinWide, Panels: make([][]image.Rectangle, len(drawn))}
	y := neuronMargin + neuronTitle
	for k, n := range drawn {
		y += neuronHeader
		l.Panels[k] = make([]image.Rectangle, n)
		for j := range n {
			row, col := j/neuronPerRow, j%neuronPerRow
			x0 := neuronMargin + col*(neuronPanel+neuronGap)
			y0 := y + row*(neuronPanel+neuronLabel+neuronGap/2)
			l.Panels[k][j] = image.Rect(x0, y0, x0+neuronPanel, y0+neuronPanel)
			l.Width = max(l.Width, x0+neuronPanel+neuronMargin)
		}
		rows := (n + neuronPerRow - 1) / neuronPerRow
		y += rows*(neuronPanel+neuronLabel+neuronGap/2) + neuronGap
	}
	l.Height = y + neuronMargin
	return l
}

// DeadColor marks a dead unit in [Neurons]: a frame of it around the
// unit's heatmap.
var DeadColor = color.NRGBA{R: 213, G: 94, B: 0, A: 255}

// liveFrame frames the heatmap of a unit that is not dead.
var liveFrame = color.NRGBA{R: 160, G: 160, B: 160, A: 255}

// Neurons draws every hidden unit's output over the input plane as a
// small heatmap, one block per layer (see [LayoutNeurons]), on a diverging
// scale symmetric about zero for each layer (blue negative, red
// positive), each unit's activation rate under it, dead units framed in
// [DeadColor] and labelled "dead", and writes it to path as a PNG. A layer
// with fewer units drawn than it has says so in its name. It returns an
// error, and writes nothing, if a unit does not have res×res finite
// values.
func Neurons(path string, layers []NeuronLayer, res int, title string) error {
	img, err := neuronImage(layers, res, title)
	if err != nil {
		return fmt.Errorf("plots: Neurons %s: %w", path, err)
	}
	return atomicfile.Write(path, func(w io.Writer) error { return png.Encode(w, img) })
}

// neuronImage renders the picture of Neurons.
func neuronImage(layers []NeuronLayer, res int, title string) (img draw.Image, err error) {
	drawn := make([]int, len(layers))
	for k, l := range layers {
		drawn[k] = len(l.Units)
		for j, u := range l.Units {
			if len(u.Values) != res*res {
				return nil, fmt.Errorf("layer %d unit %d: %d values, want %d×%d", k+1, j+1, len(u.Values), res, res)
			}
			for _, v := range u.Values {
				if !finite(v) {
					return nil, fmt.Errorf("layer %d unit %d: value %v", k+1, j+1, v)
				}
			}
		}
	}
	lay := LayoutNeurons(drawn)
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("drawing failed: %v", r)
		}
	}()
	// At 72 dpi a point is a pixel, so text (drawn by gonum/plot) and
	// heatmaps (drawn pixel by pixel) share coordinates; y grows upwards
	// for the text only.
	c := vgimg.NewWith(vgimg.UseWH(vg.Length(lay.Width), vg.Length(lay.Height)), vgimg.UseDPI(72), vgimg.UseBackgroundColor(color.White))
	dc := vgdraw.New(c)
	at := func(x, y int) vg.Point { return vg.Point{X: vg.Length(x), Y: vg.Length(lay.Height - y)} }
	ts := textStyle(12)
	ts.XAlign, ts.YAlign = vgdraw.XLeft, vgdraw.YTop
	dc.FillText(ts, at(neuronMargin, neuronMargin), title)
	small := textStyle(9)
	small.YAlign = vgdraw.YTop
	for k, l := range layers {
		if len(l.Units) == 0 {
			continue
		}
		name := fmt.Sprintf("hidden layer %d: %d units", k+1, l.Total)
		if len(l.Units) < l.Total {
			name = fmt.Sprintf("hidden layer %d: the first %d of %d units", k+1, len(l.Units), l.Total)
		}
		hs := textStyle(10)
		hs.XAlign, hs.YAlign = vgdraw.XLeft, vgdraw.YBottom
		first := lay.Panels[k][0]
		dc.FillText(hs, at(first.Min.X, first.Min.Y-4), name)
		for j, u := range l.Units {
			p := lay.Panels[k][j]
			label, lc := fmt.Sprintf("%.0f%%", 100*u.Rate), color.Color(color.Black)
			if u.Rate > 0 && u.Rate < 0.005 {
				label = "<1%"
			}
			if u.Dead {
				label, lc = "dead", DeadColor
			}
			small.Color = lc
			dc.FillText(small, at((p.Min.X+p.Max.X)/2, p.Max.Y+2), label)
		}
	}
	out := c.Image()
	for k, l := range layers {
		paintLayer(out, lay.Panels[k], l.Units, res)
	}
	return out, nil
}

// paintLayer paints a layer's units into their panels, on one colour
// scale symmetric about zero, each framed.
func paintLayer(out draw.Image, panels []image.Rectangle, units []NeuronUnit, res int) {
	top := 0.0
	for _, u := range units {
		for _, v := range u.Values {
			top = max(top, math.Abs(v))
		}
	}
	if top == 0 {
		top = 1
	}
	cm := moreland.SmoothBlueRed()
	cm.SetMin(-top)
	cm.SetMax(top)
	for j, u := range units {
		p := panels[j]
		frame := color.Color(liveFrame)
		width := 1
		if u.Dead {
			frame, width = DeadColor, 2
		}
		draw.Draw(out, p.Inset(-width), image.NewUniform(frame), image.Point{}, draw.Src)
		for y := p.Min.Y; y < p.Max.Y; y++ {
			for x := p.Min.X; x < p.Max.X; x++ {
				r, c := (y-p.Min.Y)*res/p.Dy(), (x-p.Min.X)*res/p.Dx()
				col, err := cm.At(clampTo(u.Values[r*res+c], cm))
				if err != nil {
					col = color.White
				}
				out.Set(x, y, col)
			}
		}
	}
}
