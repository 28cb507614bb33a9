package autograd

import "fmt"

// UnaryFunc is a scalar function applied elementwise by [Elementwise]: its
// value and its derivative. Derivative receives both the input x and the
// output y = Apply(x), since many derivatives are cheapest from y (sigmoid:
// y(1-y); tanh: 1-y²).
type UnaryFunc interface {
	Apply(x float64) float64
	Derivative(x, y float64) float64
}

// SliceFunc is an optional fast path for a [UnaryFunc]: whole slices per
// call instead of one interface call per element. A user's function need
// not implement it. Both methods must be safe to call concurrently on
// disjoint parts of their slices: a large tensor's pass is cut into
// chunks run over tensor.Threads() goroutines, as PyTorch runs its
// elementwise kernels.
type SliceFunc interface {
	// ApplySlice sets y[i] = f(x[i]).
	ApplySlice(y, x []float64)
	// AccumulateGrad adds gy[i]·f'(x[i]) to gx[i]; y holds f(x).
	AccumulateGrad(gx, gy, x, y []float64)
}

// Elementwise returns f applied to every element of x; its backward
// multiplies the upstream gradient by f's derivative. Every built-in
// activation is one of these, and so can be any user's. It panics if f is
// nil.
func Elementwise(x *Var, f UnaryFunc) *Var {
	if f == nil {
		panic(fmt.Sprintf("autograd: Elementwise: nil function for input %v", x.Shape()))
	}
	tp := tapeOf(x)
	y := tp.uncleared(x.Shape()...) // every element is written below
	xd, yd := x.value.Data(), y.Data()
	if fast, ok := f.(SliceFunc); ok {
		runSlice(sliceJob{f: fast, x: xd, y: yd, n: len(xd)})
	} else {
		for i, v := range xd {
			yd[i] = f.Apply(v)
		}
	}
	out := result(tp, y, elementwiseBackward, x)
	out.fn = f
	return out
}

// elementwiseBackward passes g·f'(x) to x, f being out.fn.
func elementwiseBackward(out *Var) {
	x := out.parents[0]
	g, xg, xd, yd := out.grad.Data(), x.gradBuf().Data(), x.value.Data(), out.value.Data()
	if fast, ok := out.fn.(SliceFunc); ok {
		runSlice(sliceJob{f: fast, grad: true, gx: xg, gy: g, x: xd, y: yd, n: len(xd)})
		return
	}
	for i, v := range xd {
		xg[i] += float64(g[i] * out.fn.Derivative(v, yd[i]))
	}
}

// Funcs is an adapter that makes a UnaryFunc of two plain functions.
type Funcs struct {
	F  func(x float64) float64
	DF func(x, y float64) float64
}

// Apply calls F.
func (f Funcs) Apply(x float64) float64 { return f.F(x) }

// Derivative calls DF.
func (f Funcs) Derivative(x, y float64) float64 { return f.DF(x, y) }
