package train

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train/metrics"
)

func TestProbabilities(t *testing.T) {
	sigmoid := func(v float64) float64 { return 1 / (1 + math.Exp(-v)) }
	clip := func(v float64) float64 { return math.Min(1, math.Max(0, v)) }
	single := []float64{-2, 0, 3, 0.5, 1.7, -0.3, 40}
	multi := [][]float64{{1, 2, 3}, {1000, 999, -1000}, {-1, -2, -0.5}, {0, 0, 0}, {0.2, 0.9, 0.1}}
	// by hand, per loss: a function from one output to the second class's
	// probability, or from a row of outputs to its probabilities.
	cases := []struct {
		loss layer.Loss
		one  func(float64) float64
		many func([]float64) []float64
	}{
		{layer.BCEWithLogitsLoss{}, sigmoid, nil},
		{&layer.BCEWithLogitsLoss{}, sigmoid, nil},
		{layer.BCELoss{}, clip, nil},
		{layer.MSELoss{}, clip, func(row []float64) []float64 {
			out, s := make([]float64, len(row)), 0.0
			for j, v := range row {
				out[j] = math.Max(v, 0)
				s += out[j]
			}
			for j := range out {
				if s > 0 {
					out[j] /= s
				} else {
					out[j] = 1 / float64(len(row))
				}
			}
			return out
		}},
		{layer.CrossEntropyLoss{}, nil, softmaxOf},
		{&layer.CrossEntropyLoss{}, nil, softmaxOf},
		{layer.NLLLoss{}, nil, func(row []float64) []float64 {
			out := make([]float64, len(row))
			for j, v := range row {
				out[j] = math.Exp(v)
			}
			return out
		}},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%T", c.loss), func(t *testing.T) {
			if c.one != nil {
				p := Probabilities(tensor.New(slices.Clone(single), len(single), 1), c.loss)
				if !slices.Equal(p.Shape(), []int{len(single), 2}) {
					t.Fatalf("shape %v, want [%d 2]", p.Shape(), len(single))
				}
				for i, v := range single {
					q := c.one(v)
					if math.Abs(p.At(i, 1)-q) > 1e-15 || math.Abs(p.At(i, 0)-(1-q)) > 1e-15 {
						t.Errorf("output %v: %v, want [%v %v]", v, p.Row(i), 1-q, q)
					}
				}
			}
			if c.many != nil {
				var flat []float64
				for _, r := range multi {
					in := slices.Clone(r)
					if _, ok := c.loss.(layer.NLLLoss); ok {
						in = logOf(softmaxOf(r))
					}
					flat = append(flat, in...)
				}
				out := tensor.New(flat, len(multi), 3)
				before := slices.Clone(flat)
				p := Probabilities(out, c.loss)
				if !slices.Equal(out.Data(), before) {
					t.Error("Probabilities changed its input")
				}
				for i := range multi {
					want := c.many(out.Row(i))
					for j := range want {
						if math.Abs(p.At(i, j)-want[j]) > 1e-15 {
							t.Errorf("row %v: %v, want %v", out.Row(i), p.Row(i), want)
							break
						}
					}
				}
			}
		})
	}
	// Whatever the loss and outputs, rows are distributions.
	for _, loss := range []layer.Loss{layer.BCEWithLogitsLoss{}, layer.BCELoss{}, layer.MSELoss{}, layer.CrossEntropyLoss{}, layer.NLLLoss{}} {
		for _, k := range []int{1, 2, 4} {
			out := tensor.Zeros(20, k)
			out.FillNormal(rand.New(rand.NewPCG(uint64(k), 0)), 0, 3)
			if _, ok := loss.(layer.NLLLoss); ok {
				for i := range 20 {
					copy(out.Row(i), logOf(softmaxOf(out.Row(i))))
				}
			}
			p := Probabilities(out, loss)
			for i := range p.Rows() {
				s := 0.0
				for _, v := range p.Row(i) {
					if v < 0 || v > 1 || math.IsNaN(v) {
						t.Errorf("%v, %d outputs: probability %v", loss, k, v)
					}
					s += v
				}
				if math.Abs(s-1) > 1e-12 {
					t.Errorf("%v, %d outputs: row %d sums to %v", loss, k, i, s)
				}
			}
		}
	}
}

