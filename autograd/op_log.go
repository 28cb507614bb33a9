package autograd

import "math"

// Log returns the natural logarithm elementwise.
func Log(x *Var) *Var { return Elementwise(x, logFunc) }

var logFunc = Funcs{math.Log, logDerivative}

// logDerivative is (log x)' = 1/x.
func logDerivative(x, _ float64) float64 { return 1 / x }
