package autograd_test

import (
	"math"
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/tensor"
)

// The naive losses below transcribe PyTorch's definitions directly, one
// element at a time and without the fused kernels' algebra, as references
// for moderate inputs.

// naiveReduce reduces per-element (or per-sample) losses; den is the mean's
// denominator.
func naiveReduce(per []float64, r autograd.Reduction, den float64) []float64 {
	s := 0.0
	for _, v := range per {
		s += v
	}
	switch r {
	case autograd.ReduceMean:
		return []float64{s / den}
	case autograd.ReduceSum:
		return []float64{s}
	}
	return per
}

func naiveMSE(x, y *tensor.Tensor, r autograd.Reduction) []float64 {
	per := make([]float64, x.Len())
	for i, v := range x.Data() {
		per[i] = math.Pow(v-y.Data()[i], 2)
	}
	return naiveReduce(per, r, float64(len(per)))
}

func naiveBCE(x, y, w *tensor.Tensor, r autograd.Reduction) []float64 {
	per := make([]float64, x.Len())
	for i, p := range x.Data() {
		t := y.Data()[i]
		per[i] = -(t*math.Max(math.Log(p), -100) + (1-t)*math.Max(math.Log(1-p), -100))
		per[i] *= naiveWeight(x, w, i)
	}
	return naiveReduce(per, r, float64(len(per)))
}

// naiveWeight returns the element of the weight w (nil for none) that
// PyTorch's broadcasting pairs with element i of the [n, c] matrix x: a
// dimension of w of size 1 repeats.
func naiveWeight(x, w *tensor.Tensor, i int) float64 {
	if w == nil {
		return 1
	}
	r, c := i/x.Cols(), i%x.Cols()
	if w.Dims() == 1 {
		return w.Data()[min(c, w.Len()-1)]
	}
	return w.At(min(r, w.Rows()-1), min(c, w.Cols()-1))
}

// naiveBCEWithLogits is -w·(pw·y·log σ(x) + (1-y)·log(1-σ(x))), with
// log σ(x) = -log1p(e^(-x)) and log(1-σ(x)) = -log1p(e^x).
func naiveBCEWithLogits(x, y, w *tensor.Tensor, pw []float64, r autograd.Reduction) []float64 {
	per := make([]float64, x.Len())
	for i, v := range x.Data() {
		t, p := y.Data()[i], 1.0
		if pw != nil {
			p = pw[i%len(pw)]
		}
		per[i] = naiveWeight(x, w, i) * (p*t*math.Log1p(math.Exp(-v)) + (1-t)*math.Log1p(math.Exp(v)))
	}
	return naiveReduce(per, r, float64(len(per)))
}

// naiveLogSoftmax is log(e^z / Σ e^z) without the max shift.
func naiveLogSoftmax(z []float64) []float64 {
	s := 0.0
	for _, v := range z {
		s += math.Exp(v)
	}
	out := make([]float64, len(z))
	for j, v := range z {
		out[j] = math.Log(math.Exp(v) / s)
	}
	return out
}

// naiveCrossEntropy follows PyTorch's cross_entropy: nll_loss of the
// log-softmax plus, with label smoothing, the smoothing term normalised as
// in cross_entropy_loss_label_smoothing; for probability targets, the
// smoothed target's weighted cross-entropy over n.
func naiveCrossEntropy(z, target *tensor.Tensor, o autograd.CrossEntropyOptions) []float64 {
	n, c := z.Rows(), z.Cols()
	w := func(j int) float64 {
		if o.Weight == nil {
			return 1
		}
		return o.Weight[j]
	}
	eps := o.LabelSmoothing
	if tensor.SameShape(z, target) {
		per := make([]float64, n)
		for i := range n {
			for j, lp := range naiveLogSoftmax(z.Row(i)) {
				per[i] -= w(j) * (target.Row(i)[j]*(1-eps) + eps/float64(c)) * lp
			}
		}
		return naiveReduce(per, o.Reduction, float64(n))
	}
	nll, smooth := make([]float64, n), make([]float64, n)
	wy := 0.0
	for i := range n {
		y := int(target.Data()[i])
		lp := naiveLogSoftmax(z.Row(i))
		nll[i] = -w(y) * lp[y]
		wy += w(y)
		for j := range c {
			smooth[i] -= w(j) * lp[j]
		}
	}
	a, b := naiveReduce(nll, o.Reduction, wy), naiveReduce(smooth, o.Reduction, wy)
	out := make([]float64, len(a))
	for i := range a {
		out[i] = (1-eps)*a[i] + eps/float64(c)*b[i]
	}
	return out
}