func softmaxOf(row []float64) []float64 {
	m := slices.Max(row)
	out, s := make([]float64, len(row)), 0.0
	for j, v := range row {
		out[j] = math.Exp(v - m)
		s += out[j]
	}
	for j := range out {
		out[j] /= s
	}
	return out
}

func logOf(p []float64) []float64 {
	out := make([]float64, len(p))
	for i, v := range p {
		out[i] = math.Log(v)
	}
	return out
}

// linearNet is MLP([in, out]) with the given weights and zero bias.
func linearNet(t *testing.T, in, out int, w ...float64) *layer.Sequential {
	t.Helper()
	net := layer.MLP([]int{in, out}, layer.ReLU{}, layer.Constant{}, nil)
	if err := net.LoadStateDict(map[string]*tensor.Tensor{"0.weight": tensor.New(w, out, in), "0.bias": tensor.Zeros(out)}); err != nil {
		t.Fatal(err)
	}
	return net
}

func TestEvaluateBinaryByHand(t *testing.T) {
	// The logit is the input itself.
	net := linearNet(t, 1, 1, 1)
	x := []float64{-2, -1, 0.5, 1, 3}
	labels := []int{0, 1, 0, 1, 1}
	d := ClassificationData(&datasets.Dataset{X: tensor.New(x, 5, 1), Y: labels, Classes: []string{"a", "b"}, Features: []string{"x"}}, layer.BCEWithLogitsLoss{}, 1)
	ev := Evaluate(net, layer.BCEWithLogitsLoss{}, d)
	loss := 0.0
	for i, v := range x {
		if labels[i] == 1 {
			loss += math.Log1p(math.Exp(-v))
		} else {
			loss += math.Log1p(math.Exp(v))
		}
	}
	loss /= 5
	if math.Abs(ev.Loss-loss) > 1e-15 {
		t.Errorf("loss %v, by hand %v", ev.Loss, loss)
	}
	if ev.Accuracy != 0.6 { // predicted 0 0 1 1 1
		t.Errorf("accuracy %v, want 0.6", ev.Accuracy)
	}
	if !slices.Equal(ev.Pred, []int{0, 0, 1, 1, 1}) {
		t.Errorf("pred %v", ev.Pred)
	}
	// Positives score -1, 1, 3 and negatives -2, 0.5: 5 of 6 pairs in order.
	if math.Abs(ev.AUC-5.0/6) > 1e-15 {
		t.Errorf("AUC %v, want 5/6", ev.AUC)
	}
	for i, v := range x {
		if q := 1 / (1 + math.Exp(-v)); math.Abs(ev.Probs.At(i, 1)-q) > 1e-15 {
			t.Errorf("row %d probability %v, want %v", i, ev.Probs.At(i, 1), q)
		}
	}
	// Without labels there is no accuracy or AUC; with one class, no AUC.
	ev = Evaluate(net, layer.BCEWithLogitsLoss{}, &Data{X: d.X, Target: d.Target})
	if !math.IsNaN(ev.Accuracy) || !math.IsNaN(ev.AUC) || math.Abs(ev.Loss-loss) > 1e-15 {
		t.Errorf("unlabelled: accuracy %v AUC %v loss %v", ev.Accuracy, ev.AUC, ev.Loss)
	}
	ev = Evaluate(net, layer.BCEWithLogitsLoss{}, &Data{X: d.X, Target: d.Target, Labels: []int{1, 1, 1, 1, 1}})
	if ev.Accuracy != 0.6 || !math.IsNaN(ev.AUC) {
		t.Errorf("one class: accuracy %v AUC %v, want 0.6 and NaN", ev.Accuracy, ev.AUC)
	}
}

