package layer

import (
	"math"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/internal/fmath"
)

// The piecewise-linear family and its smooth cousin ELU. Derivatives at 0
// follow PyTorch: relu'(0) = 0, leaky_relu'(0) = negative_slope,
// elu'(0) = alpha.

func init() {
	RegisterActivation(ActivationSpec{Name: "identity", Doc: "f(x) = x: no nonlinearity",
		New: func([]float64) (Activation, error) { return Identity{}, nil }})
	RegisterActivation(ActivationSpec{Name: "relu", Doc: "max(0, x)",
		New: func([]float64) (Activation, error) { return ReLU{}, nil }})
	RegisterActivation(ActivationSpec{Name: "leaky_relu", Doc: "x for x > 0, else negative_slope·x",
		Params: []string{"negative_slope"}, Defaults: []float64{0.01},
		New: func(p []float64) (Activation, error) { return LeakyReLU{NegativeSlope: p[0]}, nil }})
	// Any finite alpha, as in PyTorch: a negative one flips the negative
	// branch, which is unusual but well defined.
	RegisterActivation(ActivationSpec{Name: "elu", Doc: "x for x > 0, else alpha·(eˣ − 1)",
		Params: []string{"alpha"}, Defaults: []float64{1},
		New: func(p []float64) (Activation, error) { return ELU{Alpha: p[0]}, nil }})
}

// Identity passes its input through unchanged: a network of Dense layers
// with Identity between them is one affine map.
type Identity struct{}

// Forward returns x itself.
func (Identity) Forward(x *autograd.Var) *autograd.Var { return x }

// String returns "identity".
func (Identity) String() string { return "identity" }

// ReLU is max(0, x).
type ReLU struct{}

// Forward applies ReLU elementwise.
func (r ReLU) Forward(x *autograd.Var) *autograd.Var { return autograd.Elementwise(x, r) }

// Apply returns max(0, x); NaN stays NaN, as in PyTorch.
func (ReLU) Apply(x float64) float64 {
	if x > 0 || x != x {
		return x
	}
	return 0
}

// Derivative returns 1 for x > 0, else 0.
func (ReLU) Derivative(x, _ float64) float64 {
	if x > 0 {
		return 1
	}
	return 0
}

// ApplySlice is the fast path of Apply. It selects bits rather than
// branching on the sign of x, which random inputs would mispredict half
// the time: with AVX2 four elements at a time (relu_amd64.s), elsewhere a
// conditional move per element.
func (ReLU) ApplySlice(y, x []float64) {
	y = y[:len(x)]
	reluSlice(y, x)
}

// reluGo is ApplySlice in Go.
func reluGo(y, x []float64) {
	y = y[:len(x)]
	for i, v := range x {
		b := math.Float64bits(v)
		if v <= 0 { // false for NaN, which passes through
			b = 0
		}
		y[i] = math.Float64frombits(b)
	}
}

// AccumulateGrad is the fast path of Derivative, branch-free for the same
// reason as ApplySlice: a masked element adds +0, which leaves gx as it
// was (up to the sign of a zero) even where gy is NaN or infinite.
func (ReLU) AccumulateGrad(gx, gy, x, _ []float64) {
	gx, gy = gx[:len(x)], gy[:len(x)]
	reluGrad(gx, gy, x)
}

// reluGradGo is AccumulateGrad in Go.
func reluGradGo(gx, gy, x []float64) {
	gx, gy = gx[:len(x)], gy[:len(x)]
	for i, v := range x {
		g := math.Float64bits(gy[i])
		if !(v > 0) {
			g = 0
		}
		gx[i] += math.Float64frombits(g)
	}
}

// String returns "relu".
func (ReLU) String() string { return "relu" }

// LeakyReLU is x for x > 0, else NegativeSlope·x.
type LeakyReLU struct{ NegativeSlope float64 }

// Forward applies LeakyReLU elementwise.
func (l LeakyReLU) Forward(x *autograd.Var) *autograd.Var { return autograd.Elementwise(x, l) }

// Apply returns the activation of x.
func (l LeakyReLU) Apply(x float64) float64 {
	if x > 0 {
		return x
	}
	return x * l.NegativeSlope
}

// Derivative returns 1 for x > 0, else NegativeSlope.
func (l LeakyReLU) Derivative(x, _ float64) float64 {
	if x > 0 {
		return 1
	}
	return l.NegativeSlope
}

// String returns the spec, "leaky_relu:<slope>", or "leaky_relu" for the
// default slope.
func (l LeakyReLU) String() string { return formatSpec("leaky_relu", l.NegativeSlope) }

// ELU is x for x > 0, else Alpha·(eˣ − 1).
type ELU struct{ Alpha float64 }

// Forward applies ELU elementwise.
func (e ELU) Forward(x *autograd.Var) *autograd.Var { return autograd.Elementwise(x, e) }

// Apply returns the activation of x.
func (e ELU) Apply(x float64) float64 {
	if x > 0 {
		return x
	}
	return e.Alpha * fmath.Expm1(x)
}

// Derivative returns 1 for x > 0, else Alpha·eˣ.
func (e ELU) Derivative(x, _ float64) float64 {
	if x > 0 {
		return 1
	}
	return e.Alpha * fmath.Exp(x)
}

// String returns the spec, "elu:<alpha>", or "elu" for the default alpha.
func (e ELU) String() string { return formatSpec("elu", e.Alpha) }
