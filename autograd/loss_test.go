package autograd_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/tensor"
)

// lossFn is a loss with its target and options bound: only the input varies.
type lossFn func(x *autograd.Var) *autograd.Var

// lossCase is a loss at one random input, shared by the gradient check and
// the reference comparison.
type lossCase struct {
	name  string
	input *tensor.Tensor
	fn    lossFn
	ref   func(x *tensor.Tensor) []float64 // naive loss: per element or sample for none, one value otherwise
	shape []int                            // the result's shape
}

var reductions = []autograd.Reduction{autograd.ReduceMean, autograd.ReduceSum, autograd.ReduceNone}

// uniform returns a tensor of the shape with elements uniform in [lo, hi).
func uniform(rng *rand.Rand, lo, hi float64, shape ...int) *tensor.Tensor {
	t := tensor.Zeros(shape...)
	t.FillUniform(rng, lo, hi)
	return t
}

// positives returns n values uniform in [0.2, 2).
func positives(rng *rand.Rand, n int) []float64 {
	return uniform(rng, 0.2, 2, n).Data()
}

// classes returns n random class indices below c as float64s.
func classes(rng *rand.Rand, n, c int) *tensor.Tensor {
	t := tensor.Zeros(n)
	for i := range n {
		t.Data()[i] = float64(rng.IntN(c))
	}
	return t
}

// distributions returns n random rows of c probabilities summing to 1.
func distributions(rng *rand.Rand, n, c int) *tensor.Tensor {
	t := uniform(rng, 0.01, 1, n, c)
	for i := range n {
		row, s := t.Row(i), 0.0
		for _, v := range row {
			s += v
		}
		for j := range row {
			row[j] /= s
		}
	}
	return t
}

// lossCases draws every loss under every combination of its options at
// random shapes and values from rng.
func lossCases(rng *rand.Rand) []lossCase {
	var cases []lossCase
	// add records a case; perSample says that reduction none gives one
	// loss per row rather than per element.
	add := func(name string, r autograd.Reduction, input *tensor.Tensor, perSample bool, fn lossFn, ref func(*tensor.Tensor) []float64) {
		shape := []int{}
		if r == autograd.ReduceNone {
			shape = input.Shape()
			if perSample {
				shape = shape[:1]
			}
		}
		cases = append(cases, lossCase{
			name: fmt.Sprintf("%s/%v/%v", name, r, input.Shape()), input: input, fn: fn, ref: ref, shape: shape,
		})
	}
	for _, r := range reductions {
		n, c := 1+rng.IntN(5), 1+rng.IntN(4)

		x, y := tensor.RandN(rng, n, c), tensor.RandN(rng, n, c)
		add("mse", r, x, false, func(v *autograd.Var) *autograd.Var { return autograd.MSELoss(v, y, r) },
			func(x *tensor.Tensor) []float64 { return naiveMSE(x, y, r) })

		p, soft := uniform(rng, 0.05, 0.95, n, c), uniform(rng, 0, 1, n, c)
		hard := tensor.Zeros(n, c)
		for i := range hard.Data() {
			hard.Data()[i] = float64(rng.IntN(2))
		}
		for _, w := range []*tensor.Tensor{nil, uniform(rng, 0.2, 2, n, c), uniform(rng, 0.2, 2, c), uniform(rng, 0.2, 2, 1, c), uniform(rng, 0.2, 2, n, 1)} {
			for ti, tg := range []*tensor.Tensor{soft, hard} {
				name := fmt.Sprintf("bce/target%d/weight=none", ti)
				if w != nil {
					name = fmt.Sprintf("bce/target%d/weight%v", ti, w.Shape())
				}
				add(name, r, p, false, func(v *autograd.Var) *autograd.Var { return autograd.BCELoss(v, tg, w, r) },
					func(x *tensor.Tensor) []float64 { return naiveBCE(x, tg, w, r) })
			}
		}

		logits := tensor.RandN(rng, n, c)
		logits.Scale(3)
		for _, w := range []*tensor.Tensor{nil, uniform(rng, 0.2, 2, n, c), uniform(rng, 0.2, 2, c), uniform(rng, 0.2, 2, n, 1)} {
			for _, pw := range [][]float64{nil, positives(rng, c), positives(rng, 1)} {
				for ti, tg := range []*tensor.Tensor{soft, hard} {
					ws := "none"
					if w != nil {
						ws = fmt.Sprint(w.Shape())
					}
					add(fmt.Sprintf("bce_with_logits/target%d/weight=%s/pos_weight=%v", ti, ws, pw), r, logits, false,
						func(v *autograd.Var) *autograd.Var { return autograd.BCEWithLogitsLoss(v, tg, w, pw, r) },
						func(x *tensor.Tensor) []float64 { return naiveBCEWithLogits(x, tg, w, pw, r) })
				}
			}
		}

		c = 2 + rng.IntN(4)
		z := tensor.RandN(rng, n, c)
		z.Scale(2)
		idx, probs := classes(rng, n, c), distributions(rng, n, c)
		for _, w := range [][]float64{nil, positives(rng, c)} {
			for _, eps := range []float64{0, 0.2, 1} {
				for _, tg := range []*tensor.Tensor{idx, probs} {
					o := autograd.CrossEntropyOptions{Weight: w, LabelSmoothing: eps, Reduction: r}
					add(fmt.Sprintf("cross_entropy/weight=%v/eps=%g/target%v", w != nil, eps, tg.Shape()), r, z, true,
						func(v *autograd.Var) *autograd.Var { return autograd.CrossEntropyLoss(v, tg, o) },
						func(x *tensor.Tensor) []float64 { return naiveCrossEntropy(x, tg, o) })
				}
			}
			lp := tensor.RandN(rng, n, c)
			add(fmt.Sprintf("nll/weight=%v", w != nil), r, lp, true,
				func(v *autograd.Var) *autograd.Var {
					return autograd.NLLLoss(v, idx, autograd.NLLOptions{Weight: w, Reduction: r})
				},
				func(x *tensor.Tensor) []float64 { return naiveNLL(x, idx, w, r) })
		}
	}
	return cases
}

