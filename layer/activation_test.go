package layer

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/tensor"
)

// The helpers of this package's internal tests carry a "ly" prefix so that
// they cannot collide with the package's own unexported names.

// lyPanic runs f and returns its panic message, or "" and false.
func lyPanic(f func()) (msg string, panicked bool) {
	defer func() {
		if r := recover(); r != nil {
			msg, panicked = fmt.Sprint(r), true
		}
	}()
	f()
	return "", false
}

// lyExpectPanic fails unless f panics with a message containing each want.
func lyExpectPanic(t *testing.T, f func(), want ...string) {
	t.Helper()
	msg, ok := lyPanic(f)
	if !ok {
		t.Fatalf("no panic; want one mentioning %q", want)
	}
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("panic %q does not mention %q", msg, w)
		}
	}
}

// lyErrorMentions fails unless err is an error whose text has every want.
func lyErrorMentions(t *testing.T, what string, err error, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: no error; want one mentioning %q", what, want)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("%s: error %q does not mention %q", what, err, w)
		}
	}
}

// lyClose fails unless got and want agree to tol (relative above 1).
func lyClose(t *testing.T, what string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
	}
	for i := range got {
		if d := math.Abs(got[i] - want[i]); !(d <= tol*math.Max(1, math.Abs(want[i]))) {
			t.Fatalf("%s[%d] = %.17g, want %.17g", what, i, got[i], want[i])
		}
	}
}

func lyUniform(rng *rand.Rand, lo, hi float64, shape ...int) *tensor.Tensor {
	x := tensor.Zeros(shape...)
	x.FillUniform(rng, lo, hi)
	return x
}

func lyParse(t *testing.T, spec string) Activation {
	t.Helper()
	a, err := ParseActivation(spec)
	if err != nil {
		t.Fatalf("ParseActivation(%q): %v", spec, err)
	}
	return a
}

func lySigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// activationRefs gives, per spec, the function computed from its
// mathematical definition, independently of the implementation, and the
// points (x·beta = threshold for softplus, 0 for the piecewise ones) where
// it has a kink.
var activationRefs = []struct {
	spec  string
	f     func(x float64) float64
	kinks []float64
}{
	{"identity", func(x float64) float64 { return x }, nil},
	{"relu", func(x float64) float64 { return math.Max(0, x) }, []float64{0}},
	{"leaky_relu", func(x float64) float64 { return math.Max(x, 0.01*x) }, []float64{0}},
	{"leaky_relu:0.2", func(x float64) float64 { return math.Max(x, 0.2*x) }, []float64{0}},
	{"leaky_relu:-0.5", func(x float64) float64 {
		if x > 0 {
			return x
		}
		return -0.5 * x
	}, []float64{0}},
	{"elu", func(x float64) float64 {
		if x > 0 {
			return x
		}
		return math.Exp(x) - 1
	}, []float64{0}},
	{"elu:0.5", func(x float64) float64 {
		if x > 0 {
			return x
		}
		return 0.5 * (math.Exp(x) - 1)
	}, []float64{0}},
	{"sigmoid", lySigmoid, nil},
	{"tanh", func(x float64) float64 { return (math.Exp(2*x) - 1) / (math.Exp(2*x) + 1) }, nil},
	{"gelu", func(x float64) float64 { return x * 0.5 * math.Erfc(-x/math.Sqrt2) }, nil},
	{"gelu_tanh", func(x float64) float64 {
		return x / 2 * (1 + math.Tanh(math.Sqrt(2/math.Pi)*(x+0.044715*math.Pow(x, 3))))
	}, nil},
	{"elu:-0.7", func(x float64) float64 {
		if x > 0 {
			return x
		}
		return -0.7 * (math.Exp(x) - 1)
	}, []float64{0}},
	{"softplus:-1", func(x float64) float64 { return -math.Log(1 + math.Exp(-x)) }, nil},
	// beta·x > threshold for x < -1.5: x itself.
	{"softplus:-2,3", func(x float64) float64 {
		if x < -1.5 {
			return x
		}
		return math.Log(1+math.Exp(-2*x)) / -2
	}, []float64{-1.5}},
	{"silu", func(x float64) float64 { return x * lySigmoid(x) }, nil},
	{"softplus", func(x float64) float64 { return math.Log(1 + math.Exp(x)) }, nil},
	{"softplus:2", func(x float64) float64 { return math.Log(1+math.Exp(2*x)) / 2 }, nil},
	{"softplus:1,1.5", func(x float64) float64 {
		if x > 1.5 {
			return x
		}
		return math.Log(1 + math.Exp(x))
	}, []float64{1.5}},
}

