package layer

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"

	"github.com/nnlab/nnlab/tensor"
)

// Initializer sets the starting values of a dense layer's weight [out, in]
// and bias [out], drawing from rng. fan_in is in, fan_out is out.
type Initializer interface {
	Init(weight, bias *tensor.Tensor, rng *rand.Rand)
}

func fans(w *tensor.Tensor) (in, out float64) { return float64(w.Cols()), float64(w.Rows()) }

func gainOr(g, def float64) float64 {
	if g == 0 {
		return def
	}
	return g
}

// TorchDefault is PyTorch's own nn.Linear initialisation: weight and bias
// both uniform on ±1/√fan_in (kaiming_uniform_ with a = √5).
type TorchDefault struct{}

// Init implements Initializer.
func (TorchDefault) Init(w, b *tensor.Tensor, rng *rand.Rand) {
	needRNG("TorchDefault", rng)
	in, _ := fans(w)
	bound := 1 / math.Sqrt(in)
	w.FillUniform(rng, -bound, bound)
	b.FillUniform(rng, -bound, bound)
}

// XavierUniform is Glorot's uniform initialisation: weights on
// ±Gain·√(6/(fan_in+fan_out)), zero bias. Gain 0 means 1.
type XavierUniform struct{ Gain float64 }

// Init implements Initializer.
func (x XavierUniform) Init(w, b *tensor.Tensor, rng *rand.Rand) {
	needRNG("XavierUniform", rng)
	in, out := fans(w)
	a := gainOr(x.Gain, 1) * math.Sqrt(6/(in+out))
	w.FillUniform(rng, -a, a)
	b.Zero()
}

// XavierNormal is Glorot's normal initialisation: std
// Gain·√(2/(fan_in+fan_out)), zero bias. Gain 0 means 1.
type XavierNormal struct{ Gain float64 }

// Init implements Initializer.
func (x XavierNormal) Init(w, b *tensor.Tensor, rng *rand.Rand) {
	needRNG("XavierNormal", rng)
	in, out := fans(w)
	w.FillNormal(rng, 0, gainOr(x.Gain, 1)*math.Sqrt(2/(in+out)))
	b.Zero()
}

// HeUniform is He/Kaiming uniform initialisation in fan_in mode: weights on
// ±Gain·√(3/fan_in), zero bias. Gain 0 means √2, ReLU's gain.
type HeUniform struct{ Gain float64 }

// Init implements Initializer.
func (h HeUniform) Init(w, b *tensor.Tensor, rng *rand.Rand) {
	needRNG("HeUniform", rng)
	in, _ := fans(w)
	a := gainOr(h.Gain, math.Sqrt2) * math.Sqrt(3/in)
	w.FillUniform(rng, -a, a)
	b.Zero()
}

// HeNormal is He/Kaiming normal initialisation in fan_in mode: std
// Gain/√fan_in, zero bias. Gain 0 means √2, ReLU's gain.
type HeNormal struct{ Gain float64 }

// Init implements Initializer.
func (h HeNormal) Init(w, b *tensor.Tensor, rng *rand.Rand) {
	needRNG("HeNormal", rng)
	in, _ := fans(w)
	w.FillNormal(rng, 0, gainOr(h.Gain, math.Sqrt2)/math.Sqrt(in))
	b.Zero()
}

// LeCunNormal draws weights with std 1/√fan_in, zero bias (suits SELU and
// tanh).
type LeCunNormal struct{}

// Init implements Initializer.
func (LeCunNormal) Init(w, b *tensor.Tensor, rng *rand.Rand) {
	needRNG("LeCunNormal", rng)
	in, _ := fans(w)
	w.FillNormal(rng, 0, 1/math.Sqrt(in))
	b.Zero()
}

// LeCunUniform draws weights uniform on ±√(3/fan_in), zero bias.
type LeCunUniform struct{}

// Init implements Initializer.
func (LeCunUniform) Init(w, b *tensor.Tensor, rng *rand.Rand) {
	needRNG("LeCunUniform", rng)
	in, _ := fans(w)
	a := math.Sqrt(3 / in)
	w.FillUniform(rng, -a, a)
	b.Zero()
}

// Constant sets every weight to Value and the bias to zero. Constant{} is
// all zeros, the classic way to show why symmetry must be broken.
type Constant struct{ Value float64 }

// Init implements Initializer.
func (c Constant) Init(w, b *tensor.Tensor, _ *rand.Rand) {
	w.Fill(c.Value)
	b.Zero()
}

var initializers = map[string]Initializer{
	"torch":          TorchDefault{},
	"xavier_uniform": XavierUniform{},
	"xavier_normal":  XavierNormal{},
	"he_uniform":     HeUniform{},
	"he_normal":      HeNormal{},
	"lecun_normal":   LeCunNormal{},
	"lecun_uniform":  LeCunUniform{},
	"zeros":          Constant{},
	"rai":            RAI{},
}

// InitNames lists the names ParseInit accepts, sorted.
func InitNames() []string {
	names := make([]string, 0, len(initializers))
	for n := range initializers {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// ParseInit returns the initialiser of the given name (see InitNames;
// "glorot_*" and "kaiming_*" are accepted as aliases of "xavier_*" and
// "he_*", "constant:V" gives Constant{V}, and "uniform:LO:HI[:BIAS]"
// Uniform{LO, HI, BIAS}).
func ParseInit(name string) (Initializer, error) {
	n := strings.NewReplacer("glorot_", "xavier_", "kaiming_", "he_").Replace(name)
	if v, ok := strings.CutPrefix(n, "constant:"); ok {
		f, err := parseParam(v)
		if err != nil {
			return nil, fmt.Errorf("init %q: %v", name, err)
		}
		return Constant{Value: f}, nil
	}
	if v, ok := strings.CutPrefix(n, "uniform:"); ok {
		return parseUniform(name, v)
	}
	if ini, ok := initializers[n]; ok {
		return ini, nil
	}
	return nil, fmt.Errorf("unknown init %q (known: %s, constant:V, uniform:LO:HI[:BIAS])", name, strings.Join(InitNames(), ", "))
}

// needRNG panics, naming the initialiser, when an initialiser that draws
// is given no generator: a clear message at the door rather than a nil
// dereference deep in tensor. Constant, which draws nothing, accepts a
// nil rng.
func needRNG(init string, rng *rand.Rand) {
	if rng == nil {
		panic(fmt.Sprintf("layer: %s.Init: rng is nil; this initialiser draws random weights", init))
	}
}
