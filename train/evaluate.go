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
	Probs    *tensor.Tensor // class probabilities [n, classes], see Probabilities; nil for a loss that does not read them and data without labels
	Pred     []int          // most probable class per row; nil with Probs
}

// evalChunk bounds the rows of one inference pass, so that evaluating a
// large data set needs little memory beyond its own; chunkRows lowers it
// for a wide network.
const evalChunk = 8192

// Evaluate runs the model in inference and evaluation mode over d and
// measures it, leaving the model's mode as it was. The
// loss is the mean of per-chunk losses weighted by rows, which is the loss
// of the whole set for every mean-reduced loss without class weights.
//
// It panics, as Probabilities does, if d has labels and the loss does not
// implement layer.ProbabilityReader.
func Evaluate(model *layer.Sequential, loss layer.Loss, d *Data) Evaluation {
	if model.Training() && model.HasModeLayers() {
		model.Eval()
		defer model.Train()
	}
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
	_, err := layer.LossProbabilityReader(loss)
	readProbs := err == nil || d.Labels != nil // without labels, only if the loss can
	chunk := chunkRows(model, d.X.Cols())
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		xb, tb := d.X.RowSlice(lo, hi), d.Target.RowSlice(lo, hi)
		tape.Reset()
		out := model.Forward(tape.Inference(xb))
		lossSum += float64(loss.Forward(out, tb).Item() * float64(hi-lo))
		if !readProbs {
			continue
		}
		p := Probabilities(out.Value(), loss)
		if probs == nil {
			probs = tensor.Zeros(n, p.Cols())
		}
		copy(probs.Data()[lo*p.Cols():], p.Data())
	}
	ev.Loss = lossSum / float64(n)
	if !readProbs {
		return ev
	}
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
