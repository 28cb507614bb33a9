package autograd

import (
	"fmt"
	"math"

	"github.com/nnlab/nnlab/internal/fmath"
	"github.com/nnlab/nnlab/tensor"
)

// CrossEntropyOptions are the settings of [CrossEntropyLoss]; the zero value
// is PyTorch's default: no class weights, no label smoothing, ignore_index
// -100, mean.
type CrossEntropyOptions struct {
	// Weight, if not nil, has one weight per class.
	Weight []float64
	// LabelSmoothing ε in [0, 1] mixes the target with the uniform
	// distribution over the C classes: (1-ε)·target + ε/C.
	LabelSmoothing float64
	// IgnoreIndex is PyTorch's ignore_index: a class-index target equal to
	// it contributes nothing to the loss or the gradient and is left out
	// of the mean. Its zero value stands for PyTorch's default,
	// [DefaultIgnoreIndex] (-100), unless IgnoreIndexSet says that 0 is
	// meant. Class-probability targets do not take one (as in PyTorch,
	// an index >= 0 panics).
	IgnoreIndex    int
	IgnoreIndexSet bool
	// Reduction combines the per-sample losses.
	Reduction Reduction
}

// CrossEntropyLoss returns the cross-entropy between softmax(logits) and
// target, as PyTorch 1.13's F.cross_entropy. logits is a batch [n, C], one
// sample [C], or a K-dimensional batch [n, C, d1, ..., dK] with C class
// scores at every position. The target is either
//
//   - class indices: logits' shape without the class dimension ([n], [],
//     [n, d1, ..., dK]), float64 integers in [0, C) or the ignore index
//     (anything else panics naming the element). Position i's loss is
//     (1-ε)·w[y_i]·(-logp[i, y_i]) + ε/C·Σ_c w[c]·(-logp[i, c]), 0 where
//     y_i is ignored; ReduceMean divides both terms by Σ w[y_i] over the
//     positions not ignored, as PyTorch does (NaN if all are);
//   - class probabilities: logits' shape. Position i's loss is
//     -Σ_c w[c]·t'[i, c]·logp[i, c] with t' = (1-ε)·t + ε/C; ReduceMean
//     divides by the number of positions, not by the weights.
//
// ReduceNone gives one loss per position, shaped like a class-index target.
// The log-softmax subtracts each position's maximum first, so logits of any
// finite size are safe. Forward and backward are fused: the gradient,
// p - (the effective target), is formed from the same exponentials in the
// forward pass.
//
// CrossEntropyLoss panics, naming the shapes, if logits has no class
// dimension, target is neither kind of target for it, or Weight does not
// have one value per class, and also for a class index out of range, a
// label smoothing outside [0, 1], a Reduction out of range, or an ignore
// index with class-probability targets.
func CrossEntropyLoss(logits *Var, target *tensor.Tensor, opts CrossEntropyOptions) *Var {
	const op = "CrossEntropyLoss"
	r, w, eps := opts.Reduction, opts.Weight, opts.LabelSmoothing
	checkReduction(op, r)
	tp := tapeOf(logits)
	l := classLayoutOf(op, logits.value)
	checkClassWeight(op, w, l.c)
	if !(eps >= 0 && eps <= 1) {
		panic(fmt.Sprintf("autograd: %s: label smoothing %g is not in [0, 1]", op, eps))
	}
	ignore := ignoredTarget(opts.IgnoreIndex, opts.IgnoreIndexSet)
	probs := tensor.SameShape(logits.value, target)
	switch {
	case probs && ignore >= 0:
		panic(fmt.Sprintf("autograd: %s: ignore index %g with class-probability target %v (PyTorch supports none)",
			op, ignore, target.Shape()))
	case !probs && !tensor.EqualShape(target.Shape(), l.perPosition):
		panic(fmt.Sprintf("autograd: %s: target %v is neither class indices %v nor probabilities like input %v",
			op, target.Shape(), l.perPosition, logits.Shape()))
	}
	x, t := classesLast(tp, logits, l), target
	if probs {
		t = classesLastTensor(target, l)
	}
	den := 1.0
	if r == ReduceMean {
		if probs {
			den = float64(l.n)
		} else {
			den = targetWeightSum(op, t.Data(), w, l.c, ignore)
		}
	}
	out := classOutput(tp, r, l)
	local, ld := localGrad(tp, x)
	k := ceKernel{
		z: x.value.Data(), t: t.Data(), w: w, eps: eps, ignore: ignore, n: l.n, c: l.c,
		den: den, none: r == ReduceNone, out: out.Data(), grad: ld,
	}
	var loss float64
	if probs {
		loss = k.probabilities()
	} else {
		loss = k.indices(tp)
	}
	if r != ReduceNone {
		out.Data()[0] = loss
	}
	return lossResult(tp, out, x, local)
}

// ceKernel holds one CrossEntropyLoss evaluation: logits z [n, c], target
// t, class weights w (nil for none), smoothing eps, the ignored target
// value, the mean's denominator den (1 unless the reduction is the mean),
// and the buffers to fill: the per-sample losses out when none is set, and
// the local gradient grad, which is nil when no gradient is needed.
type ceKernel struct {
	z, t, w          []float64
	eps, ignore, den float64
	n, c             int
	none             bool
	out              []float64
	grad             []float64
	wsum             float64 // Σ_c w[c], C without weights
}

