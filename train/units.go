package train

import (
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

// HiddenOutputs returns what every hidden unit outputs for the raw rows x
// ([n, len(Inputs())]): one [n, units] tensor per hidden layer, the output
// of the layers that follow its Dense layer (the activation, and a
// Dropout, which is the identity here), computed in evaluation mode as
// PredictProba computes. Playground's neuron thumbnails are these values
// over a grid of the input plane.
func (m *Model) HiddenOutputs(x *tensor.Tensor) []*tensor.Tensor {
	idx, _ := m.Net.DenseLayers()
	last := map[int]int{} // index of the layer whose output ends hidden layer k -> k
	for k := 0; k+1 < len(idx); k++ {
		last[idx[k+1]-1] = k
	}
	out := make([]*tensor.Tensor, len(idx)-1)
	remove := m.Net.RegisterForwardHook(func(i int, _ layer.Layer, v *tensor.Tensor) {
		if k, ok := last[i]; ok {
			out[k] = v.Clone()
		}
	})
	defer remove()
	buf := tensor.Zeros(x.Rows(), m.Sizes[0])
	m.Net.Predict(m.prepare(x, buf))
	return out
}

// UnitRates returns, for every hidden layer and unit of net, the fraction
// of the rows of x (the network's inputs, as Data.X) on which the unit's
// pre-activation is positive, measured in evaluation mode. A rate of 0
// marks a dead unit, by the definition of the Trainer's diagnostics
// (dead_fraction_k, activation_rate_k of the History).
func UnitRates(net *layer.Sequential, x *tensor.Tensor) [][]float64 {
	s := watchActivations(net)
	net.Predict(x)
	s.stop()
	rates := make([][]float64, len(s.active))
	for k, counts := range s.active {
		rates[k] = make([]float64, len(counts))
		for j, c := range counts {
			if s.samples > 0 {
				rates[k][j] = float64(c) / float64(s.samples)
			}
		}
	}
	return rates
}
