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

// naiveClassLoss is PyTorch's cross_entropy (or, with nll set, nll_loss) of
// an input of any class layout, [C], [n, C] or [n, C, d...], written with
// explicit strides and no fused arithmetic: per position, -w[y]·logp[y]
// and the smoothing term, zero where the target is ignored, and the mean
// over the weights of the positions not ignored. Probability targets have
// the input's shape.
func naiveClassLoss(z, target *tensor.Tensor, o autograd.CrossEntropyOptions, nll bool) []float64 {
	s := z.Shape()
	n, c, inner := 1, s[0], 1
	if len(s) > 1 {
		n, c = s[0], s[1]
		for _, d := range s[2:] {
			inner *= d
		}
	}
	w := func(j int) float64 {
		if o.Weight == nil {
			return 1
		}
		return o.Weight[j]
	}
	ignore := float64(o.IgnoreIndex)
	if o.IgnoreIndex == 0 && !o.IgnoreIndexSet {
		ignore = -100
	}
	probs := tensor.SameShape(z, target)
	eps := o.LabelSmoothing
	var nllPer, smoothPer []float64
	den := 0.0
	for b := range n {
		for k := range inner {
			at := func(t *tensor.Tensor, j int) float64 { return t.Data()[(b*c+j)*inner+k] }
			lp := make([]float64, c)
			for j := range c {
				lp[j] = at(z, j)
			}
			if !nll {
				lp = naiveLogSoftmax(lp)
			}
			if probs {
				l := 0.0
				for j := range c {
					l -= w(j) * (at(target, j)*(1-eps) + eps/float64(c)) * lp[j]
				}
				nllPer = append(nllPer, l)
				den++
				continue
			}
			y := target.Data()[b*inner+k]
			if y == ignore {
				nllPer, smoothPer = append(nllPer, 0), append(smoothPer, 0)
				continue
			}
			nllPer = append(nllPer, -w(int(y))*lp[int(y)])
			sm := 0.0
			for j := range c {
				sm -= w(j) * lp[j]
			}
			smoothPer = append(smoothPer, sm)
			den += w(int(y))
		}
	}
	if probs || eps == 0 {
		return naiveReduce(nllPer, o.Reduction, den)
	}
	a, sm := naiveReduce(nllPer, o.Reduction, den), naiveReduce(smoothPer, o.Reduction, den)
	for i := range a {
		a[i] = (1-eps)*a[i] + eps/float64(c)*sm[i]
	}
	return a
}

// classShapeCases draws cross-entropy and NLL cases over PyTorch's other
// input shapes, unbatched and K-dimensional, with and without weights,
// smoothing and an ignored class.
func classShapeCases(rng *rand.Rand) []lossCase {
	var cases []lossCase
	const c = 4
	for _, shape := range [][]int{{c}, {2, c, 3}, {2, c, 2, 3}, {3, c, 1}} {
		perPos := []int{}
		if len(shape) > 1 {
			perPos = append([]int{shape[0]}, shape[2:]...)
		}
		z := tensor.RandN(rng, shape...)
		z.Scale(2)
		idx := tensor.Zeros(perPos...)
		for i := range idx.Data() {
			idx.Data()[i] = float64(rng.IntN(c))
		}
		// The class ignored below is present, except in the unbatched
		// input's one target, where ignoring it leaves a 0/0 mean
		// (TestIgnoreIndex has that case).
		idx.Data()[0] = 1
		if idx.Len() == 1 {
			idx.Data()[0] = 2
		}
		probs := tensor.Zeros(shape...)
		probs.FillUniform(rng, 0.01, 1) // need not sum to 1 for the loss to be defined
		for _, r := range reductions {
			out := perPos
			if r != autograd.ReduceNone {
				out = []int{}
			}
			for _, w := range [][]float64{nil, positives(rng, c)} {
				for _, eps := range []float64{0, 0.3} {
					for _, ign := range []int{0, 1} {
						o := autograd.CrossEntropyOptions{Weight: w, LabelSmoothing: eps, IgnoreIndex: ign, Reduction: r}
						name := fmt.Sprintf("cross_entropy/%v/%v/weight=%v/eps=%g/ignore=%d", shape, r, w != nil, eps, ign)
						cases = append(cases, lossCase{name + "/indices", z,
							func(v *autograd.Var) *autograd.Var { return autograd.CrossEntropyLoss(v, idx, o) },
							func(x *tensor.Tensor) []float64 { return naiveClassLoss(x, idx, o, false) }, out})
						if ign == 0 {
							cases = append(cases, lossCase{name + "/probabilities", z,
								func(v *autograd.Var) *autograd.Var { return autograd.CrossEntropyLoss(v, probs, o) },
								func(x *tensor.Tensor) []float64 { return naiveClassLoss(x, probs, o, false) }, out})
						}
						if eps == 0 {
							no := autograd.NLLOptions{Weight: w, IgnoreIndex: ign, Reduction: r}
							cases = append(cases, lossCase{strings.Replace(name, "cross_entropy", "nll", 1), z,
								func(v *autograd.Var) *autograd.Var { return autograd.NLLLoss(v, idx, no) },
								func(x *tensor.Tensor) []float64 { return naiveClassLoss(x, idx, o, true) }, out})
						}
					}
				}
			}
		}
	}
	return cases
}

