package train

import (
	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/layer"
)

// addPenalties returns the loss with every penalty added, on the loss's
// tape, and the penalties' sum at the weights before the update: the
// value the History's train_penalty averages.
func addPenalties(ps []layer.Penalty, loss *autograd.Var) (*autograd.Var, float64) {
	sum := 0.0
	for _, p := range ps {
		sum += p.Value()
		loss = p.AddTo(loss)
	}
	return loss, sum
}