func naiveNLL(x, target *tensor.Tensor, weight []float64, r autograd.Reduction) []float64 {
	per := make([]float64, x.Rows())
	den := 0.0
	for i := range per {
		y, w := int(target.Data()[i]), 1.0
		if weight != nil {
			w = weight[y]
		}
		per[i] = -w * x.Row(i)[y]
		den += w
	}
	return naiveReduce(per, r, den)
}

// TestLossValues checks losses and gradients worked out by hand, including
// saturated inputs where only a stable formulation stays finite.
func TestLossValues(t *testing.T) {
	ln2, ln3 := math.Ln2, math.Log(3)
	mean, sum, none := autograd.ReduceMean, autograd.ReduceSum, autograd.ReduceNone
	vec := func(v ...float64) *tensor.Tensor { return tensor.New(v, len(v)) }
	mat := func(r, c int, v ...float64) *tensor.Tensor { return tensor.New(v, r, c) }
	ce := func(tg *tensor.Tensor, o autograd.CrossEntropyOptions) lossFn {
		return func(x *autograd.Var) *autograd.Var { return autograd.CrossEntropyLoss(x, tg, o) }
	}
	tests := []struct {
		name     string
		input    *tensor.Tensor
		loss     lossFn
		out      []float64
		gradient []float64 // of sum(out), so an upstream of ones for none
	}{
		{"mse/mean", vec(1, 2), func(x *autograd.Var) *autograd.Var { return autograd.MSELoss(x, vec(0, 0), mean) },
			[]float64{2.5}, []float64{1, 2}},
		{"mse/sum", vec(1, 2), func(x *autograd.Var) *autograd.Var { return autograd.MSELoss(x, vec(0, 0), sum) },
			[]float64{5}, []float64{2, 4}},
		{"mse/none", vec(1, 2), func(x *autograd.Var) *autograd.Var { return autograd.MSELoss(x, vec(0, 0), none) },
			[]float64{1, 4}, []float64{2, 4}},
		// Logs clamp at -100; the gradient's denominator at PyTorch's
		// float EPSILON, float32(1e-12) = 9.999999960041972e-13: the
		// gradients are PyTorch 1.13's, which 1e-12 would miss by 4e-9.
		{"bce/clamp", vec(0.5, 0, 1, 0, 1),
			func(x *autograd.Var) *autograd.Var { return autograd.BCELoss(x, vec(1, 1, 0, 0, 1), nil, none) },
			[]float64{ln2, 100, 100, 0, 0}, []float64{-2, -1000000003995.8029, 1000000003995.8029, 0, 0}},
		// Saturated but not clamped: x(1-x) falls below the epsilon.
		{"bce/saturated_grad", vec(1e-15, 1-1e-16, 1e-13),
			func(x *autograd.Var) *autograd.Var { return autograd.BCELoss(x, vec(0, 1, 0), nil, none) },
			[]float64{9.992007221626415e-16, 1.1102230246251565e-16, 1.000310945187316e-13},
			[]float64{0.0010000000039958028, -0.00011102230290613889, 0.10000000039958029}},
		{"bce/weight", mat(1, 2, 0.5, 0.5),
			func(x *autograd.Var) *autograd.Var {
				return autograd.BCELoss(x, mat(1, 2, 1, 0), mat(1, 2, 2, 3), mean)
			},
			[]float64{2.5 * ln2}, []float64{-2, 3}},
		{"bce_with_logits/pos_weight", vec(0, 0),
			func(x *autograd.Var) *autograd.Var {
				return autograd.BCEWithLogitsLoss(x, vec(1, 0), nil, []float64{3}, sum)
			},
			[]float64{4 * ln2}, []float64{-1.5, 0.5}},
		// w = (2, 5) scales pos_weight's loss 3·ln2 and the plain ln2.
		{"bce_with_logits/weight+pos_weight", vec(0, 0),
			func(x *autograd.Var) *autograd.Var {
				return autograd.BCEWithLogitsLoss(x, vec(1, 0), vec(2, 5), []float64{3}, sum)
			},
			[]float64{11 * ln2}, []float64{-3, 2.5}},
		{"bce_with_logits/saturated", vec(1000, -1000, 1000, -1000),
			func(x *autograd.Var) *autograd.Var {
				return autograd.BCEWithLogitsLoss(x, vec(1, 0, 0, 1), nil, nil, none)
			},
			[]float64{0, 0, 1000, 1000}, []float64{0, 0, 1, -1}},
		{"bce_with_logits/saturated/pos_weight", vec(1000, -1000, 1000, -1000),
			func(x *autograd.Var) *autograd.Var {
				return autograd.BCEWithLogitsLoss(x, vec(1, 0, 0, 1), nil, []float64{2}, mean)
			},
			[]float64{3000.0 / 4}, []float64{0, 0, 0.25, -0.5}},
		// p = (1/4, 1/2, 1/4); the weighted mean divides by w[y] = 2.
		{"cross_entropy/smoothing+weight/mean", mat(1, 3, 0, ln2, 0),
			ce(vec(1), autograd.CrossEntropyOptions{Weight: []float64{1, 2, 3}, LabelSmoothing: 0.3}),
			[]float64{1.2 * ln2}, []float64{0.2, -0.3, 0.1}},
		{"cross_entropy/smoothing+weight/none", mat(1, 3, 0, ln2, 0),
			ce(vec(1), autograd.CrossEntropyOptions{Weight: []float64{1, 2, 3}, LabelSmoothing: 0.3, Reduction: none}),
			[]float64{2.4 * ln2}, []float64{0.4, -0.6, 0.2}},
		{"cross_entropy/uniform", mat(2, 3, 0, 0, 0, 5, 5, 5), ce(vec(1, 2), autograd.CrossEntropyOptions{Reduction: sum}),
			[]float64{2 * ln3}, []float64{1.0 / 3, -2.0 / 3, 1.0 / 3, 1.0 / 3, 1.0 / 3, -2.0 / 3}},
		// p = (1/4, 3/4) in both rows; the mean divides by n = 2, not by weights.
		{"cross_entropy/probabilities+weight", mat(2, 2, 0, ln3, 0, ln3),
			ce(mat(2, 2, 0.5, 0.5, 0.5, 0.5), autograd.CrossEntropyOptions{Weight: []float64{2, 1}}),
			[]float64{2*ln2 + 0.5*math.Log(4.0/3)}, []float64{-0.3125, 0.3125, -0.3125, 0.3125}},
		{"cross_entropy/saturated", mat(2, 3, 1000, 0, -1000, 1000, 0, -1000),
			ce(vec(0, 2), autograd.CrossEntropyOptions{Reduction: none}),
			[]float64{0, 2000}, []float64{0, 0, 0, 1, 0, -1}},
		{"cross_entropy/saturated/smoothing", mat(1, 3, 1000, 0, -1000),
			ce(vec(0), autograd.CrossEntropyOptions{LabelSmoothing: 0.3}),
			[]float64{300}, []float64{0.2, -0.1, -0.1}},
		{"cross_entropy/huge", mat(1, 2, 1e300, -1e300), ce(vec(1), autograd.CrossEntropyOptions{}),
			[]float64{2e300}, []float64{1, -1}},
		{"nll/weight", mat(2, 2, -1, -2, -3, -4),
			func(x *autograd.Var) *autograd.Var {
				return autograd.NLLLoss(x, vec(1, 0), autograd.NLLOptions{Weight: []float64{2, 3}})
			},
			[]float64{2.4}, []float64{0, -0.6, -0.4, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := autograd.Param(tt.input.Clone())
			out := tt.loss(x)
			assertAllClose(t, out.Value().Data(), tt.out, 1e-12)
			out.BackwardWith(tensor.Full(1, out.Shape()...))
			assertAllClose(t, x.Grad().Data(), tt.gradient, 1e-12)
		})
	}
}

