package main

import (
	"fmt"

	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train"
	"github.com/nnlab/nnlab/train/plots"
)

// neurons.png: for two raw inputs, every hidden unit's output over the
// input plane (Playground's neuron thumbnails), with its activation rate
// on the training rows and dead units marked, as train's diagnostics
// define them (train.UnitRates).

// neuronRes is the grid over the plane each unit is computed on, and
// maxNeuronUnits the units drawn per layer: a --hidden 4096 run draws the
// first 64 and says so in the picture.
const (
	neuronRes      = 40
	maxNeuronUnits = 64
)

// stagePlaneOutputs stages the outputs over the input plane that need
// two raw inputs and a hidden layer (neurons.png) and those asked for by
// flags (training.gif with --animate).
func (r *fitRun) stagePlaneOutputs(st *staging) error {
	if r.anim != nil {
		if err := st.write(animationName, r.anim.write); err != nil {
			return err
		}
	}
	if r.inputs().NumFeatures() != 2 || len(r.s.Hidden) == 0 {
		return nil
	}
	return st.write(neuronsName, r.writeNeurons)
}

// neuronsName and animationName are the files of this room.
const (
	neuronsName   = "neurons.png"
	animationName = "training.gif"
)

// writeNeurons draws neurons.png to path.
func (r *fitRun) writeNeurons(path string) error {
	_, pts := r.plotPoints()
	grid := planeGrid(pts, neuronRes)
	outs := r.model.HiddenOutputs(grid)
	rates := train.UnitRates(r.model.Net, r.trainData.X)
	layers := make([]plots.NeuronLayer, len(outs))
	for k, o := range outs {
		n := min(o.Cols(), maxNeuronUnits)
		layers[k] = plots.NeuronLayer{Total: o.Cols(), Units: make([]plots.NeuronUnit, n)}
		for j := range n {
			vals := make([]float64, o.Rows())
			for i := range vals {
				vals[i] = o.At(i, j)
			}
			layers[k].Units[j] = plots.NeuronUnit{Values: vals, Rate: rates[k][j], Dead: rates[k][j] == 0}
		}
	}
	title := fmt.Sprintf("%s: each hidden unit over the plane (%s)\nunder each: the training rows on which it is active", r.s.Data, describeNet(&r.s))
	return plots.Neurons(path, layers, neuronRes, title)
}

// planeGrid returns res×res points over the range of pts ([n, 2]) with a
// margin, row by row from the top left, as the plots paint them.
func planeGrid(pts *tensor.Tensor, res int) *tensor.Tensor {
	x0, x1, y0, y1 := pts.At(0, 0), pts.At(0, 0), pts.At(0, 1), pts.At(0, 1)
	for i := range pts.Rows() {
		x0, x1 = min(x0, pts.At(i, 0)), max(x1, pts.At(i, 0))
		y0, y1 = min(y0, pts.At(i, 1)), max(y1, pts.At(i, 1))
	}
	mx, my := max((x1-x0)*0.05, 0.5), max((y1-y0)*0.05, 0.5)
	x0, x1, y0, y1 = x0-mx, x1+mx, y0-my, y1+my
	g := tensor.Zeros(res*res, 2)
	d := g.Data()
	for r := range res {
		for c := range res {
			d[2*(r*res+c)] = x0 + (float64(c)+0.5)*(x1-x0)/float64(res)
			d[2*(r*res+c)+1] = y1 - (float64(r)+0.5)*(y1-y0)/float64(res)
		}
	}
	return g
}
