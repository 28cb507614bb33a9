package train

import (
	"fmt"
	"strconv"

	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

// The layout of the MLP a model file holds: MLP's or MLPWithDropout's.

// MetaDropout is the metadata key of a model built by layer.MLPWithDropout:
// the p of the Dropout after every hidden activation, as a number ("0.5").
// Without it the model is layer.MLP's. Its Dense layers sit at indices 0,
// 3, 6, ... instead of 0, 2, 4, ..., as in PyTorch's nn.Sequential.
const MetaDropout = "dropout"

// mlpDropout returns the p of the Dropout layers of net, which must all
// have one p, and the period of its layers: 3 (Dense, activation,
// Dropout) with dropout, 2 (Dense, activation) without.
func mlpDropout(net *layer.Sequential) (p float64, period int, err error) {
	period = 2
	for i, l := range net.Layers {
		d, ok := l.(*layer.Dropout)
		if !ok {
			continue
		}
		if period == 3 && d.P != p {
			return 0, 0, fmt.Errorf("%w: layer %d is Dropout(p=%g), an earlier one has p=%g; a model has one", ErrBadModel, i, d.P, p)
		}
		p, period = d.P, 3
	}
	return p, period, nil
}

// parseDropout reads MetaDropout: absent is no dropout (period 2).
func parseDropout(meta map[string]string) (p float64, period int, err error) {
	raw, ok := meta[MetaDropout]
	if !ok {
		return 0, 2, nil
	}
	p, err = strconv.ParseFloat(raw, 64)
	if err != nil || !(p >= 0 && p <= 1) {
		return 0, 0, fmt.Errorf("metadata %q is %q, want a probability in [0, 1]", MetaDropout, raw)
	}
	return p, 3, nil
}

// checkLayout returns what is wrong with the tensors of a model file for
// an MLP of the given sizes whose layers repeat with period (see
// mlpDropout), "" if nothing: the k-th Dense layer (from 0) sits at index
// period·k, and its weight and bias must be there with their shapes.
func checkLayout(tensors map[string]*tensor.Tensor, sizes []int, period int) string {
	for k := 1; k < len(sizes); k++ {
		for _, want := range []struct {
			name  string
			shape []int
		}{
			{fmt.Sprintf("%d.weight", period*(k-1)), []int{sizes[k], sizes[k-1]}},
			{fmt.Sprintf("%d.bias", period*(k-1)), []int{sizes[k]}},
		} {
			t, ok := tensors[want.name]
			switch {
			case !ok:
				return fmt.Sprintf("missing tensor %q that %s %v needs", want.name, MetaSizes, sizes)
			case !tensor.EqualShape(t.Shape(), want.shape):
				return fmt.Sprintf("tensor %q has shape %v, %s %v needs %v", want.name, t.Shape(), MetaSizes, sizes, want.shape)
			}
		}
	}
	return ""
}

// buildMLP builds the network that Sizes, the activation and the dropout
// describe, with constant weights for LoadStateDict to overwrite.
func buildMLP(m *Model, p float64, period int) *layer.Sequential {
	if period == 3 {
		return layer.MLPWithDropout(m.Sizes, m.Activation, p, layer.Constant{}, nil)
	}
	return layer.MLP(m.Sizes, m.Activation, layer.Constant{}, nil)
}
