package train

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/optim"
	"github.com/nnlab/nnlab/tensor"
)

// fusedOnly is an Adam whose Snapshotter methods must not be called: the
// trainer guards its steps with GuardedStep alone.
type fusedOnly struct{ *optim.Adam }

func (fusedOnly) Snapshot()        { panic("Snapshot called on a GuardedStepper") }
func (fusedOnly) RestoreSnapshot() { panic("RestoreSnapshot called on a GuardedStepper") }

// TestFusedGuard checks the trainer's guard over an optim.GuardedStepper:
// it takes no snapshot, names the parameter whose gradient overflows
// whatever the optimizer's order of parameters, finds a bad gradient of a
// parameter the optimizer does not update, and leaves weights and
// optimizer state as they were.
func TestFusedGuard(t *testing.T) {
	cases := []struct {
		name   string
		params func(all []*autograd.Var) []*autograd.Var
	}{
		// The bad parameter, 0.weight, comes last: the three before it are
		// updated, then undone.
		{"reversed", func(all []*autograd.Var) []*autograd.Var {
			r := make([]*autograd.Var, len(all))
			for i, p := range all {
				r[len(all)-1-i] = p
			}
			return r
		}},
		{"without the bad one", func(all []*autograd.Var) []*autograd.Var { return all[2:] }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// As TestTrainerNonFiniteGradient: a finite loss, an infinite
			// gradient of 0.weight.
			net := layer.MLP([]int{1, 1, 1}, layer.ReLU{}, layer.Constant{}, nil)
			if err := net.LoadStateDict(map[string]*tensor.Tensor{
				"0.weight": tensor.New([]float64{1e-50}, 1, 1), "0.bias": tensor.New([]float64{0}, 1),
				"2.weight": tensor.New([]float64{1e200}, 1, 1), "2.bias": tensor.New([]float64{0}, 1),
			}); err != nil {
				t.Fatal(err)
			}
			adam, err := optim.NewAdam(c.params(net.Parameters()), optim.DefaultAdamConfig())
			if err != nil {
				t.Fatal(err)
			}
			before, state := snapshot(net), adam.StateDict()
			tr := &Trainer{Net: net, Loss: layer.MSELoss{}, Optimizer: fusedOnly{adam}, Epochs: 1, BatchSize: FullBatch}
			data := &Data{X: tensor.New([]float64{1}, 1, 1), Target: tensor.New([]float64{0}, 1, 1)}
			_, err = tr.Fit(context.Background(), data, nil)
			var nf *NonFiniteError
			if !errors.As(err, &nf) || nf.Where != "gradient of 0.weight" || !math.IsInf(nf.Value, 0) {
				t.Fatalf("Fit returned %v, want a NonFiniteError about the gradient of 0.weight", err)
			}
			assertSameWeights(t, "after the failure", snapshot(net), before)
			if after := adam.StateDict(); len(after) != len(state) {
				t.Errorf("optimizer state has %d entries after the refused step, want %d", len(after), len(state))
			}
		})
	}
}
