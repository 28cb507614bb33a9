package experiments

import (
	"context"
	"fmt"
	"math"

	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

var initExperiment = &Experiment{
	Name:    "init",
	Claim:   "Deep, narrow ReLU networks are often dead at initialisation; the randomized asymmetric initialisation (RAI) of Lu et al. makes that rarer than He's and leaves fewer dead units after training.",
	ClaimZH: "深而窄的 ReLU 网络在初始化时常常就是死的；Lu 等人的随机非对称初始化（RAI）比 He 初始化更少出现这种情况，训练后死亡单元也更少。",
	plan:    planInit,
}

type inSettings struct {
	// Inits are compared; Reference (He) and Candidate (RAI) are the
	// two the rule judges.
	Inits     []string `json:"inits"`
	Reference string   `json:"reference"`
	Candidate string   `json:"candidate"`
	// At birth: ReLU MLPs of every width and depth, Networks per
	// (init, width, depth, seed) cell, seen on Samples inputs x ~ N(0, I₂).
	Widths   []int `json:"widths"`
	Depths   []int `json:"depths"`
	Networks int   `json:"networks"`
	Samples  int   `json:"samples"`
	// Trained is the narrow network trained from every initialisation.
	Trained struct {
		Dataset   dataSpec  `json:"dataset"`
		Width     int       `json:"width"`
		Depth     int       `json:"depth"`
		Optimizer optimSpec `json:"optimizer"`
		Epochs    int       `json:"epochs"`
		BatchSize int       `json:"batch_size"`
	} `json:"trained"`
}

type inDesign struct {
	s     inSettings
	seeds []uint64
}

func planInit(o Options) design {
	s := inSettings{Inits: []string{"he_normal", "xavier_normal", "torch", "rai"}, Reference: "he_normal", Candidate: "rai",
		Widths: []int{2, 4}, Depths: []int{2, 4, 8, 16, 32}, Networks: 30, Samples: 128}
	s.Trained.Dataset = dataSpec{"moons", 400, 0.1}
	s.Trained.Width, s.Trained.Depth = 4, 8
	s.Trained.Optimizer = optimSpec{Name: "adam", LR: 0.01}
	s.Trained.Epochs, s.Trained.BatchSize = 60, 32
	if o.Quick {
		s.Depths, s.Networks, s.Samples = []int{2, 8, 32}, 10, 64
		s.Trained.Dataset.N, s.Trained.Epochs = 200, 10
	}
	return &inDesign{s, o.seeds()}
}

func (d *inDesign) settings() any { return d.s }

// birthCells is the (init, width, depth, seed) grid; the trained cells,
// one per (init, seed), follow it.
func (d *inDesign) birthCells() int {
	return len(d.s.Inits) * len(d.s.Widths) * len(d.s.Depths) * len(d.seeds)
}
func (d *inDesign) cells() int { return d.birthCells() + len(d.s.Inits)*len(d.seeds) }

// inCell is a cell of networks at birth or one trained network.
type inCell struct {
	BornDead  Num  `json:"born_dead"`  // at birth: share of networks born dead; trained: 0 or 1
	DeadUnits Num  `json:"dead_units"` // share of hidden units dead on every input (at birth, or before training)
	DeadAfter Num  `json:"dead_after,omitempty"`
	Accuracy  Num  `json:"accuracy,omitempty"`
	Diverged  bool `json:"diverged,omitempty"`
}

// index splits a birth cell's index into its init, width, depth and seed.
func (d *inDesign) index(i int) (init string, w, depth int, seed uint64) {
	ns, nd, nw := len(d.seeds), len(d.s.Depths), len(d.s.Widths)
	return d.s.Inits[i/(ns*nd*nw)], d.s.Widths[i/(ns*nd)%nw], d.s.Depths[i/ns%nd], d.seeds[i%ns]
}

func (d *inDesign) cell(ctx context.Context, i int) (any, error) {
	if i >= d.birthCells() {
		i -= d.birthCells()
		return d.trainedCell(ctx, d.s.Inits[i/len(d.seeds)], d.seeds[i%len(d.seeds)])
	}
	initName, w, depth, seed := d.index(i)
	ini, err := initFor(initName)
	if err != nil {
		return nil, err
	}
	// The key leaves out the initialisation: every one sees the same
	// inputs.
	rng := cellRNG("init", fmt.Sprintf("birth/w%d/d%d", w, depth), seed)
	x := tensor.Zeros(d.s.Samples, 2)
	x.FillNormal(rng, 0, 1)
	var out inCell
	share := 1 / float64(d.s.Networks)
	for range d.s.Networks {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		m := layer.MLP(mlpSizes(2, w, depth, 1), layer.ReLU{}, ini, rng)
		a := measureActivity(m, x)
		if a.deadUnits[depth-1] == w {
			out.BornDead += Num(share)
		}
		out.DeadUnits += Num(deadShare(a.alive) * share)
	}
	return out, nil
}

// trainedCell trains the narrow network from one initialisation; the data
// depend on the seed alone, so every initialisation sees the same.
func (d *inDesign) trainedCell(ctx context.Context, initName string, seed uint64) (any, error) {
	t := d.s.Trained
	rng := cellRNG("init", "trained", seed)
	tr, te, err := t.Dataset.split(rng)
	if err != nil {
		return nil, err
	}
	ini, err := initFor(initName)
	if err != nil {
		return nil, err
	}
	m := layer.MLP(mlpSizes(2, t.Width, t.Depth, 2), layer.ReLU{}, ini, rng)
	a := measureActivity(m, tr.X)
	nan := Num(math.NaN())
	out := inCell{DeadUnits: Num(deadShare(a.alive)), DeadAfter: nan, Accuracy: nan}
	if a.deadUnits[t.Depth-1] == t.Width {
		out.BornDead = 1
	}
	loss := layer.CrossEntropyLoss{}
	run := fitRun{Model: m, Loss: loss, Outputs: 2, Optim: t.Optimizer, Epochs: t.Epochs, BatchSize: t.BatchSize, Seed: rng.Uint64()}
	if out.Diverged, err = run.fit(ctx, tr); err != nil || out.Diverged {
		return out, err
	}
	out.DeadAfter = Num(deadShare(measureActivity(m, tr.X).alive))
	acc, _ := evaluate(m, loss, 2, te)
	out.Accuracy = Num(acc)
	return out, nil
}