// TestLossGradCheck compares every loss's fused gradient with finite
// differences; for reduction none, of the loss weighted by a random
// upstream gradient.
func TestLossGradCheck(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, tc := range lossCases(rng) {
		t.Run(tc.name, func(t *testing.T) {
			f := func(in ...*autograd.Var) *autograd.Var { return tc.fn(in[0]) }
			if len(tc.shape) > 0 {
				u := tensor.RandN(rng, tc.shape...)
				f = func(in ...*autograd.Var) *autograd.Var {
					return autograd.Sum(autograd.Mul(tc.fn(in[0]), autograd.Const(u)))
				}
			}
			res, err := autograd.GradCheck(f, 1e-6, tc.input)
			if err != nil {
				t.Fatal(err)
			}
			if res.MaxRelErr > 1e-6 {
				t.Errorf("gradient: %v", res)
			}
		})
	}
}

// TestLossMatchesNaive compares every loss's value with a direct,
// unfused transcription of PyTorch's definition.
func TestLossMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, tc := range lossCases(rng) {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.fn(autograd.Param(tc.input)).Value()
			want := tc.ref(tc.input)
			if !tensor.EqualShape(got.Shape(), tc.shape) {
				t.Fatalf("shape %v, want %v", got.Shape(), tc.shape)
			}
			assertAllClose(t, got.Data(), want, 1e-12)
		})
	}
}

// assertAllClose fails unless got and want agree to tol, relative to
// values above 1 and absolute below; NaN matches nothing.
func assertAllClose(t *testing.T, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d values, want %d", len(got), len(want))
	}
	for i := range want {
		if !(math.Abs(got[i]-want[i]) <= tol*math.Max(1, math.Abs(want[i]))) {
			t.Fatalf("[%d] = %.17g, want %.17g", i, got[i], want[i])
		}
	}
}

