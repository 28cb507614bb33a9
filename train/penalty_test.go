package train

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/optim"
)

// TestTrainerPenalties trains one whole-batch step with both penalties
// and compares it with the same step written by hand, as a user's loop
// would: loss + L1Penalty + L2Penalty, backward, SGD. The weights must
// agree to the bit, and the History must hold the data loss and the
// penalty apart.
func TestTrainerPenalties(t *testing.T) {
	data := newCircleSplit(t, 3)
	const l1, l2 = 0.01, 0.1
	build := func() (*layer.Sequential, optim.Optimizer) {
		net := layer.MLP(circleSizes, layer.Tanh{}, layer.HeNormal{}, rand.New(rand.NewPCG(4, 2)))
		opt, err := optim.NewSGD(net.Parameters(), optim.SGDConfig{LR: 0.5})
		if err != nil {
			t.Fatal(err)
		}
		return net, opt
	}
	net, opt := build()
	tr := &Trainer{Net: net, Loss: layer.BCEWithLogitsLoss{}, Optimizer: opt, Epochs: 1, BatchSize: FullBatch, Seed: 1,
		Penalties: []layer.Penalty{layer.NewL1(net, l1), layer.NewL2(net, l2)}}
	var info StepInfo
	tr.OnStep = func(s StepInfo) error { info = s; return nil }
	h, err := tr.Fit(context.Background(), data.train, nil)
	if err != nil {
		t.Fatal(err)
	}

	ref, refOpt := build()
	penalty := layer.NewL1(ref, l1).Value() + layer.NewL2(ref, l2).Value()
	data0 := layer.BCEWithLogitsLoss{}.Forward(ref.Forward(autograd.Const(data.train.X)), data.train.Target)
	loss := autograd.Add(autograd.Add(data0, layer.L1Penalty(ref, l1)), layer.L2Penalty(ref, l2))
	refOpt.ZeroGrad()
	loss.Backward()
	refOpt.Step()

	assertSameWeights(t, "penalised step", snapshot(net), snapshot(ref))
	if got := h.Last(ColTrainLoss); got != data0.Item() {
		t.Errorf("train_loss = %v, want the data loss %v", got, data0.Item())
	}
	if got := h.Last(ColTrainPenalty); math.Abs(got-penalty) > 1e-12*penalty || penalty == 0 {
		t.Errorf("train_penalty = %v, want %v", got, penalty)
	}
	if info.Loss != data0.Item() || math.Abs(info.Penalty-penalty) > 1e-12*penalty {
		t.Errorf("StepInfo loss %v, penalty %v; want %v, %v", info.Loss, info.Penalty, data0.Item(), penalty)
	}
}

// TestTrainerWithoutPenaltiesHasNoPenaltyColumn keeps the History of a
// run without penalties as it was.
func TestTrainerWithoutPenaltiesHasNoPenaltyColumn(t *testing.T) {
	data := newCircleSplit(t, 3)
	tr := runConfig{seed: 2, epochs: 1}.build(t, nil)
	h, err := tr.Fit(context.Background(), data.train, nil)
	if err != nil {
		t.Fatal(err)
	}
	if h.Series(ColTrainPenalty) != nil {
		t.Errorf("columns %v include %q without penalties", h.Columns, ColTrainPenalty)
	}
}

func TestTrainerRejectsNilPenalty(t *testing.T) {
	data := newCircleSplit(t, 3)
	tr := runConfig{seed: 2, epochs: 1}.build(t, nil)
	tr.Penalties = []layer.Penalty{nil}
	if _, err := tr.Fit(context.Background(), data.train, nil); err == nil || err.Error() != "train: Penalties[0] is nil" {
		t.Errorf("Fit with a nil penalty: %v", err)
	}
}

// TestStepWithPenaltiesAllocatesNothing is TestStepAllocatesNothing with
// both penalties on.
func TestStepWithPenaltiesAllocatesNothing(t *testing.T) {
	tr, loop := tinyWorkload.setup(t, 32)
	tr.Penalties = []layer.Penalty{layer.NewL1(tr.Net, 1e-3), layer.NewL2(tr.Net, 1e-3)}
	steps, i := tinyWorkload.samples/32, 0
	step := func() {
		if _, err := loop.step(i % steps); err != nil {
			t.Fatal(err)
		}
		i++
	}
	step()
	if n := testing.AllocsPerRun(10, step); n != 0 {
		t.Errorf("a steady-state step with penalties allocates %v times, want 0", n)
	}
}
