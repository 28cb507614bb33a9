package autograd

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

// The helpers of this package's internal tests carry a "ag" prefix so that
// they cannot collide with the package's own unexported names.

// agPanic runs f and returns its panic message, or "" and false.
func agPanic(f func()) (msg string, panicked bool) {
	defer func() {
		if r := recover(); r != nil {
			msg, panicked = fmt.Sprint(r), true
		}
	}()
	f()
	return "", false
}

// agExpectPanic fails unless f panics with a message containing each want.
func agExpectPanic(t *testing.T, f func(), want ...string) {
	t.Helper()
	msg, ok := agPanic(f)
	if !ok {
		t.Fatalf("no panic; want one mentioning %q", want)
	}
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("panic %q does not mention %q", msg, w)
		}
	}
}

// agUniform returns a tensor of the shape with elements uniform in [lo, hi).
func agUniform(rng *rand.Rand, lo, hi float64, shape ...int) *tensor.Tensor {
	x := tensor.Zeros(shape...)
	x.FillUniform(rng, lo, hi)
	return x
}

// agClose fails unless got and want agree element by element to tol
// (relative above magnitude 1).
func agClose(t *testing.T, what string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", what, len(got), len(want))
	}
	for i := range got {
		if d := math.Abs(got[i] - want[i]); !(d <= tol*math.Max(1, math.Abs(want[i]))) {
			t.Fatalf("%s[%d] = %.17g, want %.17g", what, i, got[i], want[i])
		}
	}
}

// agGrad returns v's gradient data, failing if none reached it.
func agGrad(t *testing.T, what string, v *Var) []float64 {
	t.Helper()
	if v.Grad() == nil {
		t.Fatalf("%s: no gradient", what)
	}
	return v.Grad().Data()
}

func agScaled(x []float64, s float64) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = s * v
	}
	return out
}

func TestLeafConstructors(t *testing.T) {
	x := tensor.New([]float64{1, 2}, 2)
	tests := []struct {
		name                    string
		v                       *Var
		requiresGrad, inference bool
	}{
		{"Param", Param(x), true, false},
		{"Const", Const(x), false, false},
		{"Inference", Inference(x), false, true},
		{"Detach of Param", Param(x).Detach(), false, false},
		{"Detach of Inference", Inference(x).Detach(), false, true},
	}
	for _, tc := range tests {
		if tc.v.Value() != x {
			t.Errorf("%s copied its tensor", tc.name)
		}
		if tc.v.RequiresGrad() != tc.requiresGrad || tc.v.inference != tc.inference {
			t.Errorf("%s: requiresGrad %v inference %v", tc.name, tc.v.RequiresGrad(), tc.v.inference)
		}
		if !tc.v.IsLeaf() || tc.v.Grad() != nil {
			t.Errorf("%s: not a fresh leaf", tc.name)
		}
	}
	if s := Param(x).String(); !strings.Contains(s, "requiresGrad=true") {
		t.Errorf("String = %q", s)
	}
}

