package train

import (
	"context"
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/layer"
)

func init() { runners["train"] = runTrainCase }

// runTrainCase trains the case's MLP through Trainer, without shuffling,
// from the case's initial weights, and compares every step's loss and the
// final weights with PyTorch's at 1e-7.
func runTrainCase(t *testing.T, c *refCase) {
	c.allowFields("sizes", "activation", "loss", "loss_options", "optimizer", "options", "batch_size",
		"epochs", "x", "y", "init", "step_losses", "final")
	var sizes []int
	c.decode("sizes", &sizes)
	act, err := layer.ParseActivation(c.str("activation"))
	if err != nil {
		t.Fatal(err)
	}
	model := layer.MLP(sizes, act, layer.Constant{}, nil)
	if err := model.LoadStateDict(c.tensorMap("init")); err != nil {
		t.Fatal(err)
	}
	x, y := c.tensor("x"), c.tensor("y")

	lossName := c.str("loss")
	build, ok := lossBuilders[lossName]
	if !ok {
		t.Fatalf("unknown loss %q", lossName)
	}
	lo := c.options("loss_options")
	red, err := autograd.ParseReduction(lo.string("reduction", "mean"))
	if err != nil {
		t.Fatal(err)
	}
	probe := model.Forward(autograd.Inference(x)).Value()
	loss := build(lo, red, probe, y)
	lo.done()

	oo := c.options("options")
	opt := buildOptimizer(t, c.str("optimizer"), oo, model.Parameters())
	oo.done()

	var got []float64
	tr := &Trainer{
		Net: model, Loss: loss, Optimizer: opt,
		Epochs: int(c.float("epochs")), BatchSize: int(c.float("batch_size")),
		OnStep: func(s StepInfo) error { got = append(got, s.Loss); return nil },
	}
	if _, err := tr.Fit(context.Background(), &Data{X: x, Target: y}, nil); err != nil {
		t.Fatal(err)
	}
	var want []float64
	c.decode("step_losses", &want)
	assertCloseSlice(t, "step_losses", got, want, 1e-7)
	final := c.tensorMap("final")
	sd := model.StateDict()
	if len(final) != len(sd) {
		t.Fatalf("final has %d tensors, the model %d", len(final), len(sd))
	}
	for name, w := range final {
		g, ok := sd[name]
		if !ok {
			t.Fatalf("final weight %q is not in the model", name)
		}
		assertClose(t, "final "+name, g, w, 1e-7)
	}
}