// TestCrossEntropyTargetsAgree checks PyTorch's identity between the two
// target forms: one-hot probabilities give the index loss under any weights
// and smoothing, per sample and summed (the mean differs by design when
// weighted: probabilities divide by n, indices by the weights).
func TestCrossEntropyTargetsAgree(t *testing.T) {
	z := mat34()
	idx := tensor.New([]float64{2, 0, 3}, 3)
	onehot := tensor.Zeros(3, 4)
	for i, y := range idx.Data() {
		onehot.Set(1, i, int(y))
	}
	for _, w := range [][]float64{nil, {0.5, 1, 2, 1.5}} {
		for _, eps := range []float64{0, 0.1, 0.7} {
			for _, r := range reductions {
				if r == autograd.ReduceMean && w != nil {
					continue
				}
				o := autograd.CrossEntropyOptions{Weight: w, LabelSmoothing: eps, Reduction: r}
				xa, xb := autograd.Param(z.Clone()), autograd.Param(z.Clone())
				a, b := autograd.CrossEntropyLoss(xa, idx, o), autograd.CrossEntropyLoss(xb, onehot, o)
				assertAllClose(t, a.Value().Data(), b.Value().Data(), 1e-13)
				up := tensor.Full(1, a.Shape()...)
				a.BackwardWith(up)
				b.BackwardWith(up)
				assertAllClose(t, xa.Grad().Data(), xb.Grad().Data(), 1e-13)
			}
		}
	}
}

func mat34() *tensor.Tensor {
	return tensor.New([]float64{
		0.3, -1.2, 2.0, 0.1,
		-0.5, 0.0, 0.7, 1.9,
		4.0, -3.0, 0.2, 0.2,
	}, 3, 4)
}
