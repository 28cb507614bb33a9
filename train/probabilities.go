package train

import (
	"math"

	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

// Probabilities turns a classifier's raw outputs [n, k] into class
// probabilities [n, classes], as the loss it was trained with reads them:
// a single output is the second class's logit (BCE with logits, read
// through a sigmoid) or probability (BCE, MSE; clipped to [0, 1]); several
// outputs are logits (softmax), log-probabilities (NLL: exp) or, under
// MSE, scores normalised to sum to one.
func Probabilities(out *tensor.Tensor, loss layer.Loss) *tensor.Tensor {
	n, k := out.Rows(), out.Cols()
	if k == 1 {
		p := tensor.Zeros(n, 2)
		for i, v := range out.Data() {
			q := v
			switch loss.(type) {
			case layer.BCEWithLogitsLoss, *layer.BCEWithLogitsLoss:
				q = 1 / (1 + math.Exp(-v))
			default:
				q = math.Min(1, math.Max(0, v))
			}
			p.Data()[2*i], p.Data()[2*i+1] = 1-q, q
		}
		return p
	}
	p := out.Clone()
	for i := 0; i < n; i++ {
		row := p.Row(i)
		switch loss.(type) {
		case layer.NLLLoss, *layer.NLLLoss:
			for j, v := range row {
				row[j] = math.Exp(v)
			}
		case layer.MSELoss, *layer.MSELoss:
			s := 0.0
			for j, v := range row {
				row[j] = math.Max(v, 0)
				s += row[j]
			}
			for j := range row {
				if s > 0 {
					row[j] /= s
				} else {
					row[j] = 1 / float64(k)
				}
			}
		default:
			softmaxInPlace(row)
		}
	}
	return p
}

func softmaxInPlace(row []float64) {
	m := math.Inf(-1)
	for _, v := range row {
		m = math.Max(m, v)
	}
	s := 0.0
	for j, v := range row {
		row[j] = math.Exp(v - m)
		s += row[j]
	}
	for j := range row {
		row[j] /= s
	}
}