func TestActivationValues(t *testing.T) {
	points := []float64{-7.5, -3, -1, -0.4, -1e-3, 0, 1e-3, 0.3, 1, 1.5, 2.5, 6}
	for _, ref := range activationRefs {
		a := lyParse(t, ref.spec)
		x := tensor.New(append([]float64(nil), points...), 3, 4)
		y := a.Forward(autograd.Const(x))
		want := make([]float64, len(points))
		for i, p := range points {
			want[i] = ref.f(p)
		}
		lyClose(t, ref.spec, y.Value().Data(), want, 1e-14)
		if f, ok := a.(autograd.UnaryFunc); ok {
			for i, p := range points {
				if got := f.Apply(p); math.Abs(got-want[i]) > 1e-14*math.Max(1, math.Abs(want[i])) {
					t.Errorf("%s: Apply(%v) = %v, want %v", ref.spec, p, got, want[i])
				}
			}
		}
	}
}

func TestActivationExactValues(t *testing.T) {
	tests := []struct {
		spec string
		x, y float64
	}{
		{"sigmoid", 0, 0.5},
		{"tanh", 0, 0},
		{"gelu", 0, 0},
		{"silu", 0, 0},
		{"softplus", 0, math.Ln2},
		{"softplus:2", 0, math.Ln2 / 2},
		{"softplus", 25, 25},   // above the threshold: x itself
		{"softplus:2", 12, 12}, // the threshold applies to beta·x
		{"softplus:2,3", 1.6, 1.6},
		{"elu", math.Inf(-1), -1},
		{"elu:0.5", -1000, -0.5},
		{"relu", -0.0, 0},
		{"leaky_relu:0.1", -10, -1},
		{"sigmoid", -800, 0},
		{"sigmoid", 800, 1},
	}
	for _, tc := range tests {
		y := lyParse(t, tc.spec).Forward(autograd.Const(tensor.New([]float64{tc.x}, 1))).Item()
		if y != tc.y {
			t.Errorf("%s(%v) = %v, want %v", tc.spec, tc.x, y, tc.y)
		}
	}
}

func TestActivationNaNPropagates(t *testing.T) {
	for _, ref := range activationRefs {
		y := lyParse(t, ref.spec).Forward(autograd.Const(tensor.New([]float64{math.NaN()}, 1))).Item()
		if !math.IsNaN(y) {
			t.Errorf("%s(NaN) = %v, want NaN (as PyTorch)", ref.spec, y)
		}
	}
}

func TestActivationGradCheck(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, ref := range activationRefs {
		t.Run(ref.spec, func(t *testing.T) {
			a := lyParse(t, ref.spec)
			for trial := 0; trial < 5; trial++ {
				m, n := 1+rng.IntN(4), 1+rng.IntN(4)
				x := lyUniform(rng, -4, 4, m, n)
				for i, v := range x.Data() {
					for _, k := range ref.kinks {
						if math.Abs(v-k) < 0.05 {
							x.Data()[i] = k + 0.1 // away from the kink
						}
					}
				}
				up := lyUniform(rng, -1, 1, m, n)
				res, err := autograd.GradCheck(func(in ...*autograd.Var) *autograd.Var {
					return autograd.Sum(autograd.Mul(a.Forward(in[0]), autograd.Const(up)))
				}, 0, x)
				if err != nil {
					t.Fatal(err)
				}
				if res.MaxRelErr > 1e-7 {
					t.Errorf("%v at %v", res, x.Data())
				}
			}
		})
	}
}