func TestEvaluateMulticlassByHand(t *testing.T) {
	// Logits (x1, x2, -x1-x2).
	net := linearNet(t, 2, 3, 1, 0, 0, 1, -1, -1)
	x := []float64{2, 0, 0, 2, -1, -1, 1, 0.5, -0.2, 0.3, 0.1, -2}
	labels := []int{0, 1, 2, 1, 1, 0}
	d := ClassificationData(&datasets.Dataset{X: tensor.New(x, 6, 2), Y: labels, Classes: []string{"a", "b", "c"}, Features: []string{"x1", "x2"}}, layer.CrossEntropyLoss{}, 3)
	ev := Evaluate(net, layer.CrossEntropyLoss{}, d)
	loss, right := 0.0, 0
	probs := make([][]float64, 6)
	for i := range 6 {
		a, b := x[2*i], x[2*i+1]
		probs[i] = softmaxOf([]float64{a, b, -a - b})
		loss -= math.Log(probs[i][labels[i]])
		pred := 0
		for j := range 3 {
			if probs[i][j] > probs[i][pred] {
				pred = j
			}
		}
		if pred == labels[i] {
			right++
		}
		if ev.Pred[i] != pred {
			t.Errorf("row %d predicted %d, by hand %d", i, ev.Pred[i], pred)
		}
	}
	if math.Abs(ev.Loss-loss/6) > 1e-14 {
		t.Errorf("loss %v, by hand %v", ev.Loss, loss/6)
	}
	if ev.Accuracy != float64(right)/6 {
		t.Errorf("accuracy %v, by hand %v", ev.Accuracy, float64(right)/6)
	}
	wantAUC, err := metrics.MacroAUC(labels, probs)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(ev.AUC-wantAUC) > 1e-15 {
		t.Errorf("AUC %v, macro one-vs-rest %v", ev.AUC, wantAUC)
	}
}

// TestEvaluateChunked checks that a set larger than one inference chunk
// gives what one pass over it gives.
func TestEvaluateChunked(t *testing.T) {
	const n = 2*evalChunk + 123
	rng := rand.New(rand.NewPCG(10, 10))
	x := tensor.Zeros(n, 2)
	x.FillNormal(rng, 0, 1)
	labels := make([]int, n)
	for i := range labels {
		if x.At(i, 0)+0.3*x.At(i, 1)+0.5*rng.NormFloat64() > 0 {
			labels[i] = 1
		}
	}
	for _, c := range []struct {
		loss    layer.Loss
		outputs int
	}{{layer.BCEWithLogitsLoss{}, 1}, {layer.CrossEntropyLoss{}, 2}} {
		t.Run(fmt.Sprint(c.loss), func(t *testing.T) {
			net := layer.MLP([]int{2, 16, 16, c.outputs}, layer.ReLU{}, layer.HeNormal{}, rand.New(rand.NewPCG(1, 1)))
			d := ClassificationData(&datasets.Dataset{X: x, Y: labels, Classes: []string{"a", "b"}, Features: []string{"p", "q"}}, c.loss, c.outputs)
			ev := Evaluate(net, c.loss, d)
			out := net.Forward(autograd.Inference(x))
			whole := c.loss.Forward(out, d.Target).Item()
			if math.Abs(ev.Loss-whole) > 1e-13*math.Abs(whole) {
				t.Errorf("chunked loss %v, whole-set loss %v", ev.Loss, whole)
			}
			probs := Probabilities(out.Value(), c.loss)
			assertClose(t, "probabilities", ev.Probs, probs, 1e-15)
			pred := tensor.ArgmaxRows(probs)
			if want := metrics.Accuracy(pred, labels); ev.Accuracy != want {
				t.Errorf("accuracy %v, whole set %v", ev.Accuracy, want)
			}
			scores := make([]float64, n)
			for i := range scores {
				scores[i] = probs.At(i, 1)
			}
			want, err := metrics.ROCAUC(labels, scores)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(ev.AUC-want) > 1e-12 {
				t.Errorf("AUC %v, whole set %v", ev.AUC, want)
			}
		})
	}
}
