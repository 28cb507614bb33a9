package autograd

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

// cube is a user UnaryFunc written as a type, outside the Funcs adapter.
type cube struct{}

func (cube) Apply(x float64) float64         { return x * x * x }
func (cube) Derivative(x, _ float64) float64 { return 3 * x * x }

// softsign is a user UnaryFunc that also implements the SliceFunc fast
// path, counting its calls to show that the path is taken.
type softsign struct{ slices, grads *int }

func (softsign) Apply(x float64) float64 { return x / (1 + math.Abs(x)) }
func (softsign) Derivative(x, _ float64) float64 {
	d := 1 + math.Abs(x)
	return 1 / (d * d)
}
func (s softsign) ApplySlice(y, x []float64) {
	*s.slices++
	for i, v := range x {
		y[i] = s.Apply(v)
	}
}
func (s softsign) AccumulateGrad(gx, gy, x, _ []float64) {
	*s.grads++
	for i, v := range x {
		gx[i] += gy[i] * s.Derivative(v, 0)
	}
}

// opCase is one op at random inputs: f builds it from Vars and naive
// computes its value from the raw tensors by loops.
type opCase struct {
	name   string
	inputs []*tensor.Tensor
	f      func(in ...*Var) *Var
	naive  func(in ...*tensor.Tensor) []float64
	shape  []int
}

// naiveLinear returns x·wᵀ (+ b) by loops.
func naiveLinear(x, w, b *tensor.Tensor) []float64 {
	n, in, out := x.Rows(), x.Cols(), w.Rows()
	y := make([]float64, n*out)
	for i := 0; i < n; i++ {
		for o := 0; o < out; o++ {
			s := 0.0
			for k := 0; k < in; k++ {
				s += x.At(i, k) * w.At(o, k)
			}
			if b != nil {
				s += b.Data()[o]
			}
			y[i*out+o] = s
		}
	}
	return y
}

func naiveElementwise(f func(a ...float64) float64) func(in ...*tensor.Tensor) []float64 {
	return func(in ...*tensor.Tensor) []float64 {
		out := make([]float64, in[0].Len())
		args := make([]float64, len(in))
		for i := range out {
			for k, t := range in {
				args[k] = t.Data()[i%t.Len()] // a row vector repeats per row
			}
			out[i] = f(args...)
		}
		return out
	}
}