// TestActivationDerivativeAtZero pins the gradients at exactly 0, where
// the piecewise activations pick a side as PyTorch does.
func TestActivationDerivativeAtZero(t *testing.T) {
	tests := []struct {
		spec string
		want float64
	}{
		{"relu", 0},
		{"leaky_relu", 0.01},
		{"leaky_relu:0.3", 0.3},
		{"elu", 1},
		{"elu:0.25", 0.25},
		{"identity", 1},
		{"sigmoid", 0.25},
		{"tanh", 1},
		{"gelu", 0.5},
		{"gelu_tanh", 0.5},
		{"elu:-0.7", -0.7},
		{"silu", 0.5},
		{"softplus", 0.5},
		{"softplus:3", 0.5},
	}
	for _, tc := range tests {
		for _, zero := range []float64{0, math.Copysign(0, -1)} {
			x := autograd.Param(tensor.New([]float64{zero, zero}, 1, 2))
			y := lyParse(t, tc.spec).Forward(x)
			y.BackwardWith(tensor.New([]float64{1, -2}, 1, 2))
			if x.Grad() == nil {
				t.Fatalf("%s: no gradient", tc.spec)
			}
			lyClose(t, fmt.Sprintf("%s'(%v)", tc.spec, zero), x.Grad().Data(), []float64{tc.want, -2 * tc.want}, 1e-15)
		}
	}
}

// TestActivationSlicePathsAgree checks that an activation's whole-slice
// fast path, where it has one, gives the bits of its per-element methods.
func TestActivationSlicePathsAgree(t *testing.T) {
	xs := []float64{-2, -0.5, 0, math.Copysign(0, -1), 1e-300, 0.7, 3, math.NaN(), math.Inf(1), math.Inf(-1)}
	for _, ref := range activationRefs {
		a := lyParse(t, ref.spec)
		sf, ok := a.(autograd.SliceFunc)
		if !ok {
			continue
		}
		uf := a.(autograd.UnaryFunc)
		y := make([]float64, len(xs))
		sf.ApplySlice(y, xs)
		gy := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
		gx := []float64{0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5}
		sf.AccumulateGrad(gx, gy, xs, y)
		for i, x := range xs {
			if w := uf.Apply(x); math.Float64bits(y[i]) != math.Float64bits(w) {
				t.Errorf("%s: ApplySlice(%v) = %v, Apply %v", ref.spec, x, y[i], w)
			}
			if w := 0.5 + gy[i]*uf.Derivative(x, y[i]); gx[i] != w && !(math.IsNaN(gx[i]) && math.IsNaN(w)) {
				t.Errorf("%s: AccumulateGrad at %v = %v, Derivative gives %v", ref.spec, x, gx[i], w)
			}
		}
	}
}

func TestIdentityPassesThrough(t *testing.T) {
	x := autograd.Param(tensor.Zeros(2, 2))
	if (Identity{}).Forward(x) != x {
		t.Error("Identity made a new Var")
	}
}

func TestParseActivationRoundTrip(t *testing.T) {
	// A spec as a user writes it comes back from String unchanged, and
	// parses to the activation it names.
	tests := []struct {
		spec string
		want Activation
	}{
		{"identity", Identity{}},
		{"relu", ReLU{}},
		{"leaky_relu", LeakyReLU{NegativeSlope: 0.01}},
		{"leaky_relu:0.1", LeakyReLU{NegativeSlope: 0.1}},
		{"leaky_relu:-0.2", LeakyReLU{NegativeSlope: -0.2}},
		{"leaky_relu:1e-05", LeakyReLU{NegativeSlope: 1e-5}},
		{"leaky_relu:0.30000000000000004", LeakyReLU{NegativeSlope: math.Nextafter(0.3, 1)}},
		{"elu", ELU{Alpha: 1}},
		{"elu:0.5", ELU{Alpha: 0.5}},
		{"elu:0", ELU{Alpha: 0}},
		{"elu:-0.7", ELU{Alpha: -0.7}},
		{"sigmoid", Sigmoid{}},
		{"tanh", Tanh{}},
		{"gelu", GELU{}},
		{"gelu_tanh", GELUTanh{}},
		{"silu", SiLU{}},
		{"softplus", Softplus{Beta: 1, Threshold: 20}},
		{"softplus:-1", Softplus{Beta: -1, Threshold: 20}},
		{"softplus:-0.5,5", Softplus{Beta: -0.5, Threshold: 5}},
		{"softplus:2", Softplus{Beta: 2, Threshold: 20}},
		{"softplus:2,10", Softplus{Beta: 2, Threshold: 10}},
		{"softplus:1,10", Softplus{Beta: 1, Threshold: 10}},
	}
	for _, tc := range tests {
		a := lyParse(t, tc.spec)
		if a != tc.want {
			t.Errorf("ParseActivation(%q) = %#v, want %#v", tc.spec, a, tc.want)
		}
		if s := a.String(); s != tc.spec {
			t.Errorf("ParseActivation(%q).String() = %q", tc.spec, s)
		}
	}
}

