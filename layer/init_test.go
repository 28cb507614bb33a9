package layer

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

// lyMoments returns the mean, standard deviation and largest magnitude of x.
func lyMoments(x []float64) (mean, std, maxAbs float64) {
	for _, v := range x {
		mean += v
		maxAbs = math.Max(maxAbs, math.Abs(v))
	}
	mean /= float64(len(x))
	for _, v := range x {
		std += (v - mean) * (v - mean)
	}
	return mean, math.Sqrt(std / float64(len(x))), maxAbs
}

// TestInitializerDistributions draws a 400×300 weight (fan_out 400, fan_in
// 300: 120,000 values) and compares its moments with each initialiser's
// formula: a uniform on ±a has std a/√3 and reaches nearly a.
func TestInitializerDistributions(t *testing.T) {
	const out, in = 400, 300
	sqrt3 := math.Sqrt(3)
	tests := []struct {
		name    string
		init    Initializer
		uniform bool    // uniform on ±bound, else normal
		bound   float64 // uniform bound
		std     float64
		bias    float64 // bias bound for TorchDefault; 0 means a zero bias
	}{
		{"TorchDefault", TorchDefault{}, true, 1 / math.Sqrt(in), 1 / math.Sqrt(in) / sqrt3, 1 / math.Sqrt(in)},
		{"XavierUniform", XavierUniform{}, true, math.Sqrt(6.0 / (in + out)), math.Sqrt(2.0 / (in + out)), 0},
		{"XavierUniform gain 2", XavierUniform{Gain: 2}, true, 2 * math.Sqrt(6.0/(in+out)), 2 * math.Sqrt(2.0/(in+out)), 0},
		{"XavierNormal", XavierNormal{}, false, 0, math.Sqrt(2.0 / (in + out)), 0},
		{"XavierNormal gain 0.5", XavierNormal{Gain: 0.5}, false, 0, 0.5 * math.Sqrt(2.0/(in+out)), 0},
		{"HeUniform", HeUniform{}, true, math.Sqrt(6.0 / in), math.Sqrt(2.0 / in), 0},
		{"HeUniform gain 1", HeUniform{Gain: 1}, true, math.Sqrt(3.0 / in), math.Sqrt(1.0 / in), 0},
		{"HeNormal", HeNormal{}, false, 0, math.Sqrt(2.0 / in), 0},
		{"HeNormal gain 1", HeNormal{Gain: 1}, false, 0, math.Sqrt(1.0 / in), 0},
		{"LeCunNormal", LeCunNormal{}, false, 0, math.Sqrt(1.0 / in), 0},
		{"LeCunUniform", LeCunUniform{}, true, math.Sqrt(3.0 / in), math.Sqrt(1.0 / in), 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w, b := tensor.Full(math.NaN(), out, in), tensor.Full(math.NaN(), out)
			tc.init.Init(w, b, rand.New(rand.NewPCG(1, 2)))
			mean, std, maxAbs := lyMoments(w.Data())
			if math.Abs(std/tc.std-1) > 0.02 {
				t.Errorf("std %.6g, want %.6g", std, tc.std)
			}
			if math.Abs(mean) > 5*tc.std/math.Sqrt(out*in) {
				t.Errorf("mean %.3g, want about 0 (std %.3g)", mean, tc.std)
			}
			if tc.uniform {
				if maxAbs > tc.bound || maxAbs < 0.999*tc.bound {
					t.Errorf("max |w| %.6g, want just below the bound %.6g", maxAbs, tc.bound)
				}
			} else if maxAbs < 3.5*tc.std || maxAbs > 6*tc.std {
				t.Errorf("max |w| %.3g for std %.3g: not a normal's tail", maxAbs, tc.std)
			}
			bm, _, bmax := lyMoments(b.Data())
			if tc.bias == 0 {
				if bmax != 0 || math.IsNaN(bm) {
					t.Errorf("bias not zero: max %v", bmax)
				}
			} else if bmax > tc.bias || bmax < 0.95*tc.bias || math.Abs(bm) > tc.bias/5 {
				t.Errorf("bias mean %.3g, max %.3g, want uniform on ±%.3g", bm, bmax, tc.bias)
			}
		})
	}
}

func TestConstantInit(t *testing.T) {
	for _, v := range []float64{0, 0.5, -2} {
		w, b := tensor.Full(math.NaN(), 3, 2), tensor.Full(math.NaN(), 3)
		Constant{Value: v}.Init(w, b, nil) // needs no generator
		lyClose(t, fmt.Sprint("weight ", v), w.Data(), []float64{v, v, v, v, v, v}, 0)
		lyClose(t, "bias", b.Data(), []float64{0, 0, 0}, 0)
	}
}

func TestInitializersAreDeterministic(t *testing.T) {
	for _, name := range InitNames() {
		ini, err := ParseInit(name)
		if err != nil {
			t.Fatal(err)
		}
		draw := func(seed uint64) []float64 {
			w, b := tensor.Zeros(5, 4), tensor.Zeros(5)
			ini.Init(w, b, rand.New(rand.NewPCG(seed, 3)))
			return append(w.Data(), b.Data()...)
		}
		a, b, c := draw(9), draw(9), draw(10)
		differs := false
		for i := range a {
			if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
				t.Fatalf("%s: same seed, element %d: %v != %v", name, i, a[i], b[i])
			}
			differs = differs || a[i] != c[i]
		}
		if name != "zeros" && !differs {
			t.Errorf("%s: another seed gave the same values", name)
		}
	}
}