// TestLossAccumulatesAndSkipsConstants checks that a loss's backward adds
// to an existing gradient and that a constant or inference input records
// nothing.
func TestLossAccumulatesAndSkipsConstants(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, tc := range lossCases(rng) {
		if len(tc.shape) > 0 {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			x := autograd.Param(tc.input.Clone())
			tc.fn(x).Backward()
			once := x.Grad().Clone()
			tc.fn(x).Backward()
			for i, v := range x.Grad().Data() {
				if v != 2*once.Data()[i] {
					t.Fatalf("second backward: grad[%d] = %g, want %g", i, v, 2*once.Data()[i])
				}
			}
			for _, v := range []*autograd.Var{autograd.Const(tc.input), autograd.Inference(tc.input)} {
				if out := tc.fn(v); out.RequiresGrad() || !out.IsLeaf() {
					t.Fatalf("loss of a constant records a graph")
				}
			}
		})
	}
}

// TestLossPanics checks that misuse panics at the door, naming the loss and
// what is wrong.
func TestLossPanics(t *testing.T) {
	m23, m32 := tensor.Zeros(2, 3), tensor.Zeros(3, 2)
	half := tensor.Full(0.5, 2, 3)
	x := autograd.Param(half)
	tests := []struct {
		name string
		f    func()
		want []string // substrings of the panic message
	}{
		{"mse shape", func() { autograd.MSELoss(x, m32, autograd.ReduceMean) }, []string{"MSELoss", "[2 3]", "[3 2]"}},
		{"mse reduction", func() { autograd.MSELoss(x, m23, autograd.Reduction(7)) }, []string{"MSELoss", "reduction"}},
		{"bce shape", func() { autograd.BCELoss(x, m32, nil, autograd.ReduceMean) }, []string{"BCELoss", "[2 3]", "[3 2]"}},
		{"bce weight", func() { autograd.BCELoss(x, m23, tensor.Zeros(2), autograd.ReduceMean) }, []string{"BCELoss", "weight", "[2]", "[2 3]"}},
		{"bce weight rows", func() { autograd.BCELoss(x, m23, tensor.Zeros(3, 1), autograd.ReduceMean) }, []string{"BCELoss", "[3 1]"}},
		{"bce weight rank", func() { autograd.BCELoss(x, m23, tensor.Zeros(1, 2, 3), autograd.ReduceMean) }, []string{"BCELoss", "[1 2 3]"}},
		{"bce range", func() {
			autograd.BCELoss(autograd.Param(tensor.New([]float64{0.5, 1.5}, 2)), tensor.Zeros(2), nil, autograd.ReduceMean)
		}, []string{"BCELoss", "input[1]", "1.5"}},
		{"bce_with_logits shape", func() { autograd.BCEWithLogitsLoss(x, m32, nil, nil, autograd.ReduceSum) }, []string{"BCEWithLogitsLoss", "[2 3]", "[3 2]"}},
		{"bce_with_logits pos_weight", func() { autograd.BCEWithLogitsLoss(x, m23, nil, []float64{1, 2}, autograd.ReduceSum) }, []string{"BCEWithLogitsLoss", "pos_weight", "[2]"}},
		{"bce_with_logits weight", func() { autograd.BCEWithLogitsLoss(x, m23, tensor.Zeros(3, 1), nil, autograd.ReduceSum) }, []string{"BCEWithLogitsLoss", "weight", "[3 1]", "[2 3]"}},
		{"cross_entropy target rows", func() { autograd.CrossEntropyLoss(x, tensor.Zeros(3), autograd.CrossEntropyOptions{}) }, []string{"CrossEntropyLoss", "[3]", "[2 3]"}},
		{"cross_entropy target matrix", func() { autograd.CrossEntropyLoss(x, m32, autograd.CrossEntropyOptions{}) }, []string{"CrossEntropyLoss", "[3 2]", "[2 3]"}},
		{"cross_entropy fraction", func() {
			autograd.CrossEntropyLoss(x, tensor.New([]float64{0, 1.5}, 2), autograd.CrossEntropyOptions{})
		}, []string{"CrossEntropyLoss", "target[1]", "1.5"}},
		{"cross_entropy negative", func() {
			autograd.CrossEntropyLoss(x, tensor.New([]float64{-1, 0}, 2), autograd.CrossEntropyOptions{Reduction: autograd.ReduceNone})
		}, []string{"CrossEntropyLoss", "target[0]", "-1"}},
		{"cross_entropy too big", func() {
			autograd.CrossEntropyLoss(x, tensor.New([]float64{0, 3}, 2), autograd.CrossEntropyOptions{Reduction: autograd.ReduceSum})
		}, []string{"CrossEntropyLoss", "target[1]", "[0, 3)"}},
		{"cross_entropy weight", func() {
			autograd.CrossEntropyLoss(x, tensor.Zeros(2), autograd.CrossEntropyOptions{Weight: []float64{1, 2}})
		}, []string{"CrossEntropyLoss", "2 values for 3 classes"}},
		{"cross_entropy smoothing", func() {
			autograd.CrossEntropyLoss(x, tensor.Zeros(2), autograd.CrossEntropyOptions{LabelSmoothing: 1.5})
		}, []string{"CrossEntropyLoss", "1.5"}},
		{"cross_entropy vector input", func() {
			autograd.CrossEntropyLoss(autograd.Param(tensor.Zeros(3)), tensor.Zeros(1), autograd.CrossEntropyOptions{})
		}, []string{"CrossEntropyLoss", "[3]"}},
		{"nll target", func() { autograd.NLLLoss(x, m23, autograd.NLLOptions{}) }, []string{"NLLLoss", "[2 3]"}},
		{"nll index", func() {
			autograd.NLLLoss(x, tensor.New([]float64{0, 7}, 2), autograd.NLLOptions{Reduction: autograd.ReduceNone})
		}, []string{"NLLLoss", "target[1]", "7"}},
		{"nll weight", func() { autograd.NLLLoss(x, tensor.Zeros(2), autograd.NLLOptions{Weight: []float64{1}}) }, []string{"NLLLoss", "1 values for 3 classes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				r := recover()
				if r == nil {
					t.Fatal("no panic")
				}
				msg := fmt.Sprint(r)
				for _, s := range tt.want {
					if !strings.Contains(msg, s) {
						t.Errorf("panic %q does not mention %q", msg, s)
					}
				}
			}()
			tt.f()
		})
	}
}

