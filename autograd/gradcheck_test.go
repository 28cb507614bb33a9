package autograd

import (
	"math"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

// These tests check the checker: it must pass correct gradients, and it
// must fail wrong ones, or every GradCheck elsewhere proves nothing.

func TestGradCheckDetectsWrongDerivatives(t *testing.T) {
	x := tensor.New([]float64{-1.3, 0.4, 2.2, 0.9}, 2, 2)
	tests := []struct {
		name string
		f    UnaryFunc
	}{
		{"off by a factor", Funcs{math.Sin, func(x, _ float64) float64 { return 0.5 * math.Cos(x) }}},
		{"wrong sign", Funcs{math.Exp, func(_, y float64) float64 { return -y }}},
		{"derivative of another function", Funcs{math.Tanh, func(x, _ float64) float64 { return math.Cos(x) }}},
		{"zero", Funcs{func(x float64) float64 { return x * x }, func(float64, float64) float64 { return 0 }}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := GradCheck(func(in ...*Var) *Var { return Sum(Elementwise(in[0], tc.f)) }, 0, x)
			if err != nil {
				t.Fatal(err)
			}
			if res.MaxRelErr < 0.1 {
				t.Errorf("a wrong derivative passed: %v", res)
			}
			if math.Abs(res.Analytic-res.Numeric) < 0.01 {
				t.Errorf("the reported worst element agrees: %v", res)
			}
		})
	}
}

func TestGradCheckPassesCorrectDerivatives(t *testing.T) {
	x := tensor.New([]float64{-1.3, 0.4, 2.2, 0.9}, 2, 2)
	f := Funcs{math.Sin, func(x, _ float64) float64 { return math.Cos(x) }}
	res, err := GradCheck(func(in ...*Var) *Var { return Sum(Elementwise(in[0], f)) }, 0, x)
	if err != nil || res.MaxRelErr > 1e-8 {
		t.Errorf("correct derivative: %v, %v", res, err)
	}
	// A coarser step still passes a smooth function, with a larger error.
	res, _ = GradCheck(func(in ...*Var) *Var { return Sum(Elementwise(in[0], f)) }, 1e-3, x)
	if res.MaxRelErr > 1e-6 || res.MaxRelErr == 0 {
		t.Errorf("eps 1e-3: %v", res)
	}
}

func TestGradCheckLocatesTheError(t *testing.T) {
	// Only the second input's element 2 is routed through a wrong
	// derivative; the report must point there.
	a := tensor.New([]float64{1, 2, 3}, 3)
	b := tensor.New([]float64{0.5, -0.5, 1.5}, 3)
	mask := tensor.New([]float64{0, 0, 1}, 3)
	wrong := Funcs{func(x float64) float64 { return x * x }, func(x, _ float64) float64 { return 3 * x }}
	f := func(in ...*Var) *Var {
		good := Sum(Mul(in[0], in[1]))
		bad := Sum(Mul(Elementwise(in[1], wrong), Const(mask)))
		return Add(good, bad)
	}
	res, err := GradCheck(f, 0, a, b)
	if err != nil {
		t.Fatal(err)
	}
	if res.Input != 1 || res.Index != 2 {
		t.Errorf("located input %d element %d, want 1 and 2: %v", res.Input, res.Index, res)
	}
	// a[2] + 3·1.5 against a[2] + 2·1.5.
	if math.Abs(res.Analytic-7.5) > 1e-9 || math.Abs(res.Numeric-6) > 1e-6 {
		t.Errorf("analytic %v numeric %v, want 7.5 and 6", res.Analytic, res.Numeric)
	}
	if want := math.Abs(7.5-6) / 7.5; math.Abs(res.MaxRelErr-want) > 1e-6 {
		t.Errorf("MaxRelErr %v, want %v", res.MaxRelErr, want)
	}
	s := res.String()
	for _, w := range []string{"input 1", "element 2", "7.5"} {
		if !strings.Contains(s, w) {
			t.Errorf("String %q does not mention %q", s, w)
		}
	}
}

func TestGradCheckMissingGradient(t *testing.T) {
	// A backward that forgets an operand leaves analytic 0 against a
	// non-zero numeric gradient: the checker must flag it.
	x := tensor.New([]float64{1, 2}, 2)
	forgetful := func(in ...*Var) *Var { return Sum(Mul(in[0], in[0].Detach())) }
	res, err := GradCheck(forgetful, 0, x)
	if err != nil {
		t.Fatal(err)
	}
	if res.MaxRelErr < 0.4 {
		t.Errorf("a missing contribution passed: %v", res)
	}
	// An input the function ignores has gradient 0 both ways.
	res, _ = GradCheck(func(in ...*Var) *Var { return Sum(Exp(in[0])) }, 0, x, tensor.Zeros(3))
	if res.MaxRelErr > 1e-8 {
		t.Errorf("ignored input: %v", res)
	}
}

func TestGradCheckNaNFails(t *testing.T) {
	x := tensor.New([]float64{-1, 2}, 2)
	res, err := GradCheck(func(in ...*Var) *Var { return Sum(Log(in[0])) }, 0, x)
	if err != nil {
		t.Fatal(err)
	}
	if !math.IsInf(res.MaxRelErr, 1) || res.Index != 0 {
		t.Errorf("log of a negative: %v, want an infinite error at element 0", res)
	}
}

func TestGradCheckRejectsNonScalar(t *testing.T) {
	_, err := GradCheck(func(in ...*Var) *Var { return Exp(in[0]) }, 0, tensor.Zeros(2, 2))
	if err == nil || !strings.Contains(err.Error(), "[2 2]") || !strings.Contains(err.Error(), "scalar") {
		t.Errorf("err = %v, want one naming the shape [2 2] and a scalar", err)
	}
}

func TestGradCheckLeavesInputsAlone(t *testing.T) {
	x := tensor.New([]float64{0.1, 0.2, 0.3}, 3)
	calls := 0
	f := func(in ...*Var) *Var {
		calls++
		if !in[0].RequiresGrad() && calls == 1 {
			t.Error("the first call's input does not require a gradient")
		}
		return Sum(Square(in[0]))
	}
	if _, err := GradCheck(f, 0, x); err != nil {
		t.Fatal(err)
	}
	agClose(t, "input", x.Data(), []float64{0.1, 0.2, 0.3}, 0)
	if calls != 2*3+1 {
		t.Errorf("f called %d times, want 2·N+1 = 7", calls)
	}
}