func TestParseActivationEquivalentSpellings(t *testing.T) {
	// Other spellings of one activation parse to it, and String gives the
	// canonical spec, which parses back to the same bits.
	tests := []struct{ spec, canonical string }{
		{" relu ", "relu"},
		{"leaky_relu:0.01", "leaky_relu"},
		{"leaky_relu: 0.1", "leaky_relu:0.1"},
		{"leaky_relu:.1", "leaky_relu:0.1"},
		{"leaky_relu:1e-1", "leaky_relu:0.1"},
		{"leaky_relu:-0", "leaky_relu:-0"},
		{"elu:1", "elu"},
		{"elu:1.0", "elu"},
		{"softplus:2,20", "softplus:2"},
		{"softplus:1,20", "softplus"},
		{"softplus:1", "softplus"},
	}
	for _, tc := range tests {
		a := lyParse(t, tc.spec)
		if s := a.String(); s != tc.canonical {
			t.Errorf("ParseActivation(%q).String() = %q, want %q", tc.spec, s, tc.canonical)
		}
		if b := lyParse(t, a.String()); fmt.Sprintf("%#v", b) != fmt.Sprintf("%#v", a) {
			t.Errorf("%q: %#v does not survive String: %#v", tc.spec, a, b)
		}
	}
	neg := lyParse(t, "leaky_relu:-0").(LeakyReLU)
	if !math.Signbit(neg.NegativeSlope) {
		t.Error("leaky_relu:-0 lost its sign")
	}
}

func TestParseActivationErrors(t *testing.T) {
	tests := []struct {
		spec string
		want []string
	}{
		{"", []string{`unknown activation ""`, "relu", "leaky_relu"}},
		{"nope", []string{`unknown activation "nope"`, "known", "tanh"}},
		{"RELUX", []string{`"RELUX"`}}, // names are read in any case, but this is none
		{"relu:1", []string{`"relu"`, "no parameters", `"1"`}},
		{"relu:", []string{`"relu"`, "no parameters"}},
		{"leaky_relu:x", []string{"leaky_relu", "negative_slope", `"x"`, "not a finite number"}},
		{"leaky_relu:", []string{"leaky_relu", "negative_slope", `""`}},
		{"leaky_relu:NaN", []string{"leaky_relu", "negative_slope", "NaN", "not a finite number"}},
		{"leaky_relu:inf", []string{"leaky_relu", "inf", "not a finite number"}},
		{"leaky_relu:-Inf", []string{"leaky_relu", "-Inf"}},
		{"leaky_relu:0.1,2", []string{"leaky_relu", "at most 1", "negative_slope", "got 2"}},
		{"softplus:0", []string{"softplus", "beta", "not be 0"}},
		{"softplus:-0", []string{"softplus", "beta", "not be 0"}},
		{"softplus:1,2,3", []string{"softplus", "at most 2", "beta, threshold", "got 3"}},
		{"softplus:1,,", []string{"softplus", "at most 2"}},
		{"softplus:1,x", []string{"softplus", "threshold", `"x"`}},
	}
	for _, tc := range tests {
		a, err := ParseActivation(tc.spec)
		if a != nil {
			t.Errorf("ParseActivation(%q) returned %v with its error", tc.spec, a)
		}
		lyErrorMentions(t, fmt.Sprintf("ParseActivation(%q)", tc.spec), err, tc.want...)
	}
}

