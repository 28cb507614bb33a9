package experiments

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

var linearCollapse = &Experiment{
	Name:    "linear-collapse",
	Claim:   "Without a nonlinear activation, any number of layers is one linear map and cannot separate non-linear data.",
	ClaimZH: "没有非线性激活函数，多少层都只是一个线性映射，无法分开非线性数据。",
	plan:    planLinearCollapse,
}

// lcSettings are linear-collapse's settings.
type lcSettings struct {
	Datasets     []dataSpec `json:"datasets"`
	Activations  []string   `json:"activations"`
	Sizes        []int      `json:"sizes"`
	Init         string     `json:"init"`
	Optimizer    optimSpec  `json:"optimizer"`
	Epochs       int        `json:"epochs"`
	BatchSize    int        `json:"batch_size"`
	TestFraction float64    `json:"test_fraction"`
	// LinearBaseline is the one-layer (logistic regression) model trained
	// beside the deep ones, sizes [2, 2].
	LinearBaseline string `json:"linear_baseline"`
	// DeviationInputs random N(0, 2²) inputs compare the identity network
	// with its affine map, at initialisation and after training.
	DeviationInputs int `json:"deviation_inputs"`
	// Separated is the median test accuracy from which a data set counts
	// as separated.
	Separated float64 `json:"separated_at"`
}

const lcLogistic = "logistic (1 layer)"

type lcDesign struct {
	s     lcSettings
	seeds []uint64
}

func planLinearCollapse(o Options) design {
	s := lcSettings{
		Datasets: []dataSpec{
			{"circle", 400, 0}, {"xor", 400, 0}, {"spiral", 400, 0}, {"moons", 400, 0.1},
		},
		Activations:     []string{"identity", "relu", "tanh", lcLogistic},
		Sizes:           []int{2, 16, 16, 16, 16, 2},
		Init:            "torch",
		Optimizer:       optimSpec{Name: "adam", LR: 0.01},
		Epochs:          200,
		BatchSize:       32,
		TestFraction:    testFraction,
		LinearBaseline:  "Dense(2→2), the same training",
		DeviationInputs: 1000,
		Separated:       0.95,
	}
	if o.Quick {
		for i := range s.Datasets {
			s.Datasets[i].N = 200
		}
		s.Epochs = 30
		s.DeviationInputs = 200
	}
	return &lcDesign{s, o.seeds()}
}

func (d *lcDesign) settings() any { return d.s }
func (d *lcDesign) cells() int {
	return len(d.s.Datasets) * len(d.s.Activations) * len(d.seeds)
}

// lcCell is one trained network.
type lcCell struct {
	Accuracy Num  `json:"accuracy"`
	Diverged bool `json:"diverged"`
	// DevInit and DevTrained are the largest |network − affine map| over
	// the random inputs, for identity networks only.
	DevInit    Num       `json:"dev_init"`
	DevTrained Num       `json:"dev_trained"`
	Snapshot   *snapshot `json:"snapshot,omitempty"` // first seed only, for the figure
}

func (d *lcDesign) index(i int) (ds, act, seed int) {
	ns, na := len(d.seeds), len(d.s.Activations)
	return i / (ns * na), i / ns % na, i % ns
}

func (d *lcDesign) cell(ctx context.Context, i int) (any, error) {
	di, ai, si := d.index(i)
	spec, actName := d.s.Datasets[di], d.s.Activations[ai]
	rng := cellRNG("linear-collapse", spec.Name+"/"+actName, d.seeds[si])
	tr, te, err := spec.split(rng)
	if err != nil {
		return nil, err
	}
	sizes, act := d.s.Sizes, layer.Activation(nil)
	if actName == lcLogistic {
		sizes = []int{sizes[0], sizes[len(sizes)-1]}
		act = layer.Identity{}
	} else if act, err = layer.ParseActivation(actName); err != nil {
		return nil, err
	}
	ini, err := initFor(d.s.Init)
	if err != nil {
		return nil, err
	}
	m := layer.MLP(sizes, act, ini, rng)
	out := lcCell{DevInit: Num(math.NaN()), DevTrained: Num(math.NaN()), Accuracy: Num(math.NaN())}
	probe := tensor.Zeros(d.s.DeviationInputs, sizes[0])
	probe.FillNormal(rng, 0, 2)
	if actName == "identity" {
		out.DevInit = Num(affineDeviation(m, probe))
	}
	loss := layer.CrossEntropyLoss{}
	run := fitRun{Model: m, Loss: loss, Outputs: 2, Optim: d.s.Optimizer, Epochs: d.s.Epochs,
		BatchSize: d.s.BatchSize, Seed: rng.Uint64()}
	out.Diverged, err = run.fit(ctx, tr)
	if err != nil || out.Diverged {
		return out, err
	}
	if actName == "identity" {
		out.DevTrained = Num(affineDeviation(m, probe))
	}
	acc, _ := evaluate(m, loss, 2, te)
	out.Accuracy = Num(acc)
	if si == 0 {
		out.Snapshot = takeSnapshot(m, sizes, act.String(), te)
	}
	return out, nil
}

// affineDeviation collapses an identity-activation network into the one
// affine map x ↦ A·x + c its layers compose to (A = W_L···W_1,
// c = W_L(···(W_2·b_1 + b_2)···) + b_L) and returns the largest absolute
// difference between the network's outputs and the map's on x.
func affineDeviation(m *layer.Sequential, x *tensor.Tensor) float64 {
	_, dense := m.DenseLayers()
	in := dense[0].In()
	a := tensor.Zeros(in, in)
	for i := range in {
		a.Set(1, i, i)
	}
	c := tensor.Zeros(in, 1)
	for _, l := range dense {
		w := l.Weight.Value()
		na, nc := tensor.Zeros(w.Rows(), in), tensor.Zeros(w.Rows(), 1)
		tensor.MatMul(na, w, a, false, false, 1, 0)
		tensor.MatMul(nc, w, c, false, false, 1, 0)
		for r, b := range l.Bias.Value().Data() {
			nc.Data()[r] += b
		}
		a, c = na, nc
	}
	net := m.Predict(x)
	aff := tensor.Zeros(x.Rows(), a.Rows())
	tensor.MatMul(aff, x, a, false, true, 1, 0)
	worst := 0.0
	for r := range x.Rows() {
		for j, v := range net.Row(r) {
			worst = math.Max(worst, math.Abs(v-(aff.At(r, j)+c.Data()[j])))
		}
	}
	return worst
}

// describeSeparated lists the data sets some nonlinear network separates.
func describeSeparated(s lcSettings, acc map[string]map[string]Stats) string {
	var names []string
	for _, ds := range s.Datasets {
		if math.Max(float64(acc[ds.Name]["relu"].Median), float64(acc[ds.Name]["tanh"].Median)) >= s.Separated {
			names = append(names, ds.Name)
		}
	}
	if len(names) == 0 {
		return "—"
	}
	return fmt.Sprint(names)
}

func dsNameList(ds []dataSpec) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.Name
	}
	return out
}

func dsNames(ds []dataSpec) text {
	var en, zh []string
	// Every noise level is stated, 0 included: a replication needs it.
	for _, d := range ds {
		en = append(en, fmt.Sprintf("%s (noise %g)", d.Name, d.Noise))
		zh = append(zh, fmt.Sprintf("%s（噪声 %g）", d.Name, d.Noise))
	}
	return text{strings.Join(en, ", "), strings.Join(zh, "、")}
}