// BenchmarkLossStep measures one forward and backward pass of each loss on
// a batch of 256 rows of 10 columns; each allocates its output and its
// local-gradient buffer, and nothing per element.
func BenchmarkLossStep(b *testing.B) {
	rng := rand.New(rand.NewPCG(7, 8))
	const n, c = 256, 10
	x := tensor.RandN(rng, n, c)
	probs := uniform(rng, 0.05, 0.95, n, c)
	y, idx := uniform(rng, 0, 1, n, c), classes(rng, n, c)
	benches := []struct {
		name  string
		input *tensor.Tensor
		fn    lossFn
	}{
		{"mse", x, func(v *autograd.Var) *autograd.Var { return autograd.MSELoss(v, y, autograd.ReduceMean) }},
		{"bce", probs, func(v *autograd.Var) *autograd.Var { return autograd.BCELoss(v, y, nil, autograd.ReduceMean) }},
		{"bce_with_logits", x, func(v *autograd.Var) *autograd.Var {
			return autograd.BCEWithLogitsLoss(v, y, nil, nil, autograd.ReduceMean)
		}},
		{"cross_entropy", x, func(v *autograd.Var) *autograd.Var {
			return autograd.CrossEntropyLoss(v, idx, autograd.CrossEntropyOptions{})
		}},
		{"cross_entropy/smoothing", x, func(v *autograd.Var) *autograd.Var {
			return autograd.CrossEntropyLoss(v, idx, autograd.CrossEntropyOptions{LabelSmoothing: 0.1})
		}},
		{"nll", x, func(v *autograd.Var) *autograd.Var { return autograd.NLLLoss(v, idx, autograd.NLLOptions{}) }},
	}
	for _, bb := range benches {
		b.Run(bb.name, func(b *testing.B) {
			v := autograd.Param(bb.input.Clone())
			b.ReportAllocs()
			for b.Loop() {
				v.ZeroGrad()
				bb.fn(v).Backward()
			}
		})
	}
}