func TestValueUsedTwiceGetsBothContributions(t *testing.T) {
	xv := []float64{1.5, -2, 0.25}
	tests := []struct {
		name string
		f    func(x *Var) *Var
		want func(x float64) float64
	}{
		{"Mul(x, x)", func(x *Var) *Var { return Mul(x, x) }, func(x float64) float64 { return 2 * x }},
		{"Add(x, x)", func(x *Var) *Var { return Add(x, x) }, func(float64) float64 { return 2 }},
		{"Sub(x, x)", func(x *Var) *Var { return Sub(x, x) }, func(float64) float64 { return 0 }},
		{"Add(Mul(x, x), x)", func(x *Var) *Var { return Add(Mul(x, x), x) }, func(x float64) float64 { return 2*x + 1 }},
		{"Mul(Exp(x), x)", func(x *Var) *Var { return Mul(Exp(x), x) }, func(x float64) float64 { return math.Exp(x) * (1 + x) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x := Param(tensor.New(append([]float64(nil), xv...), 3))
			y := Sum(tc.f(x))
			y.Backward()
			want := make([]float64, len(xv))
			for i, v := range xv {
				want[i] = tc.want(v)
			}
			agClose(t, "grad", agGrad(t, "x", x), want, 1e-15)
		})
	}
	t.Run("Linear(x, x, nil)", func(t *testing.T) {
		// x·xᵀ for a row x is |x|²; its gradient is 2x through both
		// operand slots of Linear.
		x := Param(tensor.New(append([]float64(nil), xv...), 1, 3))
		Sum(Linear(x, x, nil)).Backward()
		agClose(t, "grad", agGrad(t, "x", x), agScaled(xv, 2), 1e-15)
	})
	t.Run("MatMul(x, x)", func(t *testing.T) {
		// For a square X, d sum(X·X)/dX = 1·Xᵀ + Xᵀ·1.
		x := Param(tensor.New([]float64{1, 2, 3, 4}, 2, 2))
		Sum(MatMul(x, x)).Backward()
		// row sums of X (as columns) + column sums of X (as rows).
		want := []float64{1 + 2 + 1 + 3, 3 + 4 + 1 + 3, 1 + 2 + 2 + 4, 3 + 4 + 2 + 4}
		agClose(t, "grad", agGrad(t, "x", x), want, 1e-15)
	})
}

func TestDiamondGraph(t *testing.T) {
	// h = 2x feeds two branches that meet again: y = sum(h² ⊙ eʰ + h).
	// dy/dx = 2·(2h·eʰ + h²·eʰ + 1).
	xv := []float64{0.3, -0.7, 1.1, 0}
	x := Param(tensor.New(append([]float64(nil), xv...), 2, 2))
	h := Scale(x, 2)
	y := Sum(Add(Mul(Square(h), Exp(h)), h))
	y.Backward()
	want := make([]float64, len(xv))
	val := 0.0
	for i, v := range xv {
		hv := 2 * v
		want[i] = 2 * (2*hv*math.Exp(hv) + hv*hv*math.Exp(hv) + 1)
		val += hv*hv*math.Exp(hv) + hv
	}
	agClose(t, "value", []float64{y.Item()}, []float64{val}, 1e-14)
	agClose(t, "grad", agGrad(t, "x", x), want, 1e-14)
	if h.Grad() == nil {
		t.Fatal("the shared intermediate received no gradient")
	}
}

// agTwoLayer is a small network and loss whose gradients the accumulation
// tests watch: it reuses w and passes through shared intermediates.
func agTwoLayer(x, w, b *Var) *Var {
	h := Elementwise(Linear(x, w, b), Funcs{math.Tanh, func(_, y float64) float64 { return 1 - y*y }})
	return Mean(Add(Mul(h, h), MatMul(h, w)))
}

func agLeaves(rng *rand.Rand) (x, w, b *Var) {
	return Const(agUniform(rng, -1, 1, 4, 3)), Param(agUniform(rng, -1, 1, 3, 3)), Param(agUniform(rng, -1, 1, 3))
}

func TestFreshGraphAccumulatesIntoLeaves(t *testing.T) {
	x, w, b := agLeaves(rand.New(rand.NewPCG(1, 1)))
	agTwoLayer(x, w, b).Backward()
	gw := append([]float64(nil), agGrad(t, "w", w)...)
	gb := append([]float64(nil), agGrad(t, "b", b)...)
	agTwoLayer(x, w, b).Backward()
	agClose(t, "w after two graphs", w.Grad().Data(), agScaled(gw, 2), 1e-15)
	agClose(t, "b after two graphs", b.Grad().Data(), agScaled(gb, 2), 1e-15)

	buf := w.Grad()
	w.ZeroGrad()
	b.ZeroGrad()
	if w.Grad() != buf {
		t.Error("ZeroGrad dropped the buffer instead of reusing it")
	}
	agClose(t, "w after ZeroGrad", w.Grad().Data(), make([]float64, len(gw)), 0)
	agTwoLayer(x, w, b).Backward()
	agClose(t, "w after ZeroGrad and one graph", w.Grad().Data(), gw, 1e-15)
	agClose(t, "b after ZeroGrad and one graph", b.Grad().Data(), gb, 1e-15)

	Param(tensor.Zeros(2)).ZeroGrad() // no gradient yet: nothing to do
}

