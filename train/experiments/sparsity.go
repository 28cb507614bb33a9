package experiments

import (
	"context"
	"fmt"
	"strconv"

	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train/plots"
)

var sparsityDepth = &Experiment{
	Name:    "sparsity-depth",
	Claim:   "ReLU makes activations sparse, and with N more layers the activation rate falls by 2^N.",
	ClaimZH: "ReLU 让激活变得稀疏，并且每多 N 层，激活率就下降 2^N 倍。",
	plan:    planSparsity,
}

type sdSettings struct {
	Widths []int `json:"widths"`
	Depths []int `json:"depths"`
	// Networks are drawn per (width, depth, seed) cell, each seen on
	// Samples inputs x ~ N(0, I₂).
	Networks int    `json:"networks"`
	Samples  int    `json:"samples"`
	Init     string `json:"init"`
	// Controls are the activations measured beside relu on the first
	// ControlNetworks networks of every relu cell: the same weights and
	// inputs, another activation.
	Controls        []string `json:"controls"`
	ControlNetworks int      `json:"control_networks"`
	// ReLUOwn and ControlsAtMost decide whether the sparsity is ReLU's
	// own: ReLU's median share of exact zeros at least ReLUOwn in every
	// cell, every control's at most ControlsAtMost.
	ReLUOwn        float64 `json:"relu_zero_share_at_least"`
	ControlsAtMost float64 `json:"controls_zero_share_at_most"`
	// Trained is the deep network whose per-layer rates are measured
	// after training.
	Trained struct {
		Dataset   dataSpec  `json:"dataset"`
		Width     int       `json:"width"`
		Depth     int       `json:"depth"`
		Optimizer optimSpec `json:"optimizer"`
		Epochs    int       `json:"epochs"`
		BatchSize int       `json:"batch_size"`
	} `json:"trained"`
	SparseAtMost float64    `json:"sparse_at_most"`
	SlopeBand    [2]float64 `json:"slope_band"`
}

type sdDesign struct {
	s     sdSettings
	seeds []uint64
}

func planSparsity(o Options) design {
	s := sdSettings{Widths: []int{2, 4, 8, 32}, Depths: []int{1, 2, 4, 8, 16},
		Networks: 50, Samples: 256, Init: "he_normal", SparseAtMost: 0.6, SlopeBand: [2]float64{-1.25, -0.75},
		Controls: []string{"leaky_relu", "elu", "tanh"}, ControlNetworks: 10, ControlsAtMost: 0.01}
	s.ReLUOwn = 1 - s.SparseAtMost
	s.Trained.Dataset = dataSpec{"spiral", 400, 0}
	s.Trained.Width, s.Trained.Depth = 16, 8
	s.Trained.Optimizer = optimSpec{Name: "adam", LR: 0.01}
	s.Trained.Epochs, s.Trained.BatchSize = 100, 32
	if o.Quick {
		s.Networks, s.Samples, s.ControlNetworks = 10, 128, 4
		s.Trained.Dataset.N, s.Trained.Epochs = 200, 15
	}
	return &sdDesign{s, o.seeds()}
}

func (d *sdDesign) settings() any { return d.s }

// gridCells is the size of one activation's grid at initialisation.
func (d *sdDesign) gridCells() int { return len(d.s.Widths) * len(d.s.Depths) * len(d.seeds) }

// initCells is relu's grid followed by every control's.
func (d *sdDesign) initCells() int { return (1 + len(d.s.Controls)) * d.gridCells() }
func (d *sdDesign) cells() int     { return d.initCells() + len(d.seeds) }

// activations returns relu and the controls, in the order of the cells.
func (d *sdDesign) activations() []string { return append([]string{"relu"}, d.s.Controls...) }

// sdCell is either a cell of networks at initialisation or one trained
// network.
type sdCell struct {
	Rate         Num   `json:"rate,omitempty"`
	Zeros        Num   `json:"zeros,omitempty"` // mean share of exact zeros
	PathFraction Num   `json:"path_fraction,omitempty"`
	BornDead     Num   `json:"born_dead,omitempty"`
	PerLayer     []Num `json:"per_layer,omitempty"` // mean rate per hidden layer
	// The trained network's rates per layer before training, and whether
	// it diverged.
	PerLayerInit []Num `json:"per_layer_init,omitempty"`
	Diverged     bool  `json:"diverged,omitempty"`
	Accuracy     Num   `json:"accuracy,omitempty"`
}

