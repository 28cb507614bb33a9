package experiments

import (
	"context"
	"math"

	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/layer"
)

var featureNonlinearity = &Experiment{
	Name:    "feature-nonlinearity",
	Claim:   "Nonlinearity can come from the inputs instead of the activations: a network without nonlinear activation, a linear model, separates the circle once its inputs include x1², x2² and x1·x2.",
	ClaimZH: "非线性也可以来自输入而不是激活函数：没有非线性激活的网络（一个线性模型）只要输入中含有 x1²、x2² 和 x1·x2，就能分开圆形数据。",
	plan:    planFeatureNonlinearity,
}

type fnSettings struct {
	Datasets []dataSpec `json:"datasets"`
	// FeatureSets are datasets.ParseFeatures specs over the raw columns
	// x1, x2; the first is the raw inputs, the second adds the
	// nonlinear terms.
	FeatureSets []string `json:"feature_sets"`
	// Hidden are the hidden sizes of the identity network.
	Hidden    []int     `json:"hidden"`
	Init      string    `json:"init"`
	Optimizer optimSpec `json:"optimizer"`
	Epochs    int       `json:"epochs"`
	BatchSize int       `json:"batch_size"`
	// The rule on Judged: with the nonlinear features the median test
	// accuracy's interval lies at or above Separated, with the raw
	// inputs at or below Chance.
	Judged    string  `json:"judged"`
	Separated float64 `json:"separated"`
	Chance    float64 `json:"not_separated"`
}

type fnDesign struct {
	s     fnSettings
	seeds []uint64
}

func planFeatureNonlinearity(o Options) design {
	s := fnSettings{Datasets: []dataSpec{{"circle", 400, 0}, {"xor", 400, 0}},
		FeatureSets: []string{"x1,x2", "x1,x2,x1^2,x2^2,x1*x2"},
		Hidden:      []int{16, 16, 16, 16}, Init: "torch", Optimizer: optimSpec{Name: "adam", LR: 0.01},
		Epochs: 100, BatchSize: 32, Judged: "circle", Separated: 0.95, Chance: 0.70}
	if o.Quick {
		for i := range s.Datasets {
			s.Datasets[i].N = 200
		}
		s.Epochs = 20
	}
	return &fnDesign{s, o.seeds()}
}

func (d *fnDesign) settings() any { return d.s }
func (d *fnDesign) cells() int {
	return len(d.s.Datasets) * len(d.s.FeatureSets) * len(d.seeds)
}

// fnCell is one trained identity network; the first seed keeps a
// snapshot and the features' standardiser for the figure.
type fnCell struct {
	Accuracy Num                    `json:"accuracy"`
	Diverged bool                   `json:"diverged,omitempty"`
	Snapshot *snapshot              `json:"snapshot,omitempty"`
	Scale    *datasets.Standardizer `json:"scale,omitempty"`
}

func (d *fnDesign) cell(ctx context.Context, i int) (any, error) {
	s, ns, nf := d.s, len(d.seeds), len(d.s.FeatureSets)
	ds, fs, si := s.Datasets[i/(ns*nf)], s.FeatureSets[i/ns%nf], i%ns
	// The key leaves out the features: both sets see the same data.
	rng := cellRNG("feature-nonlinearity", ds.Name, d.seeds[si])
	tr, te, err := ds.split(rng)
	if err != nil {
		return nil, err
	}
	fm, err := datasets.ParseFeatures(fs, tr.Features)
	if err != nil {
		return nil, err
	}
	ftr, fte := *tr, *te
	ftr.X, fte.X = fm.Apply(tr.X), fm.Apply(te.X)
	st := datasets.FitStandardizer(ftr.X)
	st.TransformInPlace(ftr.X)
	st.TransformInPlace(fte.X)
	ini, err := initFor(s.Init)
	if err != nil {
		return nil, err
	}
	sizes := append(append([]int{fm.NumFeatures()}, s.Hidden...), 2)
	m := layer.MLP(sizes, layer.Identity{}, ini, rng)
	loss := layer.CrossEntropyLoss{}
	run := fitRun{Model: m, Loss: loss, Outputs: 2, Optim: s.Optimizer, Epochs: s.Epochs, BatchSize: s.BatchSize, Seed: rng.Uint64()}
	out := fnCell{Accuracy: Num(math.NaN())}
	if out.Diverged, err = run.fit(ctx, &ftr); err != nil || out.Diverged {
		return out, err
	}
	acc, _ := evaluate(m, loss, 2, &fte)
	out.Accuracy = Num(acc)
	if si == 0 {
		out.Snapshot, out.Scale = takeSnapshot(m, sizes, "identity", te), &st
	}
	return out, nil
}
