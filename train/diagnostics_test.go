package train

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/optim"
	"github.com/nnlab/nnlab/tensor"
)

// handNet is a 2-3-2-1 ReLU network with hand-set weights: hidden unit 2 of
// the first layer and unit 1 of the second have a bias of -100, so no input
// here can make them fire.
func handNet(t *testing.T) *layer.Sequential {
	t.Helper()
	net := layer.MLP([]int{2, 3, 2, 1}, layer.ReLU{}, layer.Constant{}, nil)
	err := net.LoadStateDict(map[string]*tensor.Tensor{
		"0.weight": tensor.New([]float64{1, 0, 0.3, -0.2, 0.5, 1}, 3, 2),
		"0.bias":   tensor.New([]float64{0, -100, 0.25}, 3),
		"2.weight": tensor.New([]float64{0.4, 0.1, 0.6, -0.3, 0.2, 0.7}, 2, 3),
		"2.bias":   tensor.New([]float64{-100, 0.1}, 2),
		"4.weight": tensor.New([]float64{0.5, -0.8}, 1, 2),
		"4.bias":   tensor.New([]float64{0}, 1),
	})
	if err != nil {
		t.Fatal(err)
	}
	return net
}

// handActivity computes, with plain loops from the network's current
// weights, each hidden layer's dead fraction and activation rate over x.
func handActivity(net *layer.Sequential, x *tensor.Tensor) (dead, rate []float64) {
	_, dense := net.DenseLayers()
	in := x
	for _, d := range dense[:len(dense)-1] {
		w, b := d.Weight.Value(), d.Bias.Value()
		out := tensor.Zeros(in.Rows(), d.Out())
		active := make([]int, d.Out())
		total := 0
		for i := range in.Rows() {
			for j := range d.Out() {
				z := b.Data()[j]
				for k := range d.In() {
					z += w.At(j, k) * in.At(i, k)
				}
				if z > 0 {
					active[j]++
					total++
					out.Data()[i*d.Out()+j] = z
				}
			}
		}
		nDead := 0
		for _, a := range active {
			if a == 0 {
				nDead++
			}
		}
		dead = append(dead, float64(nDead)/float64(d.Out()))
		rate = append(rate, float64(total)/float64(in.Rows()*d.Out()))
		in = out
	}
	return dead, rate
}

func TestDiagnosticsByHand(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	x := tensor.Zeros(37, 2)
	x.FillNormal(rng, 0, 1)
	y := tensor.Zeros(37, 1)
	for i := range 37 {
		if x.At(i, 0)*x.At(i, 1) > 0 {
			y.Data()[i] = 1
		}
	}
	// Validation rows far from the training ones: counting them would
	// change the rates.
	xv := tensor.Full(5, 4, 2)
	val := &Data{X: xv, Target: tensor.Zeros(4, 1)}

	net := handNet(t)
	opt, err := optim.NewSGD(net.Parameters(), optim.SGDConfig{LR: 0.2})
	if err != nil {
		t.Fatal(err)
	}
	_, dense := net.DenseLayers()
	gradSum := make([]float64, len(dense))
	steps := 0
	tr := &Trainer{Net: net, Loss: layer.BCEWithLogitsLoss{}, Optimizer: opt, Epochs: 3, BatchSize: 8, Diagnostics: true}
	tr.OnStep = func(StepInfo) error {
		// The gradients of the step just taken are still in place.
		for k, d := range dense {
			s := 0.0
			for _, g := range d.Weight.Grad().Data() {
				s += g * g
			}
			gradSum[k] += math.Sqrt(s)
		}
		steps++
		return nil
	}
	tr.OnEpoch = func(epoch int, h *History) error {
		dead, rate := handActivity(net, x)
		if !slices.Equal(dead, []float64{1.0 / 3, 0.5}) {
			t.Errorf("epoch %d: by hand the dead fractions are %v; the test expects one unit of each layer dead", epoch+1, dead)
		}
		for k := range dead {
			if got := h.Last(fmt.Sprintf("dead_fraction_%d", k+1)); got != dead[k] {
				t.Errorf("epoch %d: dead_fraction_%d = %v, by hand %v", epoch+1, k+1, got, dead[k])
			}
			if got := h.Last(fmt.Sprintf("activation_rate_%d", k+1)); got != rate[k] {
				t.Errorf("epoch %d: activation_rate_%d = %v, by hand %v", epoch+1, k+1, got, rate[k])
			}
			if rate[k] <= 0 || rate[k] >= 1-dead[k] {
				t.Errorf("epoch %d: layer %d rate %v is not strictly between 0 and its live share", epoch+1, k+1, rate[k])
			}
		}
		for k := range dense {
			col := fmt.Sprintf("grad_norm_%d", k+1)
			got, want := h.Last(col), gradSum[k]/float64(steps)
			if !(got > 0) || math.Abs(got-want) > 1e-14*want {
				t.Errorf("epoch %d: %s = %v, mean of the steps' norms %v", epoch+1, col, got, want)
			}
			gradSum[k] = 0
		}
		steps = 0
		return nil
	}
	h, err := tr.Fit(context.Background(), &Data{X: x, Target: y}, val)
	if err != nil {
		t.Fatal(err)
	}
	for _, col := range []string{"dead_fraction_3", "activation_rate_3", "grad_norm_4"} {
		if h.Series(col) != nil {
			t.Errorf("history has column %s, but the output layer is not hidden", col)
		}
	}
	want := []string{ColEpoch, ColLR, ColTrainLoss,
		"dead_fraction_1", "activation_rate_1", "dead_fraction_2", "activation_rate_2",
		"grad_norm_1", "grad_norm_2", "grad_norm_3", ColValLoss}
	if !slices.Equal(h.Columns, want) {
		t.Errorf("columns %v, want %v", h.Columns, want)
	}
}

// TestDiagnosticsOff checks that a run without Diagnostics records none
// and that diagnostics leave the training itself unchanged.
func TestDiagnosticsOff(t *testing.T) {
	data := newCircleSplit(t, 6)
	run := func(diag bool) (map[string]*tensor.Tensor, *History) {
		tr := runConfig{seed: 6, epochs: 2, diagnostics: diag}.build(t, nil)
		h, err := tr.Fit(context.Background(), data.train, data.test)
		if err != nil {
			t.Fatal(err)
		}
		return snapshot(tr.Net), h
	}
	w0, h0 := run(false)
	w1, h1 := run(true)
	assertSameWeights(t, "with diagnostics", w1, w0)
	for _, c := range h0.Columns {
		if !sameBits(h0.Series(c), h1.Series(c)) {
			t.Errorf("column %s differs with diagnostics: %v vs %v", c, h1.Series(c), h0.Series(c))
		}
	}
	for _, c := range []string{"dead_fraction_1", "activation_rate_2", "grad_norm_3"} {
		if h0.Series(c) != nil {
			t.Errorf("column %s recorded without Diagnostics", c)
		}
		s := h1.Series(c)
		if s == nil {
			t.Errorf("column %s missing with Diagnostics", c)
			continue
		}
		for _, v := range s {
			if math.IsNaN(v) || v < 0 || (c != "grad_norm_3" && v > 1) {
				t.Errorf("column %s has %v", c, s)
				break
			}
		}
	}
	for _, v := range h1.Series("grad_norm_1") {
		if !(v > 0) {
			t.Errorf("grad_norm_1 %v, want positive", h1.Series("grad_norm_1"))
		}
	}
}
