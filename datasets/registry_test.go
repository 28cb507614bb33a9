package datasets

import (
	"math"
	"strings"
	"testing"
)

func TestBuiltinLookup(t *testing.T) {
	gens := Builtin()
	want := []string{"xor", "circle", "gauss", "spiral", "moons", "blobs"}
	if len(gens) != len(want) {
		t.Fatalf("%d generators, want %d", len(gens), len(want))
	}
	for i, g := range gens {
		if g.Name != want[i] || g.Doc == "" || g.Make == nil {
			t.Errorf("generator %d: %+v", i, g)
		}
		if strings.Contains(g.Doc, "\n") {
			t.Errorf("%s: Doc is not one line", g.Name)
		}
		for _, name := range []string{g.Name, strings.ToUpper(g.Name)} {
			if l, ok := Lookup(name); !ok || l.Name != g.Name {
				t.Errorf("Lookup(%q) = %q, %v", name, l.Name, ok)
			}
		}
	}
	if _, ok := Lookup("mnist"); ok {
		t.Error("Lookup(mnist) found something")
	}
	gens[0].Name = "changed"
	if Builtin()[0].Name != "xor" {
		t.Error("Builtin returned shared storage")
	}
}

func TestMake(t *testing.T) {
	cases := []struct {
		gen     string
		classes int
		want    int // classes in the result
	}{
		{"xor", 0, 2}, {"xor", 2, 2}, {"circle", 2, 2}, {"gauss", 0, 2}, {"moons", 2, 2},
		{"spiral", 0, 2}, {"spiral", 4, 4}, {"blobs", 0, 3}, {"blobs", 5, 5},
	}
	for _, c := range cases {
		g, _ := Lookup(c.gen)
		d, err := g.Make(50, 0.1, c.classes, newRNG(2))
		if err != nil {
			t.Fatalf("%s classes=%d: %v", c.gen, c.classes, err)
		}
		if d.NumClasses() != c.want || d.Len() != 50 {
			t.Errorf("%s classes=%d: %d classes, %d rows", c.gen, c.classes, d.NumClasses(), d.Len())
		}
		if g.Multiclass != (c.gen == "spiral" || c.gen == "blobs") {
			t.Errorf("%s: Multiclass = %v", c.gen, g.Multiclass)
		}
		// Make draws as the generator function does.
		direct := map[string]func() *Dataset{
			"xor": func() *Dataset { return XOR(50, 0.1, newRNG(2)) },
			"spiral": func() *Dataset {
				return Spiral(50, 0.1, newRNG(2), c.want)
			},
		}[c.gen]
		if direct != nil && !equalData(direct(), d) {
			t.Errorf("%s: Make and the generator function disagree", c.gen)
		}
	}
}

func TestMakeErrors(t *testing.T) {
	cases := []struct {
		gen     string
		n       int
		noise   float64
		classes int
		want    []string
	}{
		{"xor", 0, 0.1, 0, []string{"xor", "n = 0"}},
		{"moons", -5, 0.1, 2, []string{"moons", "n = -5"}},
		{"spiral", 3, 0.1, 4, []string{"spiral", "n = 3", "at least 4"}},
		{"gauss", 10, -0.1, 0, []string{"gauss", "noise = -0.1"}},
		{"blobs", 10, math.NaN(), 0, []string{"noise = NaN"}},
		{"moons", 10, math.Inf(1), 0, []string{"noise = +Inf"}},
		{"circle", 10, 1.5, 0, []string{"circle", "noise = 1.5", "at most 1"}},
		{"xor", 10, 0.1, 3, []string{"xor", "classes = 3", "exactly 2"}},
		{"circle", 10, 0.1, 1, []string{"classes = 1"}},
		{"spiral", 10, 0.1, 1, []string{"spiral", "classes = 1", "at least 2"}},
		{"blobs", 10, 0.1, -2, []string{"classes = -2"}},
	}
	for _, c := range cases {
		g, _ := Lookup(c.gen)
		d, err := g.Make(c.n, c.noise, c.classes, newRNG(1))
		if err == nil || d != nil {
			t.Errorf("%s n=%d noise=%v classes=%d: no error", c.gen, c.n, c.noise, c.classes)
			continue
		}
		if !containsAll(err.Error(), c.want...) {
			t.Errorf("%s: error %q, want it to mention %q", c.gen, err, c.want)
		}
	}
}

func equalData(a, b *Dataset) bool {
	if a.Len() != b.Len() {
		return false
	}
	for i, v := range a.X.Data() {
		if b.X.Data()[i] != v {
			return false
		}
	}
	for i, y := range a.Y {
		if b.Y[i] != y {
			return false
		}
	}
	return true
}
