package train

import (
	"math"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train/metrics"
)

// Evaluation is a model's performance on a data set.
type Evaluation struct {
	Loss     float64
	Accuracy float64        // NaN without labels
	AUC      float64        // ROC AUC (one-vs-rest macro for more than two classes); NaN without labels or when undefined
	Probs    *tensor.Tensor // class probabilities [n, classes], see Probabilities
	Pred     []int          // most probable class per row
}

// evalChunk bounds the rows of one inference pass, so that evaluating a
// large data set needs little memory beyond its own.
const evalChunk = 8192

// Evaluate runs the model in inference mode over d and measures it. The
// loss is the mean of per-chunk losses weighted by rows, which is the loss
// of the whole set for every mean-reduced loss without class weights.
func Evaluate(model *layer.Sequential, loss layer.Loss, d *Data) Evaluation {
	var tape autograd.Tape
	return evaluate(model, loss, d, &tape)
}

// evaluate is Evaluate with the inference passes on the caller's tape,
// which keeps their buffers from chunk to chunk and, for a trainer, from
// epoch to epoch.
func evaluate(model *layer.Sequential, loss layer.Loss, d *Data, tape *autograd.Tape) Evaluation {
	n := d.Len()
	ev := Evaluation{Accuracy: math.NaN(), AUC: math.NaN()}
	var probs *tensor.Tensor
	lossSum := 0.0
	idx := make([]int, 0, evalChunk)
	var xbuf, tbuf *tensor.Tensor
	for lo := 0; lo < n; lo += evalChunk {
		hi := min(lo+evalChunk, n)
		var xb, tb *tensor.Tensor
		if lo == 0 && hi == n {
			xb, tb = d.X, d.Target
		} else {
			if xbuf == nil {
				xbuf = tensor.Zeros(evalChunk, d.X.Cols())
				tbuf = tensor.Zeros(append([]int{evalChunk}, d.Target.Shape()[1:]...)...)
			}
			idx = idx[:0]
			for i := lo; i < hi; i++ {
				idx = append(idx, i)
			}
			xb, tb = tensor.GatherRows(xbuf, d.X, idx), tensor.GatherRows(tbuf, d.Target, idx)
		}
		tape.Reset()
		out := model.Forward(tape.Inference(xb))
		lossSum += loss.Forward(out, tb).Item() * float64(hi-lo)
		p := Probabilities(out.Value(), loss)
		if probs == nil {
			probs = tensor.Zeros(n, p.Cols())
		}
		copy(probs.Data()[lo*p.Cols():], p.Data())
	}
	ev.Loss = lossSum / float64(n)
	ev.Probs = probs
	ev.Pred = tensor.ArgmaxRows(probs)
	if d.Labels != nil {
		ev.Accuracy = metrics.Accuracy(ev.Pred, d.Labels)
		ev.AUC = aucOf(d.Labels, probs)
	}
	return ev
}

// aucOf returns the ROC AUC of class probabilities for the labels, NaN
// where it is undefined (a class missing from the labels).
func aucOf(labels []int, probs *tensor.Tensor) float64 {
	auc, err := metrics.ProbaAUC(labels, probs)
	if err != nil {
		return math.NaN()
	}
	return auc
}
