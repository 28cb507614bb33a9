package main

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/train/plots"
)

// decodePNG reads a PNG file.
func decodePNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

// frameColor is the colour just outside a panel's top left corner: its
// frame.
func frameColor(img image.Image, p image.Rectangle) color.NRGBA {
	return color.NRGBAModel.Convert(img.At(p.Min.X-1, p.Min.Y-1)).(color.NRGBA)
}

// neurons.png has the layout of the run's hidden layers (a panel per
// unit, capped at 64 a layer), is in the manifest, and is absent for
// more than two inputs.
func TestFitNeuronsPicture(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mustCode(t, dir, nil, 0, fitArgs("circle", "two", "--hidden", "8,4")...)
	img := decodePNG(t, filepath.Join(dir, "two", "neurons.png"))
	lay := plots.LayoutNeurons([]int{8, 4})
	if b := img.Bounds(); b.Dx() != lay.Width || b.Dy() != lay.Height {
		t.Errorf("neurons.png is %v, the layout of 8 and 4 units %dx%d", b, lay.Width, lay.Height)
	}
	if !strings.Contains(string(fileBytes(t, filepath.Join(dir, "two", manifestName))), "neurons.png") {
		t.Error("neurons.png is not in the manifest")
	}
	mustCode(t, dir, nil, 0, fitArgs("circle", "wide", "--hidden", "100", "--epochs", "1")...)
	img = decodePNG(t, filepath.Join(dir, "wide", "neurons.png"))
	lay = plots.LayoutNeurons([]int{maxNeuronUnits})
	if b := img.Bounds(); b.Dx() != lay.Width || b.Dy() != lay.Height {
		t.Errorf("--hidden 100: neurons.png is %v, the layout of %d units %dx%d", b, maxNeuronUnits, lay.Width, lay.Height)
	}
	writeFile(t, filepath.Join(dir, "three.csv"), "a,b,c,y\n"+strings.Repeat("0,1,2,p\n1,0,3,q\n2,2,1,p\n0,0,0,q\n", 5))
	mustCode(t, dir, nil, 0, "fit", "--data", "three.csv", "--out", "three", "--epochs", "2", "--quiet", "--hidden", "4")
	if exists(filepath.Join(dir, "three", "neurons.png")) {
		t.Error("neurons.png written for three input columns")
	}
}

// Units that are never active on a training row are framed as dead;
// zero weights and biases make every ReLU unit so.
func TestFitNeuronsMarksDeadUnits(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mustCode(t, dir, nil, 0, fitArgs("circle", "dead", "--hidden", "3", "--init", "zeros", "--epochs", "2")...)
	mustCode(t, dir, nil, 0, fitArgs("circle", "live", "--hidden", "3", "--epochs", "2")...)
	lay := plots.LayoutNeurons([]int{3})
	dead := decodePNG(t, filepath.Join(dir, "dead", "neurons.png"))
	live := decodePNG(t, filepath.Join(dir, "live", "neurons.png"))
	nLive := 0
	for j, p := range lay.Panels[0] {
		if got := frameColor(dead, p); got != plots.DeadColor {
			t.Errorf("unit %d of a zero-initialised ReLU layer: frame %v, want the dead colour", j+1, got)
		}
		if frameColor(live, p) != plots.DeadColor {
			nLive++
		}
	}
	if nLive == 0 {
		t.Error("every unit of a normally initialised run is marked dead")
	}
}

// --animate writes training.gif with a frame every few epochs.
func TestFitAnimate(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mustCode(t, dir, nil, 0, fitArgs("xor", "anim", "--epochs", "6", "--animate")...)
	f, err := os.Open(filepath.Join(dir, "anim", "training.gif"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := gif.DecodeAll(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Image) != 6 {
		t.Errorf("%d frames for 6 epochs, want 6", len(g.Image))
	}
	if b := g.Image[0].Bounds(); b.Dx() != animationSize || b.Dy() != animationSize {
		t.Errorf("frame %v, want %d square", b, animationSize)
	}
	mustCode(t, dir, nil, 0, fitArgs("xor", "still", "--epochs", "6")...)
	if exists(filepath.Join(dir, "still", "training.gif")) {
		t.Error("training.gif written without --animate")
	}
	if !bytes.Equal(fileBytes(t, filepath.Join(dir, "anim", "model.safetensors")), fileBytes(t, filepath.Join(dir, "still", "model.safetensors"))) {
		t.Error("--animate changed the trained model")
	}
	r := mustCode(t, dir, nil, exitUsage, fitArgs("reg-plane", "reg", "--animate")...)
	if !strings.Contains(r.stderr, "--animate draws a classifier's decision boundary") {
		t.Errorf("--animate with regression: %q", r.stderr)
	}
}
