package plots

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"io"

	"gonum.org/v1/plot/vg"
	vgdraw "gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train/atomicfile"
)

// Animation collects frames of a classifier's decision boundary over the
// plane of two features, each with a caption (the epoch and the loss),
// and writes them as an animated GIF. Every frame is size×size pixels in
// one fixed palette (the class colours in four tints, greys), so that
// frames cost size² bytes each and the colours never flicker.
type Animation struct {
	size, res      int
	grid           *tensor.Tensor // res×res points, row by row from the top left
	x0, x1, y0, y1 float64
	px, py         []int // the points' pixels
	labels         []int
	classes        int
	pal            color.Palette
	frames         []*image.Paletted
	delays         []int
}

// animationTints are the tints a region is painted in, from unsure to sure.
var animationTints = []float64{0.12, 0.25, 0.4, 0.55}

// NewAnimation returns an Animation of size×size pixel frames over the
// range of X ([n, 2], in the units proba takes) with X's points drawn in
// the colour of their class (labels, in [0, classes)). The boundary is
// computed on a grid of size/2 × size/2 points.
func NewAnimation(X *tensor.Tensor, labels []int, classes, size int) (*Animation, error) {
	if X == nil || X.Dims() != 2 || X.Cols() != 2 || X.Rows() == 0 || len(labels) != X.Rows() {
		return nil, fmt.Errorf("plots: NewAnimation: X must be [n, 2] with n > 0 and a label per row")
	}
	if classes < 2 || size < 16 {
		return nil, fmt.Errorf("plots: NewAnimation: want 2 or more classes and size ≥ 16, got %d, %d", classes, size)
	}
	a := &Animation{size: size, res: size / 2, labels: labels, classes: classes}
	xs, ys := make([]float64, X.Rows()), make([]float64, X.Rows())
	for i := range xs {
		xs[i], ys[i] = X.At(i, 0), X.At(i, 1)
	}
	a.x0, a.x1 = widen(minOf(xs), maxOf(xs))
	a.y0, a.y1 = widen(minOf(ys), maxOf(ys))
	a.grid = tensor.Zeros(a.res*a.res, 2)
	g := a.grid.Data()
	for r := range a.res {
		for c := range a.res {
			g[2*(r*a.res+c)] = a.x0 + (float64(c)+0.5)*(a.x1-a.x0)/float64(a.res)
			g[2*(r*a.res+c)+1] = a.y1 - (float64(r)+0.5)*(a.y1-a.y0)/float64(a.res)
		}
	}
	for i := range xs {
		a.px = append(a.px, int((xs[i]-a.x0)/(a.x1-a.x0)*float64(size)))
		a.py = append(a.py, int((a.y1-ys[i])/(a.y1-a.y0)*float64(size)))
	}
	a.pal = color.Palette{color.White, color.Black, outlineColor, color.NRGBA{0x80, 0x80, 0x80, 0xFF}, color.NRGBA{0xC0, 0xC0, 0xC0, 0xFF}}
	for c := range min(classes, PaletteSize) {
		a.pal = append(a.pal, Color(c))
		for _, t := range animationTints {
			a.pal = append(a.pal, tint(Color(c), t))
		}
	}
	return a, nil
}

// Len returns the number of frames added.
func (a *Animation) Len() int { return len(a.frames) }

// AddFrame paints the classes proba predicts over the plane (proba maps
// points [m, 2] to probabilities [m, K], one column read as class 1 of
// two), the points over them and caption at the top left, as the next
// frame.
func (a *Animation) AddFrame(proba func(x *tensor.Tensor) *tensor.Tensor, caption string) (err error) {
	p := proba(a.grid)
	if p == nil || p.Dims() != 2 || p.Rows() != a.res*a.res {
		return fmt.Errorf("plots: Animation.AddFrame: proba returned the wrong shape for %d points", a.res*a.res)
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("plots: Animation.AddFrame: drawing failed: %v", r)
		}
	}()
	c := vgimg.NewWith(vgimg.UseWH(vg.Length(a.size), vg.Length(a.size)), vgimg.UseDPI(72), vgimg.UseBackgroundColor(color.White))
	img := c.Image()
	probs := make([]float64, max(2, p.Cols()))
	for i := range a.res * a.res {
		if p.Cols() == 1 {
			probs[0], probs[1] = 1-p.At(i, 0), p.At(i, 0)
		} else {
			for j := range probs {
				probs[j] = p.At(i, j)
			}
		}
		class, conf := predicted(probs)
		k := len(animationTints) - 1
		if a.classes > 0 {
			base := 1 / float64(a.classes)
			k = min(k, max(0, int((conf-base)/(1-base)*float64(len(animationTints)))))
		}
		col := tint(Color(class), animationTints[k])
		r, cc := i/a.res, i%a.res
		s := a.size / a.res
		draw.Draw(img, image.Rect(cc*s, r*s, cc*s+s, r*s+s), image.NewUniform(col), image.Point{}, draw.Src)
	}
	for i := range a.px {
		pt := image.Rect(a.px[i]-1, a.py[i]-1, a.px[i]+2, a.py[i]+2)
		draw.Draw(img, pt, image.NewUniform(Color(a.labels[i])), image.Point{}, draw.Src)
	}
	draw.Draw(img, image.Rect(0, 0, a.size, 16), image.NewUniform(color.White), image.Point{}, draw.Src)
	ts := textStyle(10)
	ts.XAlign, ts.YAlign = vgdraw.XLeft, vgdraw.YTop
	dc := vgdraw.New(c)
	dc.FillText(ts, vg.Point{X: 3, Y: vg.Length(a.size - 2)}, caption)
	frame := image.NewPaletted(image.Rect(0, 0, a.size, a.size), a.pal)
	draw.Draw(frame, frame.Rect, img, image.Point{}, draw.Src)
	a.frames = append(a.frames, frame)
	a.delays = append(a.delays, 15)
	return nil
}

// WriteGIF writes the frames to path as a GIF that loops, the last frame
// held for two seconds. It returns an error, and writes nothing, without
// frames.
func (a *Animation) WriteGIF(path string) error {
	if len(a.frames) == 0 {
		return fmt.Errorf("plots: Animation.WriteGIF %s: no frames", path)
	}
	delays := append([]int(nil), a.delays...)
	delays[len(delays)-1] = 200
	return atomicfile.Write(path, func(w io.Writer) error {
		return gif.EncodeAll(w, &gif.GIF{Image: a.frames, Delay: delays})
	})
}
