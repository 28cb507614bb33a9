package experiments

import (
	"math"

	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

// activity is how a network's hidden ReLU units respond to a set of
// inputs.
type activity struct {
	rates        []float64 // per hidden layer: share of (input, unit) pairs with z > 0
	zeros        []float64 // per hidden layer: share of (input, unit) pairs whose activation output is exactly 0
	deadUnits    []int     // per hidden layer: units with z <= 0 on every input
	alive        [][]bool  // per hidden layer, per unit: z > 0 on some input
	pathFraction float64   // mean over inputs of the share of input-to-output paths whose units are all active
}

// measureActivity runs x through m (an MLP) and watches every hidden dense
// layer's pre-activations z. A path through one unit per layer is active
// when every unit on it is, so on input x the active share of paths is
// Π_l a_l(x)/width_l, with a_l(x) the active units of layer l.
func measureActivity(m *layer.Sequential, x *tensor.Tensor) activity {
	idx, dense := m.DenseLayers()
	hidden, acts := map[int]int{}, map[int]int{}
	for k, i := range idx[:len(idx)-1] {
		hidden[i] = k
		acts[i+1] = k // the activation follows its dense layer
	}
	n, L := x.Rows(), len(idx)-1
	active := make([][]int, L) // per layer, per input
	unitAlive := make([][]bool, L)
	zeros := make([]int, L)
	for l := range L {
		active[l] = make([]int, n)
		unitAlive[l] = make([]bool, dense[l].Out())
	}
	remove := m.RegisterForwardHook(func(i int, _ layer.Layer, z *tensor.Tensor) {
		if l, ok := acts[i]; ok {
			for _, v := range z.Data() {
				if v == 0 {
					zeros[l]++
				}
			}
			return
		}
		l, ok := hidden[i]
		if !ok {
			return
		}
		for r := range z.Rows() {
			for j, v := range z.Row(r) {
				if v > 0 {
					active[l][r]++
					unitAlive[l][j] = true
				}
			}
		}
	})
	m.Predict(x)
	remove()
	a := activity{rates: make([]float64, L), zeros: make([]float64, L), deadUnits: make([]int, L), alive: unitAlive}
	for l := range L {
		w := float64(dense[l].Out())
		a.zeros[l] = float64(zeros[l]) / (float64(n) * w)
		sum := 0
		for _, c := range active[l] {
			sum += c
		}
		a.rates[l] = float64(sum) / (float64(n) * w)
		for _, alive := range unitAlive[l] {
			if !alive {
				a.deadUnits[l]++
			}
		}
	}
	for r := range n {
		p := 1.0
		for l := range L {
			p *= float64(active[l][r]) / float64(dense[l].Out())
		}
		a.pathFraction += p / float64(n)
	}
	return a
}

// log2Fit fits log2(y) = a + b·x by least squares over the points with
// y > 0 and returns b and the points it left out. A zero median is not a
// value on a log scale: it says the quantity fell below what the
// measurement resolves, so it is left out of the fit and reported, never
// turned into a NaN slope. With fewer than two points left, b is NaN and
// every point that was not used is in left.
func log2Fit(x, y []float64) (b float64, left []int) {
	var sx, sy, sxx, sxy, n float64
	for i := range x {
		if !(y[i] > 0) || math.IsInf(y[i], 0) {
			left = append(left, i)
			continue
		}
		ly := math.Log2(y[i])
		sx += x[i]
		sy += ly
		sxx += x[i] * x[i]
		sxy += x[i] * ly
		n++
	}
	if n < 2 {
		return math.NaN(), left
	}
	return (n*sxy - sx*sy) / (n*sxx - sx*sx), left
}

// deadShare returns the share of units that are not alive.
func deadShare(alive [][]bool) float64 {
	total, dead := 0, 0
	for _, l := range alive {
		for _, a := range l {
			total++
			if !a {
				dead++
			}
		}
	}
	return float64(dead) / float64(total)
}