func TestNewActivation(t *testing.T) {
	tests := []struct {
		name   string
		params map[string]float64
		want   Activation
	}{
		{"relu", nil, ReLU{}},
		{"relu", map[string]float64{}, ReLU{}},
		{"leaky_relu", nil, LeakyReLU{NegativeSlope: 0.01}},
		{"leaky_relu", map[string]float64{"negative_slope": 0.2}, LeakyReLU{NegativeSlope: 0.2}},
		{"elu", map[string]float64{"alpha": 0.7}, ELU{Alpha: 0.7}},
		{"elu", map[string]float64{"alpha": -0.7}, ELU{Alpha: -0.7}},
		{"softplus", map[string]float64{"beta": -1}, Softplus{Beta: -1, Threshold: 20}},
		{"gelu_tanh", nil, GELUTanh{}},
		{"softplus", map[string]float64{"beta": 2}, Softplus{Beta: 2, Threshold: 20}},
		{"softplus", map[string]float64{"threshold": 5}, Softplus{Beta: 1, Threshold: 5}},
		{"softplus", map[string]float64{"threshold": 5, "beta": 0.5}, Softplus{Beta: 0.5, Threshold: 5}},
	}
	for _, tc := range tests {
		a, err := NewActivation(tc.name, tc.params)
		if err != nil || a != tc.want {
			t.Errorf("NewActivation(%q, %v) = %#v, %v; want %#v", tc.name, tc.params, a, err, tc.want)
		}
	}
}

func TestNewActivationErrors(t *testing.T) {
	tests := []struct {
		name   string
		params map[string]float64
		want   []string
	}{
		{"nope", nil, []string{`unknown activation "nope"`}},
		{"leaky_relu", map[string]float64{"slope": 0.1}, []string{"leaky_relu", "slope", "negative_slope"}},
		{"relu", map[string]float64{"alpha": 1}, []string{"relu", "alpha"}},
		{"softplus", map[string]float64{"beta": 2, "zeta": 1, "alpha": 3}, []string{"softplus", "[alpha zeta]", "beta threshold"}},
		{"softplus", map[string]float64{"beta": 0}, []string{"softplus", "beta", "not be 0"}},
		{"leaky_relu", map[string]float64{"negative_slope": math.NaN()}, []string{"leaky_relu", "negative_slope", "NaN", "finite"}},
		{"softplus", map[string]float64{"threshold": math.Inf(1)}, []string{"softplus", "threshold", "Inf"}},
	}
	for _, tc := range tests {
		a, err := NewActivation(tc.name, tc.params)
		if a != nil {
			t.Errorf("NewActivation(%q, %v) returned %v with its error", tc.name, tc.params, a)
		}
		lyErrorMentions(t, fmt.Sprintf("NewActivation(%q, %v)", tc.name, tc.params), err, tc.want...)
	}
}

// scaledTanh is a user's activation, Scale·tanh(x), registered below.
type scaledTanh struct{ Scale float64 }

func (s scaledTanh) Forward(x *autograd.Var) *autograd.Var {
	return autograd.Scale(autograd.Elementwise(x, Tanh{}), s.Scale)
}

func (s scaledTanh) String() string { return fmt.Sprintf("lytest_scaled_tanh:%g", s.Scale) }

