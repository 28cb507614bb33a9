package autograd

import "github.com/nnlab/nnlab/internal/fmath"

// Log returns the natural logarithm elementwise.
func Log(x *Var) *Var { return Elementwise(x, logFunc) }

var logFunc = Funcs{fmath.Log, logDerivative}

// logDerivative is (log x)' = 1/x.
func logDerivative(x, _ float64) float64 { return 1 / x }
