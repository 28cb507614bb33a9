package train

import (
	"context"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/optim"
	"github.com/nnlab/nnlab/tensor"
)

// TestFeatureScaleStopsAdam: features of 1e156, not standardised, give
// finite gradients whose squares overflow Adam's second moment to +Inf;
// every update is then 0 and the weights never move. Fit must fail naming
// the optimizer state and the features' scale, not succeed.
func TestFeatureScaleStopsAdam(t *testing.T) {
	net := layer.MLP([]int{2, 4, 1}, layer.ReLU{}, layer.HeUniform{}, rand.New(rand.NewPCG(1, 2)))
	opt, err := optim.NewAdam(net.Parameters(), optim.DefaultAdamConfig())
	if err != nil {
		t.Fatal(err)
	}
	d := &Data{
		X:      tensor.New([]float64{1e156, -1e156, -1e156, 1e156, 1e156, 1e156, -1e156, -1e156}, 4, 2),
		Target: tensor.New([]float64{1, 1, 0, 0}, 4, 1),
		Labels: []int{1, 1, 0, 0},
	}
	tr := &Trainer{Net: net, Loss: layer.BCEWithLogitsLoss{}, Optimizer: opt, Epochs: 3, BatchSize: 2}
	_, err = tr.Fit(context.Background(), d, nil)
	var nf *NonFiniteError
	if !errors.As(err, &nf) || !strings.Contains(nf.Where, "exp_avg_sq") || !strings.Contains(err.Error(), "features' scale") ||
		strings.Contains(err.Error(), "learning rate") {
		t.Fatalf("Fit gave %v, want an error naming exp_avg_sq and the features' scale", err)
	}
	if nf.Epoch != 1 {
		t.Errorf("stopped at epoch %d, want the first", nf.Epoch)
	}
}

// TestFirstStepOverflowBlamesInputs: a loss that overflows before any
// update (an initialisation or an activation of 1e308) is not the learning
// rate's doing, and the message says so.
func TestFirstStepOverflowBlamesInputs(t *testing.T) {
	for _, c := range []struct {
		act  layer.Activation
		init layer.Initializer
	}{
		{layer.ReLU{}, layer.Constant{Value: 1e308}},
		{layer.LeakyReLU{NegativeSlope: 1e308}, layer.HeUniform{}},
	} {
		tr, d := guardTrainer(t, 0.1, layer.BCEWithLogitsLoss{})
		tr.Net = layer.MLP([]int{2, 4, 4, 1}, c.act, c.init, rand.New(rand.NewPCG(1, 2)))
		d.X = tensor.New([]float64{-3, 1, 1, 3, 1, 1, -2, 2}, 4, 2)
		opt, err := optim.NewSGD(tr.Net.Parameters(), optim.DefaultSGDConfig(0.1))
		if err != nil {
			t.Fatal(err)
		}
		tr.Optimizer = opt
		_, err = tr.Fit(context.Background(), d, nil)
		var nf *NonFiniteError
		if !errors.As(err, &nf) || !strings.Contains(err.Error(), "before any weight has moved, so not the learning rate") {
			t.Errorf("%v, %v: Fit gave %v, want an error saying the learning rate is not the cause", c.act, c.init, err)
		}
	}
}
