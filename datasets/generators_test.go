package datasets

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

// genCase adapts every generator to one signature for table tests.
type genCase struct {
	name    string
	classes int
	make    func(n int, noise float64, rng *rand.Rand) *Dataset
	// clean checks row i of a noise-0 set, returning "" or what is wrong.
	clean func(x1, x2 float64, class int, d *Dataset) string
}

func newRNG(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)) }

var genCases = []genCase{
	{name: "xor", classes: 2, make: XOR, clean: func(x1, x2 float64, c int, _ *Dataset) string {
		if math.Abs(x1) < xorPadding || math.Abs(x2) < xorPadding {
			return "inside the margin around the axes"
		}
		if (x1*x2 > 0) != (c == 1) {
			return "class disagrees with the sign of x1·x2"
		}
		if math.Abs(x1) > 1+xorPadding || math.Abs(x2) > 1+xorPadding {
			return "outside [-1.06, 1.06]²"
		}
		return ""
	}},
	{name: "circle", classes: 2, make: Circle, clean: func(x1, x2 float64, c int, _ *Dataset) string {
		r := math.Hypot(x1, x2)
		if c == 1 && r >= 0.5 || c == 0 && (r < 0.7 || r > 1) {
			return "radius " + strconv.FormatFloat(r, 'g', 4, 64) + " outside its class's region"
		}
		return ""
	}},
	{name: "gauss", classes: 2, make: Gauss, clean: func(x1, x2 float64, c int, _ *Dataset) string {
		// Centres 0.8·√2 apart along the diagonal with σ ≈ 0.14: the
		// diagonal separates them for any sane seed.
		if (x1+x2 > 0) != (c == 1) {
			return "on the wrong side of the diagonal"
		}
		return ""
	}},
	{name: "spiral2", classes: 2, make: func(n int, noise float64, rng *rand.Rand) *Dataset { return Spiral(n, noise, rng, 2) }},
	{name: "spiral5", classes: 5, make: func(n int, noise float64, rng *rand.Rand) *Dataset { return Spiral(n, noise, rng, 5) }},
	{name: "moons", classes: 2, make: Moons, clean: func(x1, x2 float64, c int, _ *Dataset) string {
		if c == 0 && (math.Abs(math.Hypot(x1, x2)-1) > 1e-12 || x2 < -1e-12) {
			return "not on the upper unit half circle"
		}
		if c == 1 && (math.Abs(math.Hypot(x1-1, x2-0.5)-1) > 1e-12 || x2 > 0.5+1e-12) {
			return "not on the lower half circle around (1, 0.5)"
		}
		return ""
	}},
	{name: "blobs2", classes: 2, make: func(n int, noise float64, rng *rand.Rand) *Dataset { return Blobs(n, noise, rng, 2) }},
	{name: "blobs4", classes: 4, make: func(n int, noise float64, rng *rand.Rand) *Dataset { return Blobs(n, noise, rng, 4) }},
}

func TestGeneratorShapeAndBalance(t *testing.T) {
	for _, g := range genCases {
		for _, n := range []int{g.classes, 7, 100, 101} {
			for _, noise := range []float64{0, 0.3} {
				d := g.make(n, noise, newRNG(1))
				if err := d.Validate(); err != nil {
					t.Fatalf("%s n=%d: %v", g.name, n, err)
				}
				if got := d.X.Shape(); !slices.Equal(got, []int{n, 2}) {
					t.Errorf("%s n=%d: X shape %v", g.name, n, got)
				}
				if d.NumClasses() != g.classes || d.Classes[g.classes-1] != strconv.Itoa(g.classes-1) {
					t.Errorf("%s: classes %v, want %d named by index", g.name, d.Classes, g.classes)
				}
				if !slices.Equal(d.Features, []string{"x1", "x2"}) {
					t.Errorf("%s: features %v", g.name, d.Features)
				}
				counts := d.ClassCounts()
				if slices.Max(counts)-slices.Min(counts) > 1 {
					t.Errorf("%s n=%d: unbalanced class counts %v", g.name, n, counts)
				}
			}
		}
	}
}

func TestGeneratorSeeds(t *testing.T) {
	for _, g := range genCases {
		a := g.make(200, 0.2, newRNG(7))
		b := g.make(200, 0.2, newRNG(7))
		c := g.make(200, 0.2, newRNG(8))
		if !slices.Equal(a.X.Data(), b.X.Data()) || !slices.Equal(a.Y, b.Y) {
			t.Errorf("%s: same seed, different data", g.name)
		}
		if slices.Equal(a.X.Data(), c.X.Data()) {
			t.Errorf("%s: different seeds, same data", g.name)
		}
	}
}

func TestGeneratorCleanAtNoiseZero(t *testing.T) {
	for _, g := range genCases {
		if g.clean == nil {
			continue
		}
		d := g.make(1000, 0, newRNG(3))
		for i, c := range d.Y {
			if msg := g.clean(d.X.At(i, 0), d.X.At(i, 1), c, d); msg != "" {
				t.Errorf("%s row %d (%v, class %d): %s", g.name, i, d.X.Row(i), c, msg)
				break
			}
		}
	}
}

// TestGeneratorNoiseMatters checks that noise breaks the noise-0 property
// for some rows, so that the noise argument is really used.
func TestGeneratorNoiseMatters(t *testing.T) {
	for _, g := range genCases {
		if g.clean == nil || g.name == "gauss" {
			continue // gauss is checked by its spread below
		}
		d := g.make(1000, 0.5, newRNG(3))
		bad := 0
		for i, c := range d.Y {
			if g.clean(d.X.At(i, 0), d.X.At(i, 1), c, d) != "" {
				bad++
			}
		}
		// Label noise (xor, circle) must still leave most labels right;
		// point noise (moons) moves every point off its curve.
		if bad == 0 || bad > 500 && g.name != "moons" {
			t.Errorf("%s: noise 0.5 leaves %d of 1000 rows off the clean pattern", g.name, bad)
		}
	}
}

