package plots

import (
	"image"
	"image/color"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train"
	"github.com/nnlab/nnlab/train/metrics"
)

// decodePNG reads the PNG at path and fails the test unless it is a
// picture of size w×h (when w > 0) that is not a single colour.
func decodePNG(t *testing.T, path string, w, h int) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open output: %v", err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s is not a PNG: %v", path, err)
	}
	b := img.Bounds()
	if b.Dx() <= 0 || b.Dy() <= 0 {
		t.Fatalf("%s: empty picture %v", path, b)
	}
	if w > 0 && (b.Dx() != w || b.Dy() != h) {
		t.Errorf("%s: size %dx%d, want %dx%d", path, b.Dx(), b.Dy(), w, h)
	}
	if n := len(colours(img)); n < 3 {
		t.Errorf("%s: only %d colours: nothing drawn", path, n)
	}
	return img
}

// colours counts the pixels of each colour of img.
func colours(img image.Image) map[color.NRGBA]int {
	out := map[color.NRGBA]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			out[color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)]++
		}
	}
	return out
}

// assertNothingWritten fails unless dir holds exactly the files in keep:
// no output and no leftover temporary file.
func assertNothingWritten(t *testing.T, dir string, keep ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(keep) {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %v, want %v", names, keep)
	}
}

// moons returns a deterministic two-class data set of n points.
func moons(n int) (*tensor.Tensor, []int) {
	rng := rand.New(rand.NewPCG(1, 2))
	X := tensor.Zeros(n, 2)
	labels := make([]int, n)
	for i := range n {
		a := rng.Float64() * math.Pi
		x, y := math.Cos(a), math.Sin(a)
		if i%2 == 1 {
			x, y = 1-x, 0.5-y
			labels[i] = 1
		}
		X.Set(x+0.1*rng.NormFloat64(), i, 0)
		X.Set(y+0.1*rng.NormFloat64(), i, 1)
	}
	return X, labels
}

// blobs returns a deterministic three-class data set and the centres.
func blobs(n int) (*tensor.Tensor, []int, [][2]float64) {
	rng := rand.New(rand.NewPCG(3, 4))
	centres := [][2]float64{{0, 0}, {3, 1}, {1, 3}}
	X := tensor.Zeros(n, 2)
	labels := make([]int, n)
	for i := range n {
		c := i % 3
		X.Set(centres[c][0]+0.8*rng.NormFloat64(), i, 0)
		X.Set(centres[c][1]+0.8*rng.NormFloat64(), i, 1)
		labels[i] = c
	}
	return X, labels, centres
}

// wavyProba is a smooth two-class model for moons: [m, 2] probabilities.
func wavyProba(g *tensor.Tensor) *tensor.Tensor {
	P := tensor.Zeros(g.Rows(), 2)
	for i := range g.Rows() {
		z := 3*(g.At(i, 1)-0.25) - 2*math.Sin(2*(g.At(i, 0)-0.5))
		p0 := 1 / (1 + math.Exp(-2*z))
		P.Set(p0, i, 0)
		P.Set(1-p0, i, 1)
	}
	return P
}

// nearestProba softly assigns points to the nearest of the centres.
func nearestProba(centres [][2]float64) func(*tensor.Tensor) *tensor.Tensor {
	return func(g *tensor.Tensor) *tensor.Tensor {
		P := tensor.Zeros(g.Rows(), len(centres))
		for i := range g.Rows() {
			s := 0.0
			for c, m := range centres {
				dx, dy := g.At(i, 0)-m[0], g.At(i, 1)-m[1]
				e := math.Exp(-(dx*dx + dy*dy))
				P.Set(e, i, c)
				s += e
			}
			for c := range centres {
				P.Set(P.At(i, c)/s, i, c)
			}
		}
		return P
	}
}

// history returns a run of epochs epochs validated every third epoch.
func history(epochs int, withAccuracy bool) *train.History {
	var h train.History
	for e := 1; e <= epochs; e++ {
		v := []train.NamedValue{
			{Name: train.ColEpoch, Value: float64(e)},
			{Name: train.ColTrainLoss, Value: 1/float64(e) + 0.1},
		}
		if withAccuracy {
			v = append(v, train.NamedValue{Name: train.ColTrainAccuracy, Value: 1 - 0.5/float64(e)})
		}
		if e%3 == 0 {
			v = append(v, train.NamedValue{Name: train.ColValLoss, Value: 1.2/float64(e) + 0.15})
			if withAccuracy {
				v = append(v, train.NamedValue{Name: train.ColValAccuracy, Value: 0.98 - 0.6/float64(e)})
			}
		}
		h.Add(v)
	}
	return &h
}

// rocCurves returns the ROC curves of two scorers of moons.
func rocCurves(t *testing.T) []NamedCurve {
	X, labels := moons(200)
	P := wavyProba(X)
	model, feature := make([]float64, len(labels)), make([]float64, len(labels))
	for i := range labels {
		model[i], feature[i] = P.At(i, 1), X.At(i, 0)
	}
	var out []NamedCurve
	for _, s := range []struct {
		name   string
		scores []float64
	}{{"model", model}, {"feature 0", feature}} {
		c, err := metrics.ROC(labels, s.scores)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, NamedCurve{Name: s.name, Curve: c, AUC: metrics.AUC(c)})
	}
	return out
}

func outPath(t *testing.T, name string) (dir, path string) {
	dir = t.TempDir()
	return dir, filepath.Join(dir, name)
}
