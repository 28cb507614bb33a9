package train

import "github.com/nnlab/nnlab/layer"

// inferenceBudget bounds the bytes of activations one inference pass may
// hold: 64 MiB. A variable only so that tests can lower it.
var inferenceBudget = 64 << 20

// chunkRows returns the rows of one inference pass of net over inputs of
// in columns: as many as evalChunk, or fewer when the activations of that
// many rows (each layer's output and its activation, 8 bytes a value)
// would pass inferenceBudget, so that a network with a layer of a million
// units predicts in chunks of a few rows rather than asking for gigabytes.
// It is at least 1.
func chunkRows(net *layer.Sequential, in int) int {
	width := in
	for _, p := range net.Parameters() {
		if v := p.Value(); v.Dims() == 2 {
			width += 2 * v.Rows() // a Dense layer's output, then its activation
		}
	}
	return max(1, min(evalChunk, inferenceBudget/(8*max(width, 1))))
}