// row returns row i of the logits, the matching row of the gradient buffer
// (nil without one) filled with e^(z-max), and the row's softmax
// normaliser Σ e^(z-max), its log and max; logp_j = (z_j - max) - logSum,
// as PyTorch's log_softmax computes it.
func (k *ceKernel) row(i int) (zi, gi []float64, sumExp, logSum, mx float64) {
	zi = k.z[i*k.c : (i+1)*k.c]
	if k.grad != nil {
		gi = k.grad[i*k.c : (i+1)*k.c]
	}
	sumExp, mx = sumExpShifted(zi, gi)
	return zi, gi, sumExp, fmath.Log(sumExp), mx
}

// indices evaluates the loss for class-index targets and returns the
// reduced value (meaningless for none). Its rows are cut over several
// goroutines when there are enough logits (ceSplit); their terms are
// summed here, in row order, either way.
func (k *ceKernel) indices(tp *Tape) float64 {
	k.wsum = float64(k.c) // Σ_c w[c]
	if k.w != nil {
		k.wsum = 0
		for _, v := range k.w {
			k.wsum += v
		}
	}
	nlls, smooths := k.split(tp)
	var nllSum, smoothSum float64
	for i, tv := range k.t {
		if tv == k.ignore {
			// Loss 0 (already in out) and gradient 0 (already in grad).
			continue
		}
		var nll, smooth float64
		if nlls != nil {
			nll, smooth = nlls[i], smooths[i]
		} else {
			nll, smooth = k.indexRow(i)
		}
		nllSum += nll
		smoothSum += smooth
	}
	return ceCombine(nllSum/k.den, smoothSum/k.den, k.eps, k.c)
}

// indexRow evaluates row i (not ignored) for a class-index target: it
// returns the row's likelihood and smoothing terms, and writes its loss
// (for none) and its gradient.
func (k *ceKernel) indexRow(i int) (nll, smooth float64) {
	zi, gi, sumExp, logSum, mx := k.row(i)
	y := classIndex("CrossEntropyLoss", i, k.t[i], k.c)
	wy := classWeight(k.w, y)
	nll = float64(-wy * ((zi[y] - mx) - logSum))
	if k.eps > 0 {
		for j, v := range zi {
			smooth -= float64(classWeight(k.w, j) * ((v - mx) - logSum))
		}
	}
	if k.none {
		k.out[i] = ceCombine(nll, smooth, k.eps, k.c)
	}
	if gi == nil {
		return nll, smooth
	}
	// d/dz_j of the row's loss: a·p_j - (1-ε)·w_y·[j=y] - ε/C·w_j.
	a := float64((1-k.eps)*wy) + float64(k.eps/float64(k.c)*k.wsum)
	for j := range gi {
		g := a * gi[j] / sumExp
		if k.eps > 0 {
			g -= float64(k.eps / float64(k.c) * classWeight(k.w, j))
		}
		if j == y {
			g -= float64((1 - k.eps) * wy)
		}
		gi[j] = g / k.den
	}
	return nll, smooth
}

// probabilities evaluates the loss for class-probability targets and
// returns the reduced value (meaningless for none).
func (k *ceKernel) probabilities() float64 {
	sum := 0.0
	for i := range k.n {
		zi, gi, sumExp, logSum, mx := k.row(i)
		ti := k.t[i*k.c : (i+1)*k.c]
		loss, s := 0.0, 0.0 // s = Σ_c w[c]·t'[c]
		for j, v := range zi {
			wt := float64(classWeight(k.w, j) * smoothTarget(ti[j], k.eps, k.c))
			loss -= float64(wt * ((v - mx) - logSum))
			s += wt
		}
		sum += loss
		if k.none {
			k.out[i] = loss
		}
		// d/dz_j of the row's loss: s·p_j - w_j·t'_j.
		for j := range gi {
			gi[j] = (s*gi[j]/sumExp - float64(classWeight(k.w, j)*smoothTarget(ti[j], k.eps, k.c))) / k.den
		}
	}
	return sum / k.den
}

// sumExpShifted returns Σ_j e^(z_j - max) and max for one row. When e is
// not nil it receives e^(z_j - max), which the gradient reuses as the
// unnormalised softmax.
func sumExpShifted(z, e []float64) (sum, mx float64) {
	mx = math.Inf(-1)
	for _, v := range z {
		mx = math.Max(mx, v)
	}
	s := 0.0
	for j, v := range z {
		x := fmath.Exp(v - mx)
		s += x
		if e != nil {
			e[j] = x
		}
	}
	return s, mx
}

// smoothTarget mixes a probability target with the uniform distribution.
func smoothTarget(t, eps float64, c int) float64 {
	if eps == 0 {
		return t
	}
	return float64(t*(1-eps)) + eps/float64(c)
}

// ceCombine combines the likelihood and smoothing terms as PyTorch does; without
// smoothing it is the plain NLL, which PyTorch computes on a separate path.
func ceCombine(nll, smooth, eps float64, c int) float64 {
	if eps == 0 {
		return nll
	}
	return float64((1-eps)*nll) + float64(smooth*(eps/float64(c)))
}
