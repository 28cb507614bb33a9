package autograd

import "github.com/nnlab/nnlab/internal/fmath"

// Exp returns eˣ elementwise.
func Exp(x *Var) *Var { return Elementwise(x, expFunc) }

var expFunc = Funcs{fmath.Exp, expDerivative}

// expDerivative is (eˣ)' = eˣ: the output itself.
func expDerivative(_, y float64) float64 { return y }