func TestBackwardTwiceOnOneGraphAddsOnceMore(t *testing.T) {
	// Stale intermediate gradients must not be replayed: the leaves get g,
	// 2g, 3g over three walks, not g, 3g, 7g or g, 2g, 4g.
	x, w, b := agLeaves(rand.New(rand.NewPCG(2, 2)))
	loss := agTwoLayer(x, w, b)
	loss.Backward()
	gw := append([]float64(nil), agGrad(t, "w", w)...)
	for k := 2; k <= 3; k++ {
		loss.Backward()
		agClose(t, fmt.Sprintf("w after %d walks", k), w.Grad().Data(), agScaled(gw, float64(k)), 1e-14)
	}
}

func TestBackwardOnSharedIntermediates(t *testing.T) {
	// Two losses over one hidden value, each walked once: their sum's
	// gradient, as PyTorch gives with retain_graph.
	x := Param(tensor.New([]float64{0.5, -1, 2}, 3))
	h := Exp(x)
	l1, l2 := Sum(Square(h)), Mean(h)
	l1.Backward()
	l2.Backward()
	want := make([]float64, 3)
	for i, v := range x.Value().Data() {
		want[i] = 2*math.Exp(2*v) + math.Exp(v)/3
	}
	agClose(t, "grad", x.Grad().Data(), want, 1e-14)
}

func TestBackwardWith(t *testing.T) {
	x := Param(tensor.New([]float64{1, 2, 3, 4}, 2, 2))
	y := Square(x)
	y.BackwardWith(tensor.New([]float64{1, 0, -1, 0.5}, 2, 2))
	agClose(t, "grad", x.Grad().Data(), []float64{2, 0, -6, 4}, 0)
	agExpectPanic(t, func() { y.BackwardWith(tensor.Zeros(4)) }, "Backward", "[2 2]", "[4]")
}

func TestBackwardOnLeafParam(t *testing.T) {
	p := Param(tensor.Scalar(3))
	p.Backward()
	p.Backward()
	agClose(t, "grad", p.Grad().Data(), []float64{2}, 0)
}

func TestBackwardNeedsAScalar(t *testing.T) {
	x := Param(tensor.Zeros(2, 3))
	agExpectPanic(t, func() { Square(x).Backward() }, "Backward", "scalar", "[2 3]")
	agExpectPanic(t, func() { Exp(Param(tensor.Zeros(2))).Backward() }, "Backward", "[2]")
	// A one-element value of any rank is a scalar for this purpose.
	one := Param(tensor.New([]float64{2}, 1, 1))
	Sum(Square(one)).Backward()
	Square(one).Backward()
	agClose(t, "grad", one.Grad().Data(), []float64{8}, 0)
}