// opCases returns every op at random shapes (1 included) and values; Log
// gets positive inputs.
func opCases(rng *rand.Rand) []opCase {
	m, n, k := 1+rng.IntN(4), 1+rng.IntN(4), 1+rng.IntN(4)
	u := func(shape ...int) *tensor.Tensor { return agUniform(rng, -2, 2, shape...) }
	slices, grads := new(int), new(int)
	return []opCase{
		{"Linear with bias", []*tensor.Tensor{u(m, n), u(k, n), u(k)},
			func(in ...*Var) *Var { return Linear(in[0], in[1], in[2]) },
			func(in ...*tensor.Tensor) []float64 { return naiveLinear(in[0], in[1], in[2]) }, []int{m, k}},
		{"Linear without bias", []*tensor.Tensor{u(m, n), u(k, n)},
			func(in ...*Var) *Var { return Linear(in[0], in[1], nil) },
			func(in ...*tensor.Tensor) []float64 { return naiveLinear(in[0], in[1], nil) }, []int{m, k}},
		{"MatMul", []*tensor.Tensor{u(m, n), u(n, k)},
			func(in ...*Var) *Var { return MatMul(in[0], in[1]) },
			func(in ...*tensor.Tensor) []float64 {
				// a·b = a·(bᵀ)ᵀ, a Linear with weight bᵀ.
				bt := tensor.Zeros(k, n)
				for i := 0; i < n; i++ {
					for j := 0; j < k; j++ {
						bt.Set(in[1].At(i, j), j, i)
					}
				}
				return naiveLinear(in[0], bt, nil)
			}, []int{m, k}},
		{"Add", []*tensor.Tensor{u(m, n), u(m, n)},
			func(in ...*Var) *Var { return Add(in[0], in[1]) },
			naiveElementwise(func(a ...float64) float64 { return a[0] + a[1] }), []int{m, n}},
		{"Add row vector [n]", []*tensor.Tensor{u(m, n), u(n)},
			func(in ...*Var) *Var { return Add(in[0], in[1]) },
			naiveElementwise(func(a ...float64) float64 { return a[0] + a[1] }), []int{m, n}},
		{"Add row vector [1 n]", []*tensor.Tensor{u(m+1, n), u(1, n)},
			func(in ...*Var) *Var { return Add(in[0], in[1]) },
			naiveElementwise(func(a ...float64) float64 { return a[0] + a[1] }), []int{m + 1, n}},
		{"Sub", []*tensor.Tensor{u(m, n), u(m, n)},
			func(in ...*Var) *Var { return Sub(in[0], in[1]) },
			naiveElementwise(func(a ...float64) float64 { return a[0] - a[1] }), []int{m, n}},
		{"Mul", []*tensor.Tensor{u(m, n), u(m, n)},
			func(in ...*Var) *Var { return Mul(in[0], in[1]) },
			naiveElementwise(func(a ...float64) float64 { return a[0] * a[1] }), []int{m, n}},
		{"Scale", []*tensor.Tensor{u(m, n)},
			func(in ...*Var) *Var { return Scale(in[0], -1.75) },
			naiveElementwise(func(a ...float64) float64 { return -1.75 * a[0] }), []int{m, n}},
		{"Sum", []*tensor.Tensor{u(m, n, k)},
			func(in ...*Var) *Var { return Sum(in[0]) },
			func(in ...*tensor.Tensor) []float64 {
				s := 0.0
				for _, v := range in[0].Data() {
					s += v
				}
				return []float64{s}
			}, []int{}},
		{"Mean", []*tensor.Tensor{u(m, n)},
			func(in ...*Var) *Var { return Mean(in[0]) },
			func(in ...*tensor.Tensor) []float64 {
				s := 0.0
				for _, v := range in[0].Data() {
					s += v
				}
				return []float64{s / float64(m*n)}
			}, []int{}},
		{"Elementwise Funcs", []*tensor.Tensor{u(m, n)},
			func(in ...*Var) *Var {
				return Elementwise(in[0], Funcs{math.Sin, func(x, _ float64) float64 { return math.Cos(x) }})
			},
			naiveElementwise(func(a ...float64) float64 { return math.Sin(a[0]) }), []int{m, n}},
		{"Elementwise user type", []*tensor.Tensor{u(m, n)},
			func(in ...*Var) *Var { return Elementwise(in[0], cube{}) },
			naiveElementwise(func(a ...float64) float64 { return a[0] * a[0] * a[0] }), []int{m, n}},
		{"Elementwise SliceFunc", []*tensor.Tensor{agUniform(rng, 0.1, 2, m, n)},
			func(in ...*Var) *Var { return Elementwise(in[0], softsign{slices, grads}) },
			naiveElementwise(func(a ...float64) float64 { return a[0] / (1 + a[0]) }), []int{m, n}},
		{"Exp", []*tensor.Tensor{u(m, n)},
			func(in ...*Var) *Var { return Exp(in[0]) },
			naiveElementwise(func(a ...float64) float64 { return math.Exp(a[0]) }), []int{m, n}},
		{"Log", []*tensor.Tensor{agUniform(rng, 0.2, 3, m, n)},
			func(in ...*Var) *Var { return Log(in[0]) },
			naiveElementwise(func(a ...float64) float64 { return math.Log(a[0]) }), []int{m, n}},
		{"Square", []*tensor.Tensor{u(m, n)},
			func(in ...*Var) *Var { return Square(in[0]) },
			naiveElementwise(func(a ...float64) float64 { return a[0] * a[0] }), []int{m, n}},
	}
}

func TestOpValues(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 20))
	for trial := 0; trial < 5; trial++ {
		for _, tc := range opCases(rng) {
			t.Run(fmt.Sprintf("%s/%d", tc.name, trial), func(t *testing.T) {
				vars := make([]*Var, len(tc.inputs))
				for i, x := range tc.inputs {
					vars[i] = Const(x)
				}
				y := tc.f(vars...)
				if !tensor.EqualShape(y.Shape(), tc.shape) {
					t.Fatalf("shape %v, want %v", y.Shape(), tc.shape)
				}
				agClose(t, "value", y.Value().Data(), tc.naive(tc.inputs...), 1e-13)
			})
		}
	}
}

