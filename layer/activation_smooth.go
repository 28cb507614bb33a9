package layer

import (
	"fmt"
	"math"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/internal/fmath"
)

// The smooth activations: sigmoid and tanh saturate at both ends, GELU,
// softplus and SiLU only at the negative end.

func init() {
	RegisterActivation(ActivationSpec{Name: "sigmoid", Doc: "1 / (1 + e⁻ˣ)",
		New: func([]float64) (Activation, error) { return Sigmoid{}, nil }})
	RegisterActivation(ActivationSpec{Name: "tanh", Doc: "hyperbolic tangent",
		New: func([]float64) (Activation, error) { return Tanh{}, nil }})
	RegisterActivation(ActivationSpec{Name: "gelu", Doc: "x·Φ(x), exact (erf) form",
		New: func([]float64) (Activation, error) { return GELU{}, nil }})
	RegisterActivation(ActivationSpec{Name: "gelu_tanh", Doc: "GELU with the tanh approximation of Φ (PyTorch's approximate='tanh')",
		New: func([]float64) (Activation, error) { return GELUTanh{}, nil }})
	RegisterActivation(ActivationSpec{Name: "silu", Doc: "x·sigmoid(x), also called swish",
		New: func([]float64) (Activation, error) { return SiLU{}, nil }})
	RegisterActivation(ActivationSpec{Name: "softplus", Doc: "log(1 + e^(beta·x)) / beta, linear above threshold",
		Params: []string{"beta", "threshold"}, Defaults: []float64{1, 20},
		New: func(p []float64) (Activation, error) {
			// PyTorch takes any beta; a negative one mirrors the curve
			// (softplus(x, -b) = -softplus(-x, b) below the threshold),
			// but 0 divides by zero.
			if p[0] == 0 {
				return nil, fmt.Errorf("beta must not be 0 (it divides by beta), got %g", p[0])
			}
			return Softplus{Beta: p[0], Threshold: p[1]}, nil
		}})
}

func sigmoid(x float64) float64 { return 1 / (1 + fmath.Exp(-x)) }

// Sigmoid is the logistic function 1 / (1 + e⁻ˣ).
type Sigmoid struct{}

// Forward applies the sigmoid elementwise.
func (s Sigmoid) Forward(x *autograd.Var) *autograd.Var { return autograd.Elementwise(x, s) }

// Apply returns sigmoid(x).
func (Sigmoid) Apply(x float64) float64 { return sigmoid(x) }

// Derivative returns y·(1 − y).
func (Sigmoid) Derivative(_, y float64) float64 { return y * (1 - y) }

// String returns "sigmoid".
func (Sigmoid) String() string { return "sigmoid" }

// Tanh is the hyperbolic tangent.
type Tanh struct{}

// Forward applies tanh elementwise.
func (t Tanh) Forward(x *autograd.Var) *autograd.Var { return autograd.Elementwise(x, t) }

// Apply returns tanh(x).
func (Tanh) Apply(x float64) float64 { return fmath.Tanh(x) }

// Derivative returns 1 − y².
func (Tanh) Derivative(_, y float64) float64 { return 1 - float64(y*y) }

// String returns "tanh".
func (Tanh) String() string { return "tanh" }

// GELU is x·Φ(x) with Φ the standard normal CDF, PyTorch's exact form.
type GELU struct{}

// Forward applies GELU elementwise.
func (g GELU) Forward(x *autograd.Var) *autograd.Var { return autograd.Elementwise(x, g) }

// Apply returns x·Φ(x).
func (GELU) Apply(x float64) float64 { return 0.5 * x * (1 + fmath.Erf(x/math.Sqrt2)) }

// Derivative returns Φ(x) + x·φ(x).
func (GELU) Derivative(x, _ float64) float64 {
	return float64(0.5*(1+fmath.Erf(x/math.Sqrt2))) + x*fmath.Exp(float64(-0.5*x*x))/math.Sqrt(2*math.Pi)
}

