package datasets

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

func TestParseFeaturesPlayground(t *testing.T) {
	m, err := ParseFeatures(" x1, x2 ,x1^2,x2 ^ 2,x1*x2,sin( x1 ),sin(x2)", []string{"x1", "x2"})
	if err != nil {
		t.Fatal(err)
	}
	const want = "x1,x2,x1^2,x2^2,x1*x2,sin(x1),sin(x2)"
	if m.String() != want || m.NumFeatures() != 7 || !slices.Equal(m.Inputs(), []string{"x1", "x2"}) {
		t.Errorf("String %q, %d features, inputs %q", m, m.NumFeatures(), m.Inputs())
	}
	again, err := ParseFeatures(m.String(), m.Inputs())
	if err != nil || again.String() != want {
		t.Errorf("round trip: %v %v", again, err)
	}
	raw := tensor.New([]float64{0.5, -2, 3, 0.25}, 2, 2)
	got := m.Apply(raw)
	wantX := []float64{
		0.5, -2, 0.25, 4, -1, math.Sin(0.5), math.Sin(-2),
		3, 0.25, 9, 0.0625, 0.75, math.Sin(3), math.Sin(0.25),
	}
	if !slices.Equal(got.Shape(), []int{2, 7}) || !slices.Equal(got.Data(), wantX) {
		t.Errorf("Apply = %v", got.Data())
	}
	c, err := ParseFeatures("cos(petal length),petal length*width", []string{"petal length", "width"})
	if err != nil || c.String() != "cos(petal length),petal length*width" {
		t.Errorf("headers: %v %v", c, err)
	}
	if got := RawFeatures([]string{"a", "b"}).Apply(raw); !slices.Equal(got.Data(), raw.Data()) {
		t.Errorf("RawFeatures: %v", got.Data())
	}
}

func TestParseFeaturesErrors(t *testing.T) {
	cols := []string{"x1", "x2"}
	cases := []struct {
		spec string
		pos  int
		msg  string
	}{
		{"", 0, "want a column name, found the end"},
		{"x1,", 3, "want a column name, found the end"},
		{"x1,x3", 3, `no column "x3"; the columns are "x1", "x2"`},
		{"x1^3", 3, `want the exponent 2 (only squares are supported), found "3"`},
		{"x1*", 3, "want a column name, found the end"},
		{"sin(x1", 6, "want a closing ), found the end"},
		{"tan(x1)", 0, `unknown function "tan"; the functions are sin and cos`},
		{"(x1)", 0, `want a column name, found "("`},
		{"x1,x2,x1", 6, "x1 given twice"},
		{"x1*x1,x1^2", 6, "x1^2 given twice"},
		{"x1)", 2, `unexpected ")"; want , or the end`},
		{"sin()", 4, `want a column name, found ")"`},
	}
	for _, c := range cases {
		_, err := ParseFeatures(c.spec, cols)
		fe, ok := err.(*FeatureError)
		if !ok || fe.Pos != c.pos || fe.Spec != c.spec || !strings.HasPrefix(fe.Msg, c.msg) {
			t.Errorf("%q: %v, want character %d: %s", c.spec, err, c.pos+1, c.msg)
		}
	}
	_, err := ParseFeatures("x1,x3", cols)
	if err == nil || err.Error() != `features "x1,x3": at character 4: no column "x3"; the columns are "x1", "x2"` {
		t.Errorf("message: %v", err)
	}
}

func TestFeatureMapApplyToAllocatesNothing(t *testing.T) {
	m, err := ParseFeatures("x1,x2,x1^2,x2^2,x1*x2,sin(x1),cos(x2)", []string{"x1", "x2"})
	if err != nil {
		t.Fatal(err)
	}
	raw := Spiral(100, 0.1, rand.New(rand.NewPCG(1, 2)), 2).X
	dst := tensor.Zeros(100, 7)
	if a := testing.AllocsPerRun(10, func() { m.ApplyTo(dst, raw) }); a != 0 {
		t.Errorf("%v allocations", a)
	}
	defer func() {
		if recover() == nil {
			t.Error("no panic on a shape mismatch")
		}
	}()
	m.ApplyTo(tensor.Zeros(100, 6), raw)
}

func TestRegressionSets(t *testing.T) {
	for _, g := range BuiltinRegression() {
		a, err := g.Make(300, 0.1, 0, rand.New(rand.NewPCG(7, 1)))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := g.Make(300, 0.1, 0, rand.New(rand.NewPCG(7, 1)))
		c, _ := g.Make(300, 0.1, 0, rand.New(rand.NewPCG(8, 1)))
		if err := a.Validate(); err != nil || !a.IsRegression() || a.Len() != 300 {
			t.Errorf("%s: %v", g.Name, err)
		}
		if !slices.Equal(a.X.Data(), b.X.Data()) || !slices.Equal(a.Values, b.Values) {
			t.Errorf("%s: not deterministic for a seed", g.Name)
		}
		if slices.Equal(a.Values, c.Values) {
			t.Errorf("%s: the seed changes nothing", g.Name)
		}
		for i, v := range a.Values {
			x, y := a.X.At(i, 0), a.X.At(i, 1)
			if math.Abs(x) > 1.2 || math.Abs(y) > 1.2 || math.Abs(v) > 1.5 {
				t.Errorf("%s: row %d = (%v, %v) → %v", g.Name, i, x, y, v)
			}
		}
		if _, err := g.Make(10, 0, 3, rand.New(rand.NewPCG(1, 1))); err == nil {
			t.Errorf("%s: classes accepted", g.Name)
		}
		if _, ok := LookupRegression(strings.ToUpper(g.Name)); !ok {
			t.Errorf("LookupRegression(%s)", g.Name)
		}
	}
	// Noise 0: the targets are Playground's formulas at the points.
	p := RegPlane(50, 0, rand.New(rand.NewPCG(3, 3)))
	q := RegGauss(50, 0, rand.New(rand.NewPCG(3, 3)))
	for i := range 50 {
		x, y := 5*p.X.At(i, 0), 5*p.X.At(i, 1)
		if d := p.Values[i] - (x+y)/10; math.Abs(d) > 1e-12 {
			t.Errorf("reg-plane row %d: %v at (%v, %v)", i, p.Values[i], x, y)
		}
		// Near (0, 2.5) the negative bump dominates.
		want := -max(0, 1-math.Hypot(x, y-2.5)/2)
		if math.Hypot(x, y-2.5) < 1 && math.Abs(q.Values[i]-want) > 1e-12 {
			t.Errorf("reg-gauss row %d: %v, want %v", i, q.Values[i], want)
		}
	}
}

func TestSuggest(t *testing.T) {
	cases := map[string]string{"spirals": "spiral", "SPIRL": "spiral", "moon": "moons", "reg-plan": "reg-plane", "xyzzy": "", "circel": "circle"}
	for in, want := range cases {
		if got := Suggest(in); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Closest("--dat", []string{"--data", "--out"}); got != "--data" {
		t.Errorf("Closest = %q", got)
	}
	if _, ok := Lookup("SpIrAl"); !ok {
		t.Error("Lookup is case-sensitive")
	}
}