func TestInferenceRecordsNothing(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	xt := agUniform(rng, -1, 1, 5, 3)
	w, b := Param(agUniform(rng, -1, 1, 4, 3)), Param(agUniform(rng, -1, 1, 4))
	w2 := Param(agUniform(rng, -1, 1, 4, 2))
	forward := func(x *Var) []*Var {
		h := Linear(x, w, b)
		a := Elementwise(h, Funcs{math.Tanh, func(_, y float64) float64 { return 1 - y*y }})
		m := MatMul(a, w2)
		s := Add(Mul(a, a), Scale(Exp(a), 0.5))
		l := Log(Add(Square(a), Const(tensor.Full(1, 5, 4))))
		return []*Var{h, a, m, s, l, Sub(s, l), Mean(m), Sum(Add(h, b))}
	}
	normal := forward(Const(xt))
	inf := forward(Inference(xt))
	for i, v := range inf {
		if v.RequiresGrad() || !v.IsLeaf() || v.parents != [3]*Var{} || v.backward != nil || !v.inference {
			t.Errorf("result %d under inference: requiresGrad %v, leaf %v, %d parents, inference %v",
				i, v.RequiresGrad(), v.IsLeaf(), len(v.parents), v.inference)
		}
		if !normal[i].RequiresGrad() {
			t.Errorf("result %d without inference does not require a gradient", i)
		}
		agClose(t, fmt.Sprintf("value %d", i), v.Value().Data(), normal[i].Value().Data(), 0)
	}
	// Backward from an inference value is a mistake PyTorch reports too:
	// it panics, naming inference mode, and reaches no parameter.
	func() {
		defer func() {
			if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "inference mode") {
				t.Errorf("Backward under inference: recovered %v, want a panic naming inference mode", r)
			}
		}()
		Sum(inf[3]).Backward()
	}()
	if w.Grad() != nil || b.Grad() != nil || w2.Grad() != nil {
		t.Error("a pass under inference reached the parameters")
	}
	func() {
		defer func() {
			if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "requires a gradient") {
				t.Errorf("Backward of a constant: recovered %v, want a panic", r)
			}
		}()
		Sum(Const(xt)).Backward()
	}()
	// Inference poisons regardless of the operand's position.
	if r := Add(Param(tensor.Zeros(2)), Inference(tensor.Zeros(2))); r.RequiresGrad() || r.parents != [3]*Var{} {
		t.Error("an inference operand in second place still recorded a graph")
	}
}

func TestConstGetsNoGradient(t *testing.T) {
	x := Const(tensor.New([]float64{1, 2, 3, 4, 5, 6}, 2, 3))
	w := Param(tensor.New([]float64{1, 0, -1, 0.5, 0.5, 0.5}, 2, 3))
	c := Const(tensor.New([]float64{3, 4}, 2))
	Sum(Add(Linear(x, w, nil), c)).Backward()
	if x.Grad() != nil || c.Grad() != nil {
		t.Error("a Const received a gradient")
	}
	agClose(t, "w", agGrad(t, "w", w), []float64{5, 7, 9, 5, 7, 9}, 0)

	// An expression of Consts alone records no graph at all.
	r := Sum(Mul(Exp(x), x))
	if r.RequiresGrad() || !r.IsLeaf() || r.parents != [3]*Var{} {
		t.Error("a result of Consts alone recorded a graph")
	}
	func() {
		defer func() { _ = recover() }() // Backward panics: nothing requires a gradient
		r.Backward()
	}()
	if x.Grad() != nil {
		t.Error("Backward from a Const result reached a Const")
	}
	// Detach cuts the graph.
	p := Param(tensor.New([]float64{2}, 1))
	Sum(Mul(p, p.Detach())).Backward()
	agClose(t, "detached", p.Grad().Data(), []float64{2}, 0)
}

func TestDeepChainDoesNotRecurse(t *testing.T) {
	// h_k = h_{k-1}/2 + x for 10,000 steps (20,000 ops, x used at each
	// one): dh_n/dx = 2 - 2^-n. A tight stack limit turns any recursion
	// over the graph's depth into a crash.
	defer debug.SetMaxStack(debug.SetMaxStack(1 << 20))
	const n = 10000
	x := Param(tensor.New([]float64{0.25, -1}, 2))
	h := x
	for i := 0; i < n; i++ {
		h = Add(Scale(h, 0.5), x)
	}
	y := Sum(h)
	y.Backward()
	agClose(t, "value", []float64{y.Item()}, []float64{2*0.25 - 2}, 1e-12)
	agClose(t, "grad", agGrad(t, "x", x), []float64{2, 2}, 1e-12)
}
