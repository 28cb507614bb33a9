package experiments

import (
	"context"
	"math"
	"math/rand/v2"

	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/layer"
)

var dyingReLU = &Experiment{
	Name:    "dying-relu",
	Claim:   "A large gradient update can kill a ReLU unit for good; with a too-high learning rate as much as 40% of the network can die.",
	ClaimZH: "一次很大的梯度更新可能让 ReLU 单元永久死亡；学习率过高时，多达 40% 的网络可能死掉。",
	plan:    planDyingReLU,
}

type drSettings struct {
	Data        dataSpec  `json:"data"`
	Sizes       []int     `json:"sizes"`
	Init        string    `json:"init"`
	Activations []string  `json:"activations"` // relu, then the controls
	Optimizers  []string  `json:"optimizers"`
	LRs         []float64 `json:"lrs"`
	Epochs      int       `json:"epochs"`
	BatchSize   int       `json:"batch_size"`
	// The rule's thresholds: the claim's 40%, the least share that counts
	// as "can die" at all, and how much more must die than at the
	// smallest rate for the learning rate to be the cause.
	Claimed   float64 `json:"claimed"`
	Some      float64 `json:"some"`
	MinimRise float64 `json:"min_rise"`
	// Mechanism: ReLU networks trained for one epoch with each of
	// MechRuns, the dead fraction measured after every update.
	MechRuns []optimSpec `json:"mechanism_runs"`
}

type drDesign struct {
	s     drSettings
	seeds []uint64
}

func planDyingReLU(o Options) design {
	s := drSettings{
		Data: dataSpec{"moons", 400, 0.1}, Sizes: []int{2, 32, 32, 32, 2}, Init: "he_normal",
		Activations: []string{"relu", "leaky_relu", "elu"}, Optimizers: []string{"adam", "sgd"},
		LRs:    []float64{0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1},
		Epochs: 50, BatchSize: 32,
		Claimed: 0.4, Some: 0.1, MinimRise: 0.2,
		MechRuns: []optimSpec{{Name: "adam", LR: 0.1}, {Name: "adam", LR: 0.3}, {Name: "sgd", LR: 1}},
	}
	if o.Quick {
		s.Data.N, s.Epochs, s.LRs = 200, 5, []float64{0.001, 0.1, 1}
	}
	return &drDesign{s, o.seeds()}
}

func (d *drDesign) settings() any { return d.s }
func (d *drDesign) sweepCells() int {
	return len(d.s.Activations) * len(d.s.Optimizers) * len(d.s.LRs) * len(d.seeds)
}
func (d *drDesign) cells() int { return d.sweepCells() + len(d.s.MechRuns)*len(d.seeds) }

// drCell is one training run. Fractions are of all hidden units; a unit is
// dead when its pre-activation is <= 0 on every training sample.
type drCell struct {
	DeadInit  Num  `json:"dead_init"`
	DeadFinal Num  `json:"dead_final"`
	Died      Num  `json:"died"`    // alive at initialisation, dead after training
	Revived   Num  `json:"revived"` // dead at initialisation, alive after training
	Accuracy  Num  `json:"accuracy"`
	Diverged  bool `json:"diverged"`
	// Steps is a mechanism cell's dead fraction at initialisation and
	// after every update of the first epoch.
	Steps []Num `json:"steps,omitempty"`
}

func (d *drDesign) index(i int) (act, opt, lr, seed int) {
	ns, nl, no := len(d.seeds), len(d.s.LRs), len(d.s.Optimizers)
	return i / (ns * nl * no), i / (ns * nl) % no, i / ns % nl, i % ns
}

// start draws a run's data and initial network. The generator depends on
// the seed alone, so that every learning rate, optimizer and activation
// starts from the same data and the same initial weights: the controls are
// paired with relu, and the sweep varies only the updates.
func (d *drDesign) start(actName string, seed uint64) (tr, te *datasets.Dataset, m *layer.Sequential, rng *rand.Rand, err error) {
	rng = cellRNG("dying-relu", "run", seed)
	if tr, te, err = d.s.Data.split(rng); err != nil {
		return nil, nil, nil, nil, err
	}
	act, err := layer.ParseActivation(actName)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	ini, err := initFor(d.s.Init)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	return tr, te, layer.MLP(d.s.Sizes, act, ini, rng), rng, nil
}

func (d *drDesign) cell(ctx context.Context, i int) (any, error) {
	if i >= d.sweepCells() {
		i -= d.sweepCells()
		ns := len(d.seeds)
		return d.mechanismCell(ctx, d.s.MechRuns[i/ns], d.seeds[i%ns])
	}
	ai, oi, li, si := d.index(i)
	s := d.s
	actName, optName, lr := s.Activations[ai], s.Optimizers[oi], s.LRs[li]
	tr, te, m, rng, err := d.start(actName, d.seeds[si])
	if err != nil {
		return nil, err
	}
	before := measureActivity(m, tr.X).alive
	nan := Num(math.NaN())
	out := drCell{DeadInit: Num(deadShare(before)), DeadFinal: nan, Died: nan, Revived: nan, Accuracy: nan}
	loss := layer.CrossEntropyLoss{}
	run := fitRun{Model: m, Loss: loss, Outputs: 2, Optim: optimSpec{Name: optName, LR: lr}, Epochs: s.Epochs,
		BatchSize: s.BatchSize, Seed: rng.Uint64()}
	if out.Diverged, err = run.fit(ctx, tr); err != nil || out.Diverged {
		return out, err
	}
	after := measureActivity(m, tr.X).alive
	total, died, revived := 0, 0, 0
	for l := range after {
		for j := range after[l] {
			total++
			if before[l][j] && !after[l][j] {
				died++
			}
			if !before[l][j] && after[l][j] {
				revived++
			}
		}
	}
	out.DeadFinal = Num(deadShare(after))
	out.Died, out.Revived = Num(float64(died)/float64(total)), Num(float64(revived)/float64(total))
	acc, _ := evaluate(m, loss, 2, te)
	out.Accuracy = Num(acc)
	return out, nil
}

// mechanismCell trains a ReLU network for one epoch with o, measuring the
// dead fraction on the training samples before the first update and after
// each one.
func (d *drDesign) mechanismCell(ctx context.Context, o optimSpec, seed uint64) (any, error) {
	tr, _, m, rng, err := d.start("relu", seed)
	if err != nil {
		return nil, err
	}
	out := drCell{Steps: []Num{Num(deadShare(measureActivity(m, tr.X).alive))}}
	run := fitRun{Model: m, Loss: layer.CrossEntropyLoss{}, Outputs: 2, Optim: o, Epochs: 1,
		BatchSize: d.s.BatchSize, Seed: rng.Uint64(),
		OnStep: func() { out.Steps = append(out.Steps, Num(deadShare(measureActivity(m, tr.X).alive))) }}
	out.Diverged, err = run.fit(ctx, tr)
	return out, err
}

// drStats is one (activation, optimizer, learning rate) of the sweep.
type drStats struct {
	DeadFraction Stats `json:"dead_fraction"`
	DeadAtInit   Stats `json:"dead_at_init"`
	Died         Stats `json:"died"`
	Revived      Stats `json:"revived"`
	Accuracy     Stats `json:"accuracy"`
	Diverged     int   `json:"diverged"`
	Runs         int   `json:"runs"`
}
