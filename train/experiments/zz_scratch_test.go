package experiments

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/optim"
	"github.com/nnlab/nnlab/train"
)

func TestScratchSpeed(t *testing.T) {
	g, _ := datasets.Lookup("spiral")
	rng := rand.New(rand.NewPCG(1, 2))
	d, _ := g.Make(400, 0, 0, rng)
	tr, te, _ := datasets.StratifiedSplit(d, 0.25, rng)
	st := datasets.FitStandardizer(tr.X)
	tr.X = st.Transform(tr.X)
	te.X = st.Transform(te.X)
	for _, sizes := range [][]int{{2, 16, 16, 16, 2}, {2, 32, 32, 32, 2}} {
		m := layer.MLP(sizes, layer.ReLU{}, layer.HeNormal{}, rng)
		opt, _ := optim.NewAdam(m.Parameters(), optim.AdamConfig{LR: 0.01})
		loss := layer.CrossEntropyLoss{}
		trn := &train.Trainer{Model: m, Loss: loss, Optimizer: opt, Epochs: 200, BatchSize: 32, Shuffle: true, Seed: 1}
		t0 := time.Now()
		h, err := trn.Fit(context.Background(), train.ClassificationData(tr, loss, 2), nil)
		if err != nil {
			t.Fatal(err)
		}
		ev := train.Evaluate(m, loss, train.ClassificationData(te, loss, 2))
		t.Logf("%v: %v train acc %.3f test %.3f", sizes, time.Since(t0), h.Last("train_accuracy"), ev.Accuracy)
	}
}
