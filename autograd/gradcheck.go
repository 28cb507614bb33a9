package autograd

import (
	"fmt"
	"math"

	"github.com/nnlab/nnlab/tensor"
)

// GradCheckResult reports how far the analytic gradients of a function are
// from central finite differences.
type GradCheckResult struct {
	// MaxRelErr is the largest |analytic - numeric| / max(1, |analytic|, |numeric|)
	// over every element of every input.
	MaxRelErr float64
	// Input and Index locate that element.
	Input, Index int
	// Analytic and Numeric are the two gradients there.
	Analytic, Numeric float64
}

// String formats the result for a test failure.
func (r GradCheckResult) String() string {
	return fmt.Sprintf("max relative error %.3g at input %d element %d (analytic %.10g, numeric %.10g)",
		r.MaxRelErr, r.Input, r.Index, r.Analytic, r.Numeric)
}

// GradCheck compares the gradient that Backward computes for the scalar
// function f with central finite differences of step eps (1e-6 if eps is
// 0), for every element of every input. f receives one Param per input and
// must return a one-element Var; it is called 2·N+1 times for N elements in
// all, and must not keep state between calls. The inputs are not modified.
//
// In float64 a correct gradient of a smooth function typically shows a
// relative error below 1e-6; a wrong one shows errors near 1. Points where f
// has a kink (relu at 0) give a large error there by nature.
func GradCheck(f func(inputs ...*Var) *Var, eps float64, inputs ...*tensor.Tensor) (GradCheckResult, error) {
	if eps == 0 {
		eps = 1e-6
	}
	vars := make([]*Var, len(inputs))
	for i, t := range inputs {
		vars[i] = Param(t.Clone())
	}
	out := f(vars...)
	if out.value.Len() != 1 {
		return GradCheckResult{}, fmt.Errorf("autograd: GradCheck: function returned shape %v, need a scalar", out.Shape())
	}
	out.Backward()
	var res GradCheckResult
	for i, v := range vars {
		d := v.value.Data()
		for j := range d {
			analytic := 0.0
			if g := v.Grad(); g != nil {
				analytic = g.Data()[j]
			}
			orig := d[j]
			d[j] = orig + eps
			plus := eval(f, inputs, i, d)
			d[j] = orig - eps
			minus := eval(f, inputs, i, d)
			d[j] = orig
			numeric := (plus - minus) / (2 * eps)
			rel := math.Abs(analytic-numeric) / math.Max(1, math.Max(math.Abs(analytic), math.Abs(numeric)))
			if math.IsNaN(rel) {
				rel = math.Inf(1)
			}
			if rel > res.MaxRelErr || (i == 0 && j == 0) {
				res = GradCheckResult{MaxRelErr: rel, Input: i, Index: j, Analytic: analytic, Numeric: numeric}
			}
		}
	}
	return res, nil
}

// eval runs f on constant copies of the inputs, input k's data replaced by d.
func eval(f func(...*Var) *Var, inputs []*tensor.Tensor, k int, d []float64) float64 {
	vars := make([]*Var, len(inputs))
	for i, t := range inputs {
		if i == k {
			t = tensor.New(d, t.Shape()...)
		}
		vars[i] = Const(t)
	}
	return f(vars...).Item()
}
