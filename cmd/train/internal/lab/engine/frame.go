package engine

import (
	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train"
)

// A playing page asks for a picture after every epoch, so PictureReport
// is the lab's hot path next to training itself. It draws what Picture
// draws, but in one inference pass over a batch built once per session
// (the output grid, the unit grid and the training rows, whose
// pre-activations say which units are dead), on a tape that keeps its
// buffers from frame to frame, into a reused buffer of numbers that the
// WebAssembly side hands to JavaScript as one Float64Array instead of
// JSON.

// PictureReport is the picture the page draws: the small parts (dead
// units, weights) as JSON, the heatmaps as Values.
type PictureReport struct {
	Grid     int       `json:"grid"`
	UnitGrid int       `json:"unitGrid"`
	Dead     [][]bool  `json:"dead"`
	Weights  [][][]Num `json:"weights"`
	Biases   [][]Num   `json:"biases"`
	// Values holds Picture.Output over Grid×Grid cells, then every
	// hidden unit's activation over UnitGrid×UnitGrid cells, layer by
	// layer, unit by unit; empty when the data is not Plottable. It is
	// the session's buffer: the next PictureReport overwrites it.
	Values []float64 `json:"-"`
}

// frameInput is the batch a picture runs through the network.
type frameInput struct {
	grid, unitGrid int
	ext            float64
	x              *tensor.Tensor // grid² rows, unitGrid² rows, then the training rows
	tape           autograd.Tape
	values         []float64
}

// PictureReport draws the picture with the output over a grid×grid
// square [-ext, ext]² and every hidden unit over a unitGrid×unitGrid one.
func (s *Session) PictureReport(grid, unitGrid int, ext float64) PictureReport {
	r := PictureReport{Grid: grid, UnitGrid: unitGrid}
	w, b := s.weights()
	r.Weights, r.Biases = nums3(w), nums2(b)
	if !s.Plottable() {
		r.Dead = s.deadUnits()
		return r
	}
	f := s.frameInput(grid, unitGrid, ext)
	big, small := grid*grid, unitGrid*unitGrid
	idx, _ := s.model.Net.DenseLayers()
	hidden := idx[:len(idx)-1]
	units := 0
	for _, sz := range s.model.Sizes[1 : len(s.model.Sizes)-1] {
		units += sz
	}
	if n := big + units*small; cap(f.values) < n {
		f.values = make([]float64, n)
	} else {
		f.values = f.values[:n]
	}
	r.Dead = make([][]bool, len(hidden))
	dense, act := map[int]int{}, map[int]int{} // a hidden Dense layer's index, and its activation's -> layer
	for k, i := range hidden {
		dense[i], act[i+1] = k, k
	}
	next := big // where the next layer's units go in values
	net := s.model.Net
	if net.Training() && net.HasModeLayers() {
		net.Eval()
		defer net.Train()
	}
	remove := net.RegisterForwardHook(func(i int, _ layer.Layer, a *tensor.Tensor) {
		if k, ok := dense[i]; ok {
			r.Dead[k] = deadColumns(a, big+small)
		}
		if _, ok := act[i]; ok {
			next += unitColumns(f.values[next:], a, big, small)
		}
	})
	f.tape.Reset()
	out := net.Forward(f.tape.Inference(f.x)).Value()
	remove()
	if s.model.Regression {
		copy(f.values, out.Data()[:big])
	} else {
		copy(f.values, readOutput(train.Probabilities(out.RowSlice(0, big), s.model.Loss)))
	}
	r.Values = f.values
	return r
}

// frameInput returns the session's picture batch for the grids, building
// it when they or the extent change.
func (s *Session) frameInput(grid, unitGrid int, ext float64) *frameInput {
	f := s.frame
	if f != nil && f.grid == grid && f.unitGrid == unitGrid && f.ext == ext {
		return f
	}
	train := s.trainData.X
	raw := tensor.Zeros(grid*grid+unitGrid*unitGrid, 2)
	gridPoints(raw.Data(), grid, ext)
	gridPoints(raw.Data()[2*grid*grid:], unitGrid, ext)
	feat := s.features.Apply(raw)
	s.std.TransformInPlace(feat)
	x := tensor.Zeros(feat.Rows()+train.Rows(), train.Cols())
	copy(x.Data(), feat.Data())
	copy(x.Data()[len(feat.Data()):], train.Data())
	s.frame = &frameInput{grid: grid, unitGrid: unitGrid, ext: ext, x: x}
	return s.frame
}

// gridPoints writes the raw inputs of a grid×grid square [-ext, ext]²,
// row 0 at the top, as (x1, x2) pairs, as Picture lays them out.
func gridPoints(dst []float64, grid int, ext float64) {
	for r := range grid {
		for c := range grid {
			dst[2*(r*grid+c)] = -ext + 2*ext*float64(c)/float64(grid-1)
			dst[2*(r*grid+c)+1] = ext - 2*ext*float64(r)/float64(grid-1)
		}
	}
}

// deadColumns reports, per column of the pre-activations z, whether no
// row from row from on is positive: the units dead on the training rows.
func deadColumns(z *tensor.Tensor, from int) []bool {
	cols, data := z.Cols(), z.Data()
	dead := make([]bool, cols)
	for j := range dead {
		dead[j] = true
		for r := from; r < z.Rows(); r++ {
			if data[r*cols+j] > 0 {
				dead[j] = false
				break
			}
		}
	}
	return dead
}

// unitColumns writes the columns of activations a over rows [from,
// from+n) to dst, one after the other, and returns how many numbers it
// wrote.
func unitColumns(dst []float64, a *tensor.Tensor, from, n int) int {
	cols, data := a.Cols(), a.Data()
	for j := range cols {
		for i := range n {
			dst[j*n+i] = data[(from+i)*cols+j]
		}
	}
	return cols * n
}
