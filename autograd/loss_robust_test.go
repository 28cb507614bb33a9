package autograd_test

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/tensor"
)

// naiveRobust returns PyTorch's per-element L1 (kind "l1"), Huber
// ("huber", threshold t) or smooth L1 ("smooth_l1", beta t) loss of d and
// its derivative, transcribed from the documentation of each module.
func naiveRobust(kind string, d, t float64) (l, g float64) {
	a := math.Abs(d)
	sign := 0.0
	if d > 0 {
		sign = 1
	} else if d < 0 {
		sign = -1
	}
	switch {
	case kind == "l1":
		return a, sign
	case kind == "smooth_l1" && t == 0:
		// PyTorch's kernel tests d <= -beta first: -1 at d = 0.
		if d <= 0 {
			return a, -1
		}
		return a, 1
	case kind == "huber" && a < t:
		return 0.5 * d * d, d
	case kind == "huber":
		return t * (a - 0.5*t), t * sign
	case a < t:
		return 0.5 * d * d / t, d / t
	}
	return a - 0.5*t, sign
}

func robustLoss(kind string, x *autograd.Var, y *tensor.Tensor, t float64, r autograd.Reduction) *autograd.Var {
	switch kind {
	case "l1":
		return autograd.L1Loss(x, y, r)
	case "huber":
		return autograd.HuberLoss(x, y, t, r)
	}
	return autograd.SmoothL1Loss(x, y, t, r)
}

// TestRobustLossesMatchNaive checks value and gradient of every robust
// loss and reduction against naiveRobust, on differences that include the
// kinks: 0 and ±threshold exactly.
func TestRobustLossesMatchNaive(t *testing.T) {
	y := tensor.New([]float64{0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5}, 4, 2)
	// differences: 0, 1.5, -1.5, 0.25, -0.25, 3, -2, 1
	x := tensor.New([]float64{0.5, 2, -1, 0.75, 0.25, 3.5, -1.5, 1.5}, 4, 2)
	for _, kind := range []string{"l1", "huber", "smooth_l1"} {
		for _, th := range []float64{1, 1.5, 0.25, 0} {
			if th == 0 && kind == "huber" || th != 1 && kind == "l1" {
				continue
			}
			for _, r := range reductions {
				p := autograd.Param(x.Clone())
				loss := robustLoss(kind, p, y, th, r)
				per := make([]float64, x.Len())
				grad := make([]float64, x.Len())
				for i := range per {
					per[i], grad[i] = naiveRobust(kind, x.Data()[i]-y.Data()[i], th)
				}
				want := naiveReduce(per, r, float64(len(per)))
				if got := loss.Value().Data(); !closeSlices(got, want, 1e-15) {
					t.Errorf("%s(%g) %v: value %v, want %v", kind, th, r, got, want)
				}
				if r == autograd.ReduceNone {
					loss.BackwardWith(tensor.Full(1, loss.Shape()...))
				} else {
					loss.Backward()
				}
				if r == autograd.ReduceMean {
					for i := range grad {
						grad[i] /= float64(len(grad))
					}
				}
				if got := p.Grad().Data(); !closeSlices(got, grad, 1e-15) {
					t.Errorf("%s(%g) %v: gradient %v, want %v", kind, th, r, got, grad)
				}
			}
		}
	}
}

func closeSlices(a, b []float64, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > tol*math.Max(1, math.Abs(b[i])) {
			return false
		}
	}
	return true
}

// TestRobustLossesGradCheck compares the gradients with finite
// differences away from the kinks.
func TestRobustLossesGradCheck(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 1))
	x, y := uniform(rng, -3, 3, 5, 3), uniform(rng, -3, 3, 5, 3)
	for _, kind := range []string{"l1", "huber", "smooth_l1"} {
		for _, r := range []autograd.Reduction{autograd.ReduceMean, autograd.ReduceSum} {
			res, err := autograd.GradCheck(func(in ...*autograd.Var) *autograd.Var {
				return robustLoss(kind, in[0], y, 0.7, r)
			}, 0, x)
			if err != nil || res.MaxRelErr > 1e-6 {
				t.Errorf("%s %v: %v %v", kind, r, res, err)
			}
		}
	}
}

// TestRobustLossesPanic checks the documented panics: shapes that differ,
// a threshold out of range, an unknown reduction.
func TestRobustLossesPanic(t *testing.T) {
	x, y := autograd.Param(tensor.Zeros(2, 2)), tensor.Zeros(2, 2)
	cases := []struct {
		want string
		f    func()
	}{
		{"L1Loss: input [2 2] and target [4]", func() { autograd.L1Loss(x, tensor.Zeros(4), autograd.ReduceMean) }},
		{"HuberLoss: input [2 2] and target [2 1]", func() { autograd.HuberLoss(x, tensor.Zeros(2, 1), 1, autograd.ReduceSum) }},
		{"SmoothL1Loss: input [2 2] and target [3 2]", func() { autograd.SmoothL1Loss(x, tensor.Zeros(3, 2), 1, autograd.ReduceSum) }},
		{"HuberLoss: delta = 0 must be positive", func() { autograd.HuberLoss(x, y, 0, autograd.ReduceMean) }},
		{"HuberLoss: delta = NaN", func() { autograd.HuberLoss(x, y, math.NaN(), autograd.ReduceMean) }},
		{"SmoothL1Loss: beta = -1 must be non-negative", func() { autograd.SmoothL1Loss(x, y, -1, autograd.ReduceMean) }},
		{"L1Loss: invalid reduction", func() { autograd.L1Loss(x, y, autograd.Reduction(7)) }},
	}
	for _, c := range cases {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(r.(string), c.want) {
					t.Errorf("panic %v, want one containing %q", r, c.want)
				}
			}()
			c.f()
		}()
	}
}
