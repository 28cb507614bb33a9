package plots

import (
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

func TestLayoutNeuronsPanels(t *testing.T) {
	l := LayoutNeurons([]int{20, 3})
	if len(l.Panels) != 2 || len(l.Panels[0]) != 20 || len(l.Panels[1]) != 3 {
		t.Fatalf("panels per layer: %d layers", len(l.Panels))
	}
	// 20 units wrap after 16: unit 16 starts a second row under unit 0.
	if a, b := l.Panels[0][0], l.Panels[0][16]; b.Min.X != a.Min.X || b.Min.Y <= a.Max.Y {
		t.Errorf("unit 17 at %v, unit 1 at %v: want it wrapped under", b, a)
	}
	if l.Panels[1][0].Min.Y <= l.Panels[0][16].Max.Y {
		t.Errorf("layer 2 at %v overlaps layer 1's last row %v", l.Panels[1][0], l.Panels[0][16])
	}
	for _, ps := range l.Panels {
		for _, p := range ps {
			if p.Max.X > l.Width || p.Max.Y > l.Height || p.Min.X < 0 || p.Min.Y < 0 {
				t.Errorf("panel %v outside %dx%d", p, l.Width, l.Height)
			}
		}
	}
}

func TestNeuronsMarksDeadUnits(t *testing.T) {
	const res = 4
	vals := make([]float64, res*res)
	for i := range vals {
		vals[i] = float64(i) - 8
	}
	layers := []NeuronLayer{{Units: []NeuronUnit{{Values: vals, Rate: 0.5}, {Values: make([]float64, res*res), Dead: true}}, Total: 2}}
	path := filepath.Join(t.TempDir(), "n.png")
	if err := Neurons(path, layers, res, "units"); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	lay := LayoutNeurons([]int{2})
	if img.Bounds().Dx() != lay.Width || img.Bounds().Dy() != lay.Height {
		t.Fatalf("picture %v, layout %dx%d", img.Bounds(), lay.Width, lay.Height)
	}
	corner := func(j int) color.NRGBA {
		p := lay.Panels[0][j]
		return color.NRGBAModel.Convert(img.At(p.Min.X-1, p.Min.Y-1)).(color.NRGBA)
	}
	if got := corner(1); got != DeadColor {
		t.Errorf("dead unit's frame is %v, want %v", got, DeadColor)
	}
	if got := corner(0); got == DeadColor {
		t.Errorf("live unit framed as dead")
	}
}

func TestNeuronsRejectsWrongSize(t *testing.T) {
	path := filepath.Join(t.TempDir(), "n.png")
	err := Neurons(path, []NeuronLayer{{Units: []NeuronUnit{{Values: []float64{1}}}, Total: 1}}, 2, "x")
	if err == nil {
		t.Fatal("no error for 1 value at res 2")
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a file was written")
	}
}
