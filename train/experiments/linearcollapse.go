package experiments

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"strings"

	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train/plots"
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

func (d *lcDesign) finish(raw []json.RawMessage, dir string) (*Result, error) {
	cells, err := decodeCells[lcCell](raw)
	if err != nil {
		return nil, err
	}
	s := d.s
	acc := map[string]map[string]Stats{}
	diverged := 0
	maxDev := 0.0
	devCount := 0
	grid := make([][]plots.BoundaryCell, len(s.Datasets))
	for di, ds := range s.Datasets {
		acc[ds.Name] = map[string]Stats{}
		grid[di] = make([]plots.BoundaryCell, len(s.Activations))
		for ai, an := range s.Activations {
			var vs []float64
			for si := range d.seeds {
				c := cells[(di*len(s.Activations)+ai)*len(d.seeds)+si]
				if c.Diverged {
					diverged++
				}
				vs = append(vs, float64(c.Accuracy))
				for _, v := range []Num{c.DevInit, c.DevTrained} {
					if !math.IsNaN(float64(v)) {
						maxDev = math.Max(maxDev, float64(v))
						devCount++
					}
				}
				if c.Snapshot != nil {
					m, err := c.Snapshot.model()
					if err != nil {
						return nil, err
					}
					grid[di][ai] = plots.BoundaryCell{Proba: probaFunc(m, layer.CrossEntropyLoss{}),
						X: c.Snapshot.points(), Labels: c.Snapshot.Y,
						Title: fmt.Sprintf("test acc %.2f", float64(c.Accuracy))}
				}
			}
			acc[ds.Name][an] = summarize(vs)
		}
	}
	r := &Result{Tables: map[string]any{"accuracy": acc, "max_deviation": Num(maxDev)}}
	med := func(ds, act string) float64 { return float64(acc[ds][act].Median) }

	// The rule.
	collapse := maxDev < 1e-9
	identityFails, nonlinearWins := true, true
	var unseparated []string
	worstLinear, worstLinearDS := 0.0, ""
	for _, ds := range s.Datasets {
		if med(ds.Name, "identity") >= s.Separated {
			identityFails = false
		}
		if math.Max(med(ds.Name, "relu"), med(ds.Name, "tanh")) < s.Separated {
			nonlinearWins = false
			unseparated = append(unseparated, ds.Name)
		}
		if v := med(ds.Name, "identity"); v > worstLinear {
			worstLinear, worstLinearDS = v, ds.Name
		}
	}
	rule := tf("yes if max_deviation < 1e-9 and, on every data set, the identity network's median test accuracy is below %.2f while relu's or tanh's reaches %.2f; partly if the collapse holds and identity stays below %.2f everywhere but relu and tanh also stay below it on some data set; no otherwise.",
		"若 max_deviation < 1e-9，且在每个数据集上恒等激活网络的测试准确率中位数都低于 %.2f，而 relu 或 tanh 达到 %.2f，则成立；若坍缩成立、恒等网络处处低于 %.2f，但在某个数据集上 relu 和 tanh 也未达到，则部分成立；否则不成立。",
		s.Separated, s.Separated, s.Separated)
	why := tf("The identity network equals its single affine map to within %s (largest difference over %d networks, before and after training), so depth adds nothing: it is one linear map.",
		"恒等激活网络与其单一仿射映射的差异不超过 %s（%d 个网络训练前后的最大差值），所以深度没有增加任何东西：它就是一个线性映射。",
		num(maxDev), devCount/2)
	gap := 0.0
	for _, ds := range s.Datasets {
		gap = math.Max(gap, math.Abs(med(ds.Name, "identity")-med(ds.Name, lcLogistic)))
	}
	cmp := tf("Its median test accuracy is at most %.2f (on %s) and within %.2f of a one-layer logistic regression's on every data set, while relu or tanh separate %s.",
		"其测试准确率中位数最高为 %.2f（%s），在每个数据集上与单层逻辑回归相差不超过 %.2f，而 relu 或 tanh 能分开 %s。",
		worstLinear, worstLinearDS, gap, describeSeparated(s, acc))
	holds := HoldsNo
	switch {
	case collapse && identityFails && nonlinearWins:
		holds = HoldsYes
	case collapse && identityFails:
		holds = HoldsPartly
		cmp = joinText(cmp, tf("But no network separates %v either at these settings, so there the lesson is not shown.",
			"但在这些设置下，%v 也没有网络能分开，因此这些数据集上无法体现这一结论。", unseparated))
	case !collapse:
		why = tf("The identity network differs from its affine map by %s, more than rounding allows.",
			"恒等激活网络与其仿射映射相差 %s，超出了舍入误差。", num(maxDev))
	}
	if collapse && worstLinear >= 0.8 {
		cmp = joinText(cmp, tf("\"Cannot separate\" is true in the strict sense only: a linear boundary still classifies %.0f%% of %s correctly.",
			"“无法分开”只在严格意义上成立：线性边界在 %[2]s 上仍能正确分类 %.0[1]f%% 的点。", 100*worstLinear, worstLinearDS))
	}
	if diverged > 0 {
		cmp = joinText(cmp, tf("%d runs diverged and are left out.", "%d 次运行发散，未计入。", diverged))
	}
	r.Verdict = verdict(holds, joinText(why, cmp), rule)

	// The report.
	r.doc.setup = []text{
		tf("(a) A network of layer sizes %v with the identity activation (PyTorch's default initialisation, biases included) is collapsed into one affine map x ↦ A·x + c by multiplying out its weights; `max_deviation` is the largest |network(x) − (A·x + c)| over %d random inputs x ~ N(0, 2²), before and after training.",
			"(a) 层宽为 %v、使用恒等激活（PyTorch 默认初始化，含偏置）的网络，通过把权重相乘合并为一个仿射映射 x ↦ A·x + c；`max_deviation` 是 %d 个随机输入 x ~ N(0, 2²) 上 |network(x) − (A·x + c)| 的最大值，训练前后都测。",
			s.Sizes, s.DeviationInputs),
		tf("(b) The same architecture is trained with identity, relu and tanh, and a one-layer logistic regression beside them, on %s (%d points each, %.0f%% held out for testing, standardised), with Adam (lr %g), batch %d, %d epochs, cross-entropy on two logits. `accuracy[dataset][activation]` is the test accuracy: median (min–max) over seeds.",
			"(b) 同一结构分别用 identity、relu、tanh 训练，另加一个单层逻辑回归作对照，数据集为 %s（各 %d 个点，%.0f%% 留作测试，已标准化），Adam（lr %g），批大小 %d，%d 轮，两个 logit 的交叉熵。`accuracy[dataset][activation]` 是测试准确率：各种子的中位数（最小–最大）。",
			dsNames(s.Datasets), s.Datasets[0].N, 100*testFraction, s.Optimizer.LR, s.BatchSize, s.Epochs),
	}
	t := mdTable{key: "accuracy", title: text{"Test accuracy by data set and activation", "各数据集与激活函数的测试准确率"},
		header: []text{{"data set", "数据集"}}}
	for _, a := range s.Activations {
		t.header = append(t.header, plain(a))
	}
	for _, ds := range s.Datasets {
		row := []text{plain(ds.Name)}
		for _, a := range s.Activations {
			row = append(row, statsCell(acc[ds.Name][a], 3))
		}
		t.rows = append(t.rows, row)
	}
	r.doc.tables = []mdTable{
		{key: "max_deviation", title: text{"Largest deviation of the identity network from its affine map", "恒等网络与其仿射映射的最大偏差"},
			header: []text{{"networks compared", "比较的网络数"}, plain("max_deviation")},
			rows:   [][]text{{plain(fmt.Sprint(devCount)), plain(num(maxDev))}}},
		t,
	}
	if dir != "" {
		cols := append([]string(nil), s.Activations...)
		if err := plots.DecisionBoundaryGrid(filepath.Join(dir, "decision_boundaries.png"), grid, dsNameList(s.Datasets), cols); err != nil {
			return nil, err
		}
		r.addFigure("decision_boundaries.png", tf("Decision boundaries on the test points (seed %d): rows are data sets, columns activations.",
			"测试点上的决策边界（种子 %d）：行是数据集，列是激活函数。", d.seeds[0]))
	}
	return r, nil
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
	for _, d := range ds {
		if d.Noise > 0 {
			en = append(en, fmt.Sprintf("%s (noise %g)", d.Name, d.Noise))
			zh = append(zh, fmt.Sprintf("%s（噪声 %g）", d.Name, d.Noise))
		} else {
			en, zh = append(en, d.Name), append(zh, d.Name)
		}
	}
	return text{strings.Join(en, ", "), strings.Join(zh, "、")}
}