func TestSpiralArms(t *testing.T) {
	for _, arms := range []int{2, 3, 6} {
		n := 10*arms + 1
		d := Spiral(n, 0, newRNG(1), arms)
		for i, k := range d.Y {
			m := classSize(n, arms, k)
			r := float64(i/arms) / float64(m)
			tt := 3.5*math.Pi*r + 2*math.Pi*float64(k)/float64(arms)
			if math.Abs(d.X.At(i, 0)-r*math.Sin(tt)) > 1e-12 || math.Abs(d.X.At(i, 1)-r*math.Cos(tt)) > 1e-12 {
				t.Fatalf("arms=%d row %d class %d: %v not on its arm at r=%g", arms, i, k, d.X.Row(i), r)
			}
		}
		noisy := Spiral(n, 0.5, newRNG(1), arms)
		for i := range d.Y {
			if dist := math.Hypot(noisy.X.At(i, 0)-d.X.At(i, 0), noisy.X.At(i, 1)-d.X.At(i, 1)); dist > 0.1*math.Sqrt2+1e-12 {
				t.Fatalf("arms=%d row %d: jitter %g beyond noise/5 per coordinate", arms, i, dist)
			}
		}
	}
}

// TestGaussSpread checks Playground's noise-to-variance mapping.
func TestGaussSpread(t *testing.T) {
	for _, noise := range []float64{0, 0.25, 0.5} {
		d := Gauss(20000, noise, newRNG(5))
		want := math.Sqrt(0.5+7*noise) / 5
		for c, centre := range []float64{-0.4, 0.4} {
			var s, ss float64
			m := 0
			for i, y := range d.Y {
				if y == c {
					v := d.X.At(i, 0)
					s += v
					ss += v * v
					m++
				}
			}
			mean := s / float64(m)
			std := math.Sqrt(ss/float64(m) - mean*mean)
			if math.Abs(mean-centre) > 0.02 || math.Abs(std/want-1) > 0.03 {
				t.Errorf("noise %g class %d: mean %.4f std %.4f, want %.1f and %.4f", noise, c, mean, std, centre, want)
			}
		}
	}
}

func TestBlobs(t *testing.T) {
	d := Blobs(400, 0, newRNG(9), 4)
	centres := make([][2]float64, 4)
	for i, c := range d.Y {
		p := [2]float64{d.X.At(i, 0), d.X.At(i, 1)}
		if i < 4 {
			centres[c] = p
		} else if p != centres[c] {
			t.Fatalf("noise 0: row %d of class %d at %v, its centre is %v", i, c, p, centres[c])
		}
		if math.Abs(p[0]) > 1 || math.Abs(p[1]) > 1 {
			t.Fatalf("centre %v outside [-1, 1]²", p)
		}
	}
	for a := range centres {
		for b := range a {
			if centres[a] == centres[b] {
				t.Fatalf("classes %d and %d share centre %v", a, b, centres[a])
			}
		}
	}
	// Same generator state, same centres: noise only adds to them.
	noisy := Blobs(4000, 0.1, newRNG(9), 4)
	for c := range 4 {
		var sx float64
		m := 0
		for i, y := range noisy.Y {
			if y == c {
				sx += noisy.X.At(i, 0)
				m++
			}
		}
		if got := sx / float64(m); math.Abs(got-centres[c][0]) > 0.02 {
			t.Errorf("class %d: mean x1 %.4f, centre %.4f", c, got, centres[c][0])
		}
	}
}

func TestMoonsEnds(t *testing.T) {
	d := Moons(10, 0, newRNG(1))
	// Row 0 starts the outer moon at (1, 0); row 1 the inner at (0, 0.5);
	// rows 8 and 9 end them at (-1, 0) and (2, 0.5), as make_moons.
	want := [][2]float64{0: {1, 0}, 1: {0, 0.5}, 8: {-1, 0}, 9: {2, 0.5}}
	for _, i := range []int{0, 1, 8, 9} {
		if math.Abs(d.X.At(i, 0)-want[i][0]) > 1e-12 || math.Abs(d.X.At(i, 1)-want[i][1]) > 1e-12 {
			t.Errorf("row %d at %v, want %v", i, d.X.Row(i), want[i])
		}
	}
}

func TestGeneratorPanics(t *testing.T) {
	cases := []struct {
		name string
		f    func()
		want string
	}{
		{"n below classes", func() { XOR(1, 0, newRNG(1)) }, "n = 1"},
		{"negative noise", func() { Moons(10, -1, newRNG(1)) }, "noise = -1"},
		{"NaN noise", func() { Gauss(10, math.NaN(), newRNG(1)) }, "noise = NaN"},
		{"circle noise too large", func() { Circle(10, 2, newRNG(1)) }, "noise = 2"},
		{"one arm", func() { Spiral(10, 0, newRNG(1), 1) }, "classes = 1"},
		{"nil rng", func() { Blobs(10, 0, nil, 3) }, "nil *rand.Rand"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			defer func() {
				r := recover()
				if s, _ := r.(string); !containsAll(s, c.want) {
					t.Fatalf("panic %v, want one mentioning %q", r, c.want)
				}
			}()
			c.f()
		})
	}
}
