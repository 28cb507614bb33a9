package plots

import (
	"image"
	"image/color"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/nnlab/nnlab/tensor"
)

// pixelAt returns the colour of the pixel under the data point (x, y) of
// p drawn on a canvas of w×h at the package's resolution.
func pixelAt(img image.Image, p *plot.Plot, c *vgimg.Canvas, x, y float64) color.NRGBA {
	dc := draw.New(c)
	da := p.DataCanvas(dc)
	trX, trY := p.Transforms(&da)
	px := int(float64(trX(x)) * dpi / vg.Inch.Points())
	py := img.Bounds().Dy() - 1 - int(float64(trY(y))*dpi/vg.Inch.Points())
	return color.NRGBAModel.Convert(img.At(px, py)).(color.NRGBA)
}

// Training and test points over a boundary are told apart: the centre of
// a training point is its class's colour, the centre of a test point
// white (a hollow marker), both keeping the class colour around it.
func TestBoundarySplitsDrawTwoMarkerStyles(t *testing.T) {
	train := Split{Name: "training", X: tensor.New([]float64{0, 0, 4, 0, 0, 4, 4, 4}, 4, 2), Labels: []int{0, 1, 0, 1}}
	test := Split{Name: "test", X: tensor.New([]float64{2, 2, 2, 0}, 2, 2), Labels: []int{1, 0}}
	proba := func(g *tensor.Tensor) *tensor.Tensor { return tensor.Full(0.5, g.Rows(), 2) }
	b, err := newBoundary(proba, []Split{train, test}, []string{"a", "b"}, 20)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.sets) != 2 || b.sets[0].n != 4 || b.sets[1].n != 2 || b.n != 6 {
		t.Fatalf("boundary holds %d splits, n %d", len(b.sets), b.n)
	}
	if b.splitNames[0] != "training" || b.splitNames[1] != "test" {
		t.Errorf("split names %q", b.splitNames)
	}
	p := b.plot("two splits", nil, 3) // big markers: their centres are easy to hit
	c := vgimg.NewWith(vgimg.UseWH(7*vg.Inch, 5.5*vg.Inch), vgimg.UseDPI(dpi))
	p.Draw(draw.New(c))
	img := c.Image()
	white := color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
	for _, s := range []Split{train, test} {
		for i, class := range s.Labels {
			x, y := s.X.At(i, 0), s.X.At(i, 1)
			got := pixelAt(img, p, c, x, y)
			want := Color(class)
			if s.Name == "test" {
				want = white
			}
			if got != want {
				t.Errorf("%s point (%g, %g) of class %d: centre %v, want %v", s.Name, x, y, class, got, want)
			}
		}
	}

	// Each style's layers: the class colour first, a centre for hollow
	// and dotted, the outline last.
	for st, want := range map[markerStyle][]color.Color{
		filled: {Color(1), outlineColor},
		hollow: {Color(1), color.White, outlineColor},
		dotted: {Color(1), outlineColor, outlineColor},
	} {
		layers := st.markers(1, Color(1), nil, vg.Points(3))
		if len(layers) != len(want) {
			t.Fatalf("style %d: %d layers, want %d", st, len(layers), len(want))
		}
		for i, l := range layers {
			if l.Color != want[i] {
				t.Errorf("style %d layer %d colour %v, want %v", st, i, l.Color, want[i])
			}
		}
	}
}

// A lone split draws as DecisionBoundary always has: filled markers, no
// split in the legend.
func TestBoundaryLoneSplitIsUnnamed(t *testing.T) {
	X, labels := moons(20)
	b, err := newBoundary(wavyProba, []Split{{Name: "ignored", X: X, Labels: labels}}, nil, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.splitNames) != 0 {
		t.Errorf("lone split named %q in the legend", b.splitNames)
	}
}