func (d *sdDesign) cell(ctx context.Context, i int) (any, error) {
	ns, nd := len(d.seeds), len(d.s.Depths)
	if i >= d.initCells() {
		return d.trainedCell(ctx, d.seeds[i-d.initCells()])
	}
	actName, networks := d.activations()[i/d.gridCells()], d.s.Networks
	if actName != "relu" {
		networks = d.s.ControlNetworks
	}
	i %= d.gridCells()
	w, depth, seed := d.s.Widths[i/(ns*nd)], d.s.Depths[i/ns%nd], d.seeds[i%ns]
	// The key leaves out the activation: a control sees relu's inputs
	// and the weights of relu's first networks.
	rng := cellRNG("sparsity-depth", fmt.Sprintf("w%d/d%d", w, depth), seed)
	ini, err := initFor(d.s.Init)
	if err != nil {
		return nil, err
	}
	act, err := layer.ParseActivation(actName)
	if err != nil {
		return nil, err
	}
	x := tensor.Zeros(d.s.Samples, 2)
	x.FillNormal(rng, 0, 1)
	var out sdCell
	perLayer := make([]float64, depth)
	var rate, zeros, paths, dead float64
	share := 1 / float64(networks)
	for range networks {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		m := layer.MLP(mlpSizes(2, w, depth, 1), act, ini, rng)
		st := measureActivity(m, x)
		for l, r := range st.rates {
			perLayer[l] += r * share
			rate += r * share / float64(depth)
			zeros += st.zeros[l] * share / float64(depth)
		}
		paths += st.pathFraction * share
		if st.deadUnits[depth-1] == w {
			dead += share
		}
	}
	out.Rate, out.Zeros, out.PathFraction, out.BornDead = Num(rate), Num(zeros), Num(paths), Num(dead)
	if depth == d.s.Depths[nd-1] {
		out.PerLayer = nums(perLayer)
	}
	return out, nil
}

func (d *sdDesign) trainedCell(ctx context.Context, seed uint64) (any, error) {
	t := d.s.Trained
	rng := cellRNG("sparsity-depth", "trained", seed)
	tr, te, err := t.Dataset.split(rng)
	if err != nil {
		return nil, err
	}
	ini, err := initFor(d.s.Init)
	if err != nil {
		return nil, err
	}
	m := layer.MLP(mlpSizes(2, t.Width, t.Depth, 2), layer.ReLU{}, ini, rng)
	out := sdCell{PerLayerInit: nums(measureActivity(m, tr.X).rates)}
	loss := layer.CrossEntropyLoss{}
	run := fitRun{Model: m, Loss: loss, Outputs: 2, Optim: t.Optimizer, Epochs: t.Epochs, BatchSize: t.BatchSize, Seed: rng.Uint64()}
	if out.Diverged, err = run.fit(ctx, tr); err != nil || out.Diverged {
		return out, err
	}
	out.PerLayer = nums(measureActivity(m, tr.X).rates)
	acc, _ := evaluate(m, loss, 2, te)
	out.Accuracy = Num(acc)
	return out, nil
}

// perLayerStats summarises per-layer vectors over seeds.
func perLayerStats(vs [][]float64, layers int) []Stats {
	out := make([]Stats, layers)
	for l := range layers {
		var col []float64
		for _, v := range vs {
			if l < len(v) {
				col = append(col, v[l])
			}
		}
		out[l] = summarize(col)
	}
	return out
}

func meanOfMedians(st []Stats) float64 {
	s := 0.0
	for _, v := range st {
		s += float64(v.Median)
	}
	return s / float64(len(st))
}

func layerSeries(name string, st []Stats) plots.Series {
	s := plots.Series{Name: name}
	for l, v := range st {
		s.X = append(s.X, float64(l+1))
		s.Y = append(s.Y, float64(v.Median))
	}
	return s
}

func intKeyed(m map[int]float64) map[string]Num {
	out := map[string]Num{}
	for k, v := range m {
		out[strconv.Itoa(k)] = Num(v)
	}
	return out
}

// intKeyedDepths keys the left-out depths by width, as results.json keys
// widths; a width with none is left out.
func intKeyedDepths(m map[int][]int) map[string][]int {
	out := map[string][]int{}
	for k, v := range m {
		if len(v) > 0 {
			out[strconv.Itoa(k)] = v
		}
	}
	return out
}