func TestRegisterActivation(t *testing.T) {
	RegisterActivation(ActivationSpec{
		Name: "lytest_scaled_tanh", Doc: "scale·tanh(x)",
		Params: []string{"scale"}, Defaults: []float64{1.7159},
		New: func(p []float64) (Activation, error) {
			if p[0] == 0 {
				return nil, fmt.Errorf("scale must not be 0")
			}
			return scaledTanh{Scale: p[0]}, nil
		},
	})
	a := lyParse(t, "lytest_scaled_tanh:2")
	if a != (scaledTanh{Scale: 2}) || a.String() != "lytest_scaled_tanh:2" {
		t.Errorf("parsed %#v, String %q", a, a.String())
	}
	if d := lyParse(t, "lytest_scaled_tanh"); d != (scaledTanh{Scale: 1.7159}) {
		t.Errorf("default: %#v", d)
	}
	b, err := NewActivation("lytest_scaled_tanh", map[string]float64{"scale": 3})
	if err != nil || b != (scaledTanh{Scale: 3}) {
		t.Errorf("NewActivation: %#v, %v", b, err)
	}
	_, err = ParseActivation("lytest_scaled_tanh:0")
	lyErrorMentions(t, "user range check", err, "lytest_scaled_tanh", "scale must not be 0")
	y := a.Forward(autograd.Const(tensor.New([]float64{0.5}, 1)))
	if want := 2 * math.Tanh(0.5); y.Item() != want {
		t.Errorf("Forward = %v, want %v", y.Item(), want)
	}
	found := false
	for _, s := range ActivationSpecs() {
		found = found || s.Name == "lytest_scaled_tanh"
	}
	if !found {
		t.Error("ActivationSpecs does not list the registered activation")
	}
	_, err = ParseActivation("no_such_activation")
	lyErrorMentions(t, "known list", err, "lytest_scaled_tanh")
}

func TestRegisterActivationRejectsMalformedSpecs(t *testing.T) {
	ok := func([]float64) (Activation, error) { return ReLU{}, nil }
	tests := []struct {
		name string
		spec ActivationSpec
	}{
		{"empty name", ActivationSpec{New: ok}},
		{"colon", ActivationSpec{Name: "a:b", New: ok}},
		{"comma", ActivationSpec{Name: "a,b", New: ok}},
		{"space", ActivationSpec{Name: "a b", New: ok}},
		{"upper case", ActivationSpec{Name: "LyTest", New: ok}},
		{"no constructor", ActivationSpec{Name: "lytest_nil"}},
		{"defaults", ActivationSpec{Name: "lytest_defaults", Params: []string{"p"}, New: ok}},
	}
	for _, tc := range tests {
		lyExpectPanic(t, func() { RegisterActivation(tc.spec) }, "RegisterActivation", fmt.Sprintf("%q", tc.spec.Name))
	}
	for _, name := range []string{"lytest_nil", "lytest_defaults"} {
		if _, err := ParseActivation(name); err == nil {
			t.Errorf("a malformed spec %q was registered", name)
		}
	}
}

func TestActivationSpecs(t *testing.T) {
	specs := ActivationSpecs()
	builtin := map[string]bool{"identity": true, "relu": true, "leaky_relu": true, "elu": true,
		"sigmoid": true, "tanh": true, "gelu": true, "silu": true, "softplus": true}
	for i, s := range specs {
		if i > 0 && specs[i-1].Name >= s.Name {
			t.Errorf("not sorted: %q before %q", specs[i-1].Name, s.Name)
		}
		if builtin[s.Name] {
			delete(builtin, s.Name)
			if s.Doc == "" || len(s.Params) != len(s.Defaults) {
				t.Errorf("%s: doc %q, params %v, defaults %v", s.Name, s.Doc, s.Params, s.Defaults)
			}
			// Every built-in's defaults build it, and its name parses.
			if _, err := s.New(s.Defaults); err != nil {
				t.Errorf("%s: defaults: %v", s.Name, err)
			}
		}
	}
	if len(builtin) > 0 {
		t.Errorf("missing built-ins %v", builtin)
	}
}

func TestParseActivationAnyCase(t *testing.T) {
	for spec, want := range map[string]string{"ReLU": "relu", "TANH": "tanh", "Leaky_ReLU:0.2": "leaky_relu:0.2"} {
		a, err := ParseActivation(spec)
		if err != nil || a.String() != want {
			t.Errorf("ParseActivation(%q) = %v, %v; want %s", spec, a, err, want)
		}
	}
}