// String returns "gelu".
func (GELU) String() string { return "gelu" }

// geluTanhBeta is √(2/π) as PyTorch's GELU kernel computes it, M_SQRT2 ·
// M_2_SQRTPI · 0.5 rounded after each product; the variables keep Go from
// folding the constants exactly.
var geluTanhBeta = func() float64 {
	sqrt2, twoOverSqrtPi := math.Sqrt2, 1.12837916709551257390 // M_SQRT2, M_2_SQRTPI
	return sqrt2 * twoOverSqrtPi * 0.5
}()

// geluTanhKappa is the cubic coefficient of the tanh approximation, a
// variable so that 3·kappa rounds as in PyTorch's kernel.
var geluTanhKappa = 0.044715

// GELUTanh is GELU with Φ approximated by tanh, PyTorch's
// F.gelu(x, approximate='tanh'): 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
type GELUTanh struct{}

// Forward applies the approximate GELU elementwise.
func (g GELUTanh) Forward(x *autograd.Var) *autograd.Var { return autograd.Elementwise(x, g) }

// Apply returns the approximate GELU of x, in the order of PyTorch's CPU
// kernel.
func (GELUTanh) Apply(x float64) float64 {
	inner := geluTanhBeta * (x + float64(geluTanhKappa*(x*x*x)))
	return 0.5 * x * (1 + fmath.Tanh(inner))
}

// Derivative returns 0.5·(1 + t) + 0.5·x·(1 − t²)·√(2/π)·(1 + 3·0.044715·x²)
// with t the tanh term, as PyTorch's backward kernel.
func (GELUTanh) Derivative(x, _ float64) float64 {
	xSq := x * x
	t := fmath.Tanh(geluTanhBeta * (x + float64(geluTanhKappa*(xSq*x))))
	left := 0.5 * x
	dInner := geluTanhBeta * (1 + float64(3*geluTanhKappa*xSq))
	return float64(0.5*(1+t)) + float64(left*(1-float64(t*t))*dInner)
}

// String returns "gelu_tanh".
func (GELUTanh) String() string { return "gelu_tanh" }

// SiLU is x·sigmoid(x).
type SiLU struct{}

// Forward applies SiLU elementwise.
func (s SiLU) Forward(x *autograd.Var) *autograd.Var { return autograd.Elementwise(x, s) }

// Apply returns x·sigmoid(x).
func (SiLU) Apply(x float64) float64 { return x * sigmoid(x) }

// Derivative returns s·(1 + x·(1 − s)) with s = sigmoid(x).
func (SiLU) Derivative(x, _ float64) float64 {
	s := sigmoid(x)
	return s * (1 + float64(x*(1-s)))
}

// String returns "silu".
func (SiLU) String() string { return "silu" }

// Softplus is log(1 + e^(Beta·x)) / Beta, and x itself where Beta·x
// exceeds Threshold, as PyTorch computes it.
type Softplus struct{ Beta, Threshold float64 }

// Forward applies softplus elementwise.
func (s Softplus) Forward(x *autograd.Var) *autograd.Var { return autograd.Elementwise(x, s) }

// Apply returns softplus(x).
func (s Softplus) Apply(x float64) float64 {
	if x*s.Beta > s.Threshold {
		return x
	}
	return fmath.Log1p(fmath.Exp(s.Beta*x)) / s.Beta
}

// Derivative returns sigmoid(Beta·x), or 1 above the threshold.
func (s Softplus) Derivative(x, _ float64) float64 {
	if x*s.Beta > s.Threshold {
		return 1
	}
	z := fmath.Exp(s.Beta * x)
	return z / (z + 1)
}

// String returns the spec, "softplus:<beta>,<threshold>", leaving out
// trailing parameters at their defaults: "softplus:2", "softplus".
func (s Softplus) String() string { return formatSpec("softplus", s.Beta, s.Threshold) }
