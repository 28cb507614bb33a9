package autograd

import "math"

// Exp returns eˣ elementwise.
func Exp(x *Var) *Var { return Elementwise(x, expFunc) }

var expFunc = Funcs{math.Exp, expDerivative}

// expDerivative is (eˣ)' = eˣ: the output itself.
func expDerivative(_, y float64) float64 { return y }