// TestClassLossShapes checks the class losses on unbatched and
// K-dimensional inputs against the strided transcription, and their
// gradients against finite differences.
func TestClassLossShapes(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, tc := range classShapeCases(rng) {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.fn(autograd.Param(tc.input)).Value()
			if !tensor.EqualShape(got.Shape(), tc.shape) {
				t.Fatalf("shape %v, want %v", got.Shape(), tc.shape)
			}
			assertAllClose(t, got.Data(), tc.ref(tc.input), 1e-12)

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

// TestIgnoreIndex checks ignore_index's edge cases as PyTorch 1.13 has
// them: the default -100, an index outside [0, C), class 0 by
// IgnoreIndexSet, and a mean over nothing, which is NaN with a zero
// gradient.
func TestIgnoreIndex(t *testing.T) {
	z := tensor.New([]float64{1, 2, 3, 0, -1, 4, 2, 2, 2}, 3, 3)
	rowLoss := func(i, y int) float64 { // -logp of row i's class y
		row := z.Row(i)
		s := 0.0
		for _, v := range row {
			s += math.Exp(v)
		}
		return math.Log(s) - row[y]
	}
	tests := []struct {
		name   string
		target []float64
		o      autograd.CrossEntropyOptions
		want   float64
	}{
		{"default -100", []float64{0, -100, 2}, autograd.CrossEntropyOptions{}, (rowLoss(0, 0) + rowLoss(2, 2)) / 2},
		{"outside the classes", []float64{7, 1, 2}, autograd.CrossEntropyOptions{IgnoreIndex: 7}, (rowLoss(1, 1) + rowLoss(2, 2)) / 2},
		{"negative", []float64{0, -1, -1}, autograd.CrossEntropyOptions{IgnoreIndex: -1, Reduction: autograd.ReduceSum}, rowLoss(0, 0)},
		{"class 0", []float64{0, 1, 0}, autograd.CrossEntropyOptions{IgnoreIndexSet: true}, rowLoss(1, 1)},
		{"class 0 unset is a class", []float64{0, 1, 0}, autograd.CrossEntropyOptions{},
			(rowLoss(0, 0) + rowLoss(1, 1) + rowLoss(2, 0)) / 3},
		{"all ignored", []float64{2, 2, 2}, autograd.CrossEntropyOptions{IgnoreIndex: 2, LabelSmoothing: 0.1}, math.NaN()},
	}
	lp := tensor.Zeros(3, 3) // log_softmax(z), NLL's input
	for i := range 3 {
		for j := range 3 {
			lp.Data()[i*3+j] = -rowLoss(i, j)
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			target := tensor.New(tt.target, 3)
			for _, loss := range []struct {
				name  string
				input *tensor.Tensor
				f     func(*autograd.Var) *autograd.Var
			}{
				{"cross_entropy", z, func(x *autograd.Var) *autograd.Var { return autograd.CrossEntropyLoss(x, target, tt.o) }},
				{"nll", lp, func(x *autograd.Var) *autograd.Var {
					return autograd.NLLLoss(x, target, autograd.NLLOptions{
						IgnoreIndex: tt.o.IgnoreIndex, IgnoreIndexSet: tt.o.IgnoreIndexSet, Reduction: tt.o.Reduction,
					})
				}},
			} {
				if loss.name == "nll" && tt.o.LabelSmoothing != 0 {
					continue
				}
				x := autograd.Param(loss.input.Clone())
				out := loss.f(x)
				got := out.Item()
				if math.IsNaN(tt.want) != math.IsNaN(got) || (!math.IsNaN(got) && math.Abs(got-tt.want) > 1e-12) {
					t.Fatalf("%s: loss %v, want %v", loss.name, got, tt.want)
				}
				out.Backward()
				for i, y := range tt.target {
					ignored := y == -100 || y == float64(tt.o.IgnoreIndex) && (tt.o.IgnoreIndex != 0 || tt.o.IgnoreIndexSet)
					for j, g := range x.Grad().Row(i) {
						if ignored && g != 0 || !ignored && g == 0 && j == int(y) || math.IsNaN(g) {
							t.Fatalf("%s: grad[%d][%d] = %v (target %v)", loss.name, i, j, g, y)
						}
					}
				}
			}
		})
	}
}

// TestClassLossShapePanics checks the messages for targets that fit none
// of PyTorch's layouts and for an ignore index on probabilities.
func TestClassLossShapePanics(t *testing.T) {
	x := autograd.Param(tensor.Zeros(2, 3, 4))
	tests := []struct {
		name string
		f    func()
		want []string
	}{
		{"ce kdim target", func() { autograd.CrossEntropyLoss(x, tensor.Zeros(2, 3), autograd.CrossEntropyOptions{}) },
			[]string{"CrossEntropyLoss", "[2 3]", "[2 4]", "[2 3 4]"}},
		{"nll kdim target", func() { autograd.NLLLoss(x, tensor.Zeros(2), autograd.NLLOptions{}) },
			[]string{"NLLLoss", "[2]", "[2 4]"}},
		{"ce unbatched target", func() {
			autograd.CrossEntropyLoss(autograd.Param(tensor.Zeros(3)), tensor.Zeros(1), autograd.CrossEntropyOptions{})
		}, []string{"CrossEntropyLoss", "[1]", "[3]"}},
		{"ce scalar input", func() {
			autograd.CrossEntropyLoss(autograd.Param(tensor.Scalar(1)), tensor.Scalar(0), autograd.CrossEntropyOptions{})
		}, []string{"CrossEntropyLoss", "no class dimension"}},
		{"ce probabilities ignore", func() {
			autograd.CrossEntropyLoss(x, tensor.Zeros(2, 3, 4), autograd.CrossEntropyOptions{IgnoreIndex: 1})
		}, []string{"CrossEntropyLoss", "ignore index 1", "probability"}},
		{"ce kdim class", func() {
			autograd.CrossEntropyLoss(x, tensor.Full(3, 2, 4), autograd.CrossEntropyOptions{})
		}, []string{"CrossEntropyLoss", "target[0]", "[0, 3)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				msg := fmt.Sprint(recover())
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
