package engine

import (
	"math"

	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train"
)

// Points are the data set's raw points for drawing: training rows first.
type Points struct {
	X1      []float64 `json:"x1"`
	X2      []float64 `json:"x2"`
	Label   []int     `json:"label"`
	Values  []float64 `json:"values,omitempty"` // regression targets, instead of Label
	NTrain  int       `json:"nTrain"`
	Classes []string  `json:"classes"`
	// Extent is the half-width of the square [-Extent, Extent]² the
	// heatmaps cover.
	Extent float64 `json:"extent"`
}

// Plottable reports whether the data has the two raw columns the
// heatmaps are drawn over.
func (s *Session) Plottable() bool { return s.raw.X.Cols() == 2 }

// Points returns the session's raw points, or only the counts and classes
// when the data is not Plottable.
func (s *Session) Points() Points {
	p := Points{NTrain: s.nTrain, Classes: s.raw.Classes, Label: s.raw.Y, Values: s.raw.Values, Extent: 1}
	if !s.Plottable() {
		p.Label, p.Values = nil, nil
		return p
	}
	ext := 0.0
	for i := range s.raw.Len() {
		x1, x2 := s.raw.X.At(i, 0), s.raw.X.At(i, 1)
		p.X1, p.X2 = append(p.X1, x1), append(p.X2, x2)
		ext = max(ext, math.Abs(x1), math.Abs(x2))
	}
	p.Extent = 1.1 * ext
	if p.Extent == 0 {
		p.Extent = 1
	}
	return p
}

// Picture is what the page draws of the network at one moment.
type Picture struct {
	Grid int // the heatmaps are Grid × Grid, row 0 at the top (largest x2)
	// Output holds, per grid cell, the predicted value for regression,
	// the probability of class 1 for two classes, otherwise the predicted
	// class's index plus its probability (class k at probability p is
	// k + p, p < 1). Output and Units are empty when the data is not
	// Plottable.
	Output []float64
	// Units holds, per hidden layer and unit, the unit's activation over
	// the grid.
	Units [][][]float64
	// Dead says, per hidden layer and unit, whether the unit's
	// pre-activation was positive for no training row.
	Dead [][]bool
	// Weights holds every Dense layer's weights [out][in] and biases.
	Weights [][][]float64
	Biases  [][]float64
}

// Picture draws the network's output and hidden units over a grid×grid
// square of raw inputs [-ext, ext]², grid >= 2.
func (s *Session) Picture(grid int, ext float64) Picture {
	pic := Picture{Grid: grid}
	pic.Dead = s.deadUnits()
	pic.Weights, pic.Biases = s.weights()
	if !s.Plottable() {
		return pic
	}
	raw := tensor.Zeros(grid*grid, 2)
	for r := range grid {
		for c := range grid {
			raw.Data()[2*(r*grid+c)] = -ext + 2*ext*float64(c)/float64(grid-1)
			raw.Data()[2*(r*grid+c)+1] = ext - 2*ext*float64(r)/float64(grid-1)
		}
	}
	x := s.features.Apply(raw)
	s.std.TransformInPlace(x)
	net := s.model.Net
	idx, _ := net.DenseLayers()
	hidden := map[int]int{} // the activation after hidden Dense k -> k
	for k, i := range idx[:len(idx)-1] {
		hidden[i+1] = k
	}
	pic.Units = make([][][]float64, len(idx)-1)
	remove := net.RegisterForwardHook(func(i int, _ layer.Layer, a *tensor.Tensor) {
		if k, ok := hidden[i]; ok {
			pic.Units[k] = columns(a)
		}
	})
	out := net.Predict(x)
	remove()
	if s.model.Regression {
		pic.Output = append([]float64(nil), out.Data()...)
	} else {
		pic.Output = readOutput(train.Probabilities(out, s.model.Loss))
	}
	return pic
}

// weights returns every Dense layer's weights [out][in] and biases.
func (s *Session) weights() (weights [][][]float64, biases [][]float64) {
	_, dense := s.model.Net.DenseLayers()
	for _, d := range dense {
		w := d.Weight.Value()
		rows := make([][]float64, w.Rows())
		for o := range rows {
			rows[o] = append([]float64(nil), w.Row(o)...)
		}
		weights = append(weights, rows)
		biases = append(biases, append([]float64(nil), d.Bias.Value().Data()...))
	}
	return weights, biases
}

// columns returns a's columns as slices.
func columns(a *tensor.Tensor) [][]float64 {
	out := make([][]float64, a.Cols())
	for j := range out {
		out[j] = make([]float64, a.Rows())
		for i := range a.Rows() {
			out[j][i] = a.At(i, j)
		}
	}
	return out
}

// readOutput turns probabilities [n, k] into Picture.Output's values.
func readOutput(p *tensor.Tensor) []float64 {
	out := make([]float64, p.Rows())
	for i := range out {
		if p.Cols() == 2 {
			out[i] = p.At(i, 1)
			continue
		}
		best := 0
		for j := range p.Cols() {
			if p.At(i, j) > p.At(i, best) {
				best = j
			}
		}
		out[i] = float64(best) + math.Min(p.At(i, best), math.Nextafter(1, 0))
	}
	return out
}

// deadUnits runs the training rows through the network and reports the
// hidden units whose pre-activation is never positive, the definition
// train's Diagnostics count as dead_fraction.
func (s *Session) deadUnits() [][]bool {
	net := s.model.Net
	idx, _ := net.DenseLayers()
	hidden := map[int]int{}
	for k, i := range idx[:len(idx)-1] {
		hidden[i] = k
	}
	dead := make([][]bool, len(idx)-1)
	remove := net.RegisterForwardHook(func(i int, _ layer.Layer, z *tensor.Tensor) {
		k, ok := hidden[i]
		if !ok {
			return
		}
		d := make([]bool, z.Cols())
		for j := range d {
			d[j] = true
			for r := range z.Rows() {
				if z.At(r, j) > 0 {
					d[j] = false
					break
				}
			}
		}
		dead[k] = d
	})
	net.Predict(s.trainData.X)
	remove()
	return dead
}

// concatRows returns a's rows followed by b's.
func concatRows(a, b *datasets.Dataset) *datasets.Dataset {
	x := tensor.Zeros(a.Len()+b.Len(), a.X.Cols())
	copy(x.Data(), a.X.Data())
	copy(x.Data()[len(a.X.Data()):], b.X.Data())
	d := &datasets.Dataset{X: x, Classes: a.Classes, Features: a.Features, Target: a.Target}
	if a.IsRegression() {
		d.Values = append(append([]float64(nil), a.Values...), b.Values...)
	} else {
		d.Y = append(append([]int(nil), a.Y...), b.Y...)
	}
	return d
}