func TestParseInit(t *testing.T) {
	tests := []struct {
		name string
		want Initializer
	}{
		{"torch", TorchDefault{}},
		{"xavier_uniform", XavierUniform{}},
		{"xavier_normal", XavierNormal{}},
		{"glorot_uniform", XavierUniform{}},
		{"glorot_normal", XavierNormal{}},
		{"he_uniform", HeUniform{}},
		{"he_normal", HeNormal{}},
		{"kaiming_uniform", HeUniform{}},
		{"kaiming_normal", HeNormal{}},
		{"lecun_normal", LeCunNormal{}},
		{"lecun_uniform", LeCunUniform{}},
		{"zeros", Constant{}},
		{"rai", RAI{}},
		{"constant:0.5", Constant{Value: 0.5}},
		{"constant:-1e-3", Constant{Value: -1e-3}},
		{"constant:0", Constant{}},
	}
	for _, tc := range tests {
		got, err := ParseInit(tc.name)
		if err != nil || got != tc.want {
			t.Errorf("ParseInit(%q) = %#v, %v; want %#v", tc.name, got, err, tc.want)
		}
	}
}

func TestInitNames(t *testing.T) {
	names := InitNames()
	want := []string{"he_normal", "he_uniform", "lecun_normal", "lecun_uniform", "rai", "torch", "xavier_normal", "xavier_uniform", "zeros"}
	if fmt.Sprint(names) != fmt.Sprint(want) {
		t.Errorf("InitNames = %v, want %v", names, want)
	}
	if !sort.StringsAreSorted(names) {
		t.Error("InitNames is not sorted")
	}
	for _, n := range names {
		if _, err := ParseInit(n); err != nil {
			t.Errorf("ParseInit(%q): %v", n, err)
		}
	}
}

func TestParseInitErrors(t *testing.T) {
	tests := []struct {
		name string
		want []string
	}{
		{"", []string{`unknown init ""`, "xavier_uniform", "constant:V"}},
		{"nope", []string{`unknown init "nope"`, "he_normal"}},
		{"xavier", []string{`"xavier"`}},
		{"Xavier_Uniform", []string{`"Xavier_Uniform"`}},
		{"constant", []string{`"constant"`}},
		{"constant:", []string{`init "constant:"`, "not a finite number"}},
		{"constant:x", []string{`init "constant:x"`, `"x"`}},
		{"constant:NaN", []string{`init "constant:NaN"`, "not a finite number"}},
		{"constant:-Inf", []string{"constant:-Inf", "not a finite number"}},
	}
	for _, tc := range tests {
		ini, err := ParseInit(tc.name)
		if ini != nil {
			t.Errorf("ParseInit(%q) returned %v with its error", tc.name, ini)
		}
		lyErrorMentions(t, fmt.Sprintf("ParseInit(%q)", tc.name), err, tc.want...)
	}
}

// TestRAI checks the randomized asymmetric initialisation's construction:
// in every unit's (weights, bias) vector exactly one entry is drawn from
// Beta(2, 1), and over many units that entry lands on each position alike,
// has mean 2/3 and lies in [0, 1]; the rest has He's spread.
func TestRAI(t *testing.T) {
	const in, out = 3, 20000
	w, b := tensor.Zeros(out, in), tensor.Zeros(out)
	RAI{}.Init(w, b, rand.New(rand.NewPCG(1, 2)))
	// Replaying the stream's symmetric draws finds the one entry per unit
	// that RAI replaced by its Beta draw.
	rng := rand.New(rand.NewPCG(1, 2))
	ws, bs := tensor.Zeros(out, in), tensor.Zeros(out)
	ws.FillNormal(rng, 0, math.Sqrt2/math.Sqrt(in))
	bs.FillNormal(rng, 0, math.Sqrt2/math.Sqrt(in))
	hits := make([]int, in+1)
	var sum, sq float64
	var nsym int
	for i := range out {
		row := append(append([]float64(nil), w.Row(i)...), b.Data()[i])
		sym := append(append([]float64(nil), ws.Row(i)...), bs.Data()[i])
		changed := -1
		for k := range row {
			if row[k] != sym[k] {
				if changed >= 0 {
					t.Fatalf("unit %d: entries %d and %d both differ from the symmetric draw", i, changed, k)
				}
				changed = k
			} else {
				sq += row[k] * row[k]
				nsym++
			}
		}
		if changed < 0 || row[changed] < 0 || row[changed] > 1 {
			t.Fatalf("unit %d: Beta entry %d = %v", i, changed, row)
		}
		hits[changed]++
		sum += row[changed]
	}
	if m := sum / out; math.Abs(m-2.0/3) > 0.01 {
		t.Errorf("mean of the Beta(2, 1) entries %v, want 2/3", m)
	}
	for k, h := range hits {
		if math.Abs(float64(h)/out-1.0/(in+1)) > 0.02 {
			t.Errorf("position %d chosen %d of %d times, want about a quarter", k, h, out)
		}
	}
	if v := sq / float64(nsym); math.Abs(v-2.0/in) > 0.02 {
		t.Errorf("second moment of the symmetric entries %v, want He's 2/%d", v, in)
	}
}