// TestOpGradCheck checks every op's backward pass against finite
// differences. The op's output is reduced with random weights, so that the
// upstream gradient differs from element to element.
func TestOpGradCheck(t *testing.T) {
	rng := rand.New(rand.NewPCG(30, 40))
	for trial := 0; trial < 5; trial++ {
		for _, tc := range opCases(rng) {
			t.Run(fmt.Sprintf("%s/%d", tc.name, trial), func(t *testing.T) {
				up := agUniform(rng, -1, 1, tc.shape...)
				f := func(in ...*Var) *Var { return Sum(Mul(tc.f(in...), Const(up))) }
				res, err := GradCheck(f, 0, tc.inputs...)
				if err != nil {
					t.Fatal(err)
				}
				if res.MaxRelErr > 1e-7 {
					t.Errorf("%v", res)
				}
			})
		}
	}
}

func TestSliceFuncFastPathIsUsed(t *testing.T) {
	slices, grads := new(int), new(int)
	x := Param(tensor.New([]float64{-1, 0.5, 3}, 3))
	y := Elementwise(x, softsign{slices, grads})
	Sum(y).Backward()
	if *slices != 1 || *grads != 1 {
		t.Errorf("ApplySlice called %d times and AccumulateGrad %d times, want 1 and 1", *slices, *grads)
	}
	agClose(t, "value", y.Value().Data(), []float64{-0.5, 0.5 / 1.5, 0.75}, 1e-15)
	agClose(t, "grad", x.Grad().Data(), []float64{0.25, 1 / 2.25, 1.0 / 16}, 1e-15)
}

func TestOpsDoNotTouchTheirOperands(t *testing.T) {
	rng := rand.New(rand.NewPCG(50, 60))
	for _, tc := range opCases(rng) {
		before := make([][]float64, len(tc.inputs))
		vars := make([]*Var, len(tc.inputs))
		for i, x := range tc.inputs {
			before[i] = append([]float64(nil), x.Data()...)
			vars[i] = Param(x)
		}
		y := tc.f(vars...)
		y.BackwardWith(tensor.Full(1, y.Shape()...))
		for i, x := range tc.inputs {
			agClose(t, tc.name+" operand", x.Data(), before[i], 0)
		}
	}
}

func TestOpPanics(t *testing.T) {
	z := func(shape ...int) *Var { return Param(tensor.Zeros(shape...)) }
	tests := []struct {
		name string
		f    func()
		want []string
	}{
		{"Linear in features", func() { Linear(z(2, 3), z(4, 2), nil) }, []string{"Linear", "[2 3]", "[4 2]"}},
		{"Linear vector input", func() { Linear(z(5), z(4, 3), nil) }, []string{"Linear", "[5]", "[4 3]"}},
		{"Linear bias length", func() { Linear(z(2, 3), z(4, 3), z(3)) }, []string{"Linear", "bias", "[3]", "[4 3]"}},
		{"Linear bias rank", func() { Linear(z(2, 3), z(4, 3), z(1, 4)) }, []string{"Linear", "bias", "[1 4]"}},
		{"MatMul inner", func() { MatMul(z(2, 3), z(2, 3)) }, []string{"autograd: MatMul", "[2 3]"}},
		{"MatMul vector", func() { MatMul(z(3), z(3, 1)) }, []string{"autograd: MatMul", "[3]", "[3 1]"}},
		{"Add no broadcast", func() { Add(z(2, 3), z(2)) }, []string{"autograd: Add", "[2 3]", "[2]"}},
		{"Add column", func() { Add(z(2, 3), z(2, 1)) }, []string{"autograd: Add", "[2 3]", "[2 1]"}},
		{"Add vectors", func() { Add(z(3), z(2)) }, []string{"autograd: Add", "[3]", "[2]"}},
		{"Add matrix to row", func() { Add(z(1, 3), z(2, 3)) }, []string{"autograd: Add", "[1 3]", "[2 3]"}},
		{"Add rank 3 row", func() { Add(z(2, 3), z(1, 1, 3)) }, []string{"autograd: Add", "[2 3]", "[1 1 3]"}},
		{"Sub", func() { Sub(z(2, 3), z(3)) }, []string{"autograd: Sub", "[2 3]", "[3]"}},
		{"Mul", func() { Mul(z(2, 3), z(3, 2)) }, []string{"autograd: Mul", "[2 3]", "[3 2]"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { agExpectPanic(t, tc.f, tc.want...) })
	}
}
