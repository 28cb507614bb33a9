package autograd

// Square returns x² elementwise.
func Square(x *Var) *Var { return Elementwise(x, squareFunc) }

var squareFunc = Funcs{square, squareDerivative}

func square(x float64) float64 { return x * x }

// squareDerivative is (x²)' = 2x.
func squareDerivative(x, _ float64) float64 { return 2 * x }
