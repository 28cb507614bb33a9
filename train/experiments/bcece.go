package experiments

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train/plots"
)

var bceVsCE = &Experiment{
	Name:    "bce-vs-ce",
	Claim:   "BCE with a sigmoid is the two-class case of cross-entropy with a softmax; BCE suits binary tasks, CE multi-class ones.",
	ClaimZH: "带 sigmoid 的 BCE 是带 softmax 的交叉熵在两类时的特例；BCE 适合二分类任务，CE 适合多分类任务。",
	plan:    planBCEvsCE,
}

type bcSettings struct {
	// The loss curves: logits z from ZMin to ZMax in steps of ZStep, for
	// both targets.
	ZMin  float64 `json:"z_min"`
	ZMax  float64 `json:"z_max"`
	ZStep float64 `json:"z_step"`
	// The heads: one body, a 1-logit BCE-with-logits head or a 2-logit
	// cross-entropy head, the same seeds.
	Datasets  []dataSpec `json:"datasets"`
	Body      []int      `json:"body"`
	Act       string     `json:"activation"`
	Init      string     `json:"init"`
	Optimizer optimSpec  `json:"optimizer"`
	Epochs    int        `json:"epochs"`
	BatchSize int        `json:"batch_size"`
	// Tolerance is the largest difference between the heads' median
	// accuracies (or AUCs) that counts as equal.
	Tolerance float64 `json:"tolerance"`
}

type bcDesign struct {
	s     bcSettings
	seeds []uint64
}

var bcHeads = []string{"bce", "ce"}

func planBCEvsCE(o Options) design {
	s := bcSettings{ZMin: -50, ZMax: 50, ZStep: 0.01,
		Datasets: []dataSpec{{"circle", 400, 0}, {"xor", 400, 0}, {"spiral", 400, 0}, {"moons", 400, 0.1}},
		Body:     []int{2, 16, 16}, Act: "relu", Init: "he_normal",
		Optimizer: optimSpec{Name: "adam", LR: 0.01}, Epochs: 100, BatchSize: 32, Tolerance: 0.02}
	if o.Quick {
		for i := range s.Datasets {
			s.Datasets[i].N = 200
		}
		s.Epochs = 15
	}
	return &bcDesign{s, o.seeds()}
}

func (d *bcDesign) settings() any { return d.s }
func (d *bcDesign) cells() int    { return len(d.s.Datasets) * len(bcHeads) * len(d.seeds) }

type bcCell struct {
	Accuracy Num  `json:"accuracy"`
	AUC      Num  `json:"auc"`
	Diverged bool `json:"diverged"`
}

func (d *bcDesign) cell(ctx context.Context, i int) (any, error) {
	ns, nh := len(d.seeds), len(bcHeads)
	spec, head, seed := d.s.Datasets[i/(ns*nh)], bcHeads[i/ns%nh], d.seeds[i%ns]
	// The key leaves out the head, so both heads see the same data,
	// shuffles and body weights; only the head's own weights differ.
	rng := cellRNG("bce-vs-ce", spec.Name, seed)
	tr, te, err := spec.split(rng)
	if err != nil {
		return nil, err
	}
	shuffle := rng.Uint64()
	act, err := layer.ParseActivation(d.s.Act)
	if err != nil {
		return nil, err
	}
	ini, err := initFor(d.s.Init)
	if err != nil {
		return nil, err
	}
	var loss layer.Loss = layer.CrossEntropyLoss{}
	outputs := 2
	if head == "bce" {
		loss, outputs = layer.BCEWithLogitsLoss{}, 1
	}
	m := layer.MLP(append(append([]int(nil), d.s.Body...), outputs), act, ini, rng)
	run := fitRun{Model: m, Loss: loss, Outputs: outputs, Optim: d.s.Optimizer, Epochs: d.s.Epochs, BatchSize: d.s.BatchSize, Seed: shuffle}
	nan := Num(math.NaN())
	out := bcCell{Accuracy: nan, AUC: nan}
	if out.Diverged, err = run.fit(ctx, tr); err != nil || out.Diverged {
		return out, err
	}
	acc, auc := evaluate(m, loss, outputs, te)
	out.Accuracy, out.AUC = Num(acc), Num(auc)
	return out, nil
}

// lossCurves are the three losses over the grid of logits.
type lossCurves struct {
	z                      []float64
	naive, logits, ce, ref [2][]float64 // by target 0, 1
}

// computeLossCurves evaluates, for every z and target y, BCE on the
// probability sigmoid(z), BCE with logits on z, and cross-entropy on the
// two logits [0, z] with class y, each with the library's own loss, and
// the exact value softplus(z) (y = 0) or softplus(−z) (y = 1).
func computeLossCurves(s bcSettings) lossCurves {
	// z = k/perUnit for whole k, so that every grid point is the double
	// nearest its decimal value (36.74, not 36.739999999999995).
	perUnit := math.Round(1 / s.ZStep)
	k0 := math.Round(s.ZMin * perUnit)
	n := int(math.Round(s.ZMax*perUnit)-k0) + 1
	c := lossCurves{z: make([]float64, n)}
	z, p, two := tensor.Zeros(n), tensor.Zeros(n), tensor.Zeros(n, 2)
	for i := range n {
		v := (k0 + float64(i)) / perUnit
		c.z[i] = v
		z.Data()[i] = v
		p.Data()[i] = layer.Sigmoid{}.Apply(v)
		two.Set(v, i, 1)
	}
	for y := range 2 {
		target, class := tensor.Full(float64(y), n), tensor.Full(float64(y), n)
		c.naive[y] = autograd.BCELoss(autograd.Const(p), target, nil, autograd.ReduceNone).Value().Data()
		c.logits[y] = autograd.BCEWithLogitsLoss(autograd.Const(z), target, nil, nil, autograd.ReduceNone).Value().Data()
		c.ce[y] = autograd.CrossEntropyLoss(autograd.Const(two), class, autograd.CrossEntropyOptions{Reduction: autograd.ReduceNone}).Value().Data()
		c.ref[y] = make([]float64, n)
		for i, v := range c.z {
			if y == 1 {
				v = -v
			}
			c.ref[y][i] = softplus(v)
		}
	}
	return c
}

// softplus is log(1 + e^x) without overflow or loss of small values.
func softplus(x float64) float64 { return math.Max(x, 0) + math.Log1p(math.Exp(-math.Abs(x))) }

// maxAbsDiff returns the largest |a − b| over both targets and the index
// of the logit where it occurs.
func maxAbsDiff(a, b [2][]float64) (worst float64, at int) {
	for y := range 2 {
		for i := range a[y] {
			if d := math.Abs(a[y][i] - b[y][i]); d > worst {
				worst, at = d, i
			}
		}
	}
	return worst, at
}

// headStats are one head's results by data set.
type headStats struct {
	Accuracy map[string]Stats `json:"accuracy"`
	AUC      map[string]Stats `json:"auc"`
	Diverged map[string]int   `json:"diverged"`
}

func (d *bcDesign) finish(raw []json.RawMessage, dir string) (*Result, error) {
	cells, err := decodeCells[bcCell](raw)
	if err != nil {
		return nil, err
	}
	s := d.s
	c := computeLossCurves(s)
	maxDiff, _ := maxAbsDiff(c.logits, c.ce)
	logitsErr, _ := maxAbsDiff(c.logits, c.ref)
	naiveErr, worstI := maxAbsDiff(c.naive, c.ref)
	satZ := math.NaN()
	for i, v := range c.z {
		if (layer.Sigmoid{}).Apply(v) == 1 {
			satZ = c.z[i]
			break
		}
	}
	curves := map[string]any{
		"max_abs_diff": Num(maxDiff), "naive_saturation_z": Num(satZ),
		"logits_max_error": Num(logitsErr), "naive_max_error": Num(naiveErr), "naive_max_error_at_z": Num(c.z[worstI]),
		"points": len(c.z),
	}

	ns, nh := len(d.seeds), len(bcHeads)
	heads := map[string]headStats{}
	diff := map[string]map[string]Stats{}
	var accDiffs, aucDiffs []float64 // per data set: median of ce − bce
	for _, h := range bcHeads {
		heads[h] = headStats{Accuracy: map[string]Stats{}, AUC: map[string]Stats{}, Diverged: map[string]int{}}
	}
	for di, ds := range s.Datasets {
		var vals [2][2][]float64 // head, metric
		var da, du []float64
		for si := range ns {
			var pair [2]bcCell
			for hi, h := range bcHeads {
				cl := cells[(di*nh+hi)*ns+si]
				pair[hi] = cl
				vals[hi][0] = append(vals[hi][0], float64(cl.Accuracy))
				vals[hi][1] = append(vals[hi][1], float64(cl.AUC))
				if cl.Diverged {
					heads[h].Diverged[ds.Name]++
				}
			}
			da = append(da, float64(pair[1].Accuracy-pair[0].Accuracy))
			du = append(du, float64(pair[1].AUC-pair[0].AUC))
		}
		for hi, h := range bcHeads {
			heads[h].Accuracy[ds.Name], heads[h].AUC[ds.Name] = summarize(vals[hi][0]), summarize(vals[hi][1])
		}
		diff[ds.Name] = map[string]Stats{"accuracy": summarize(da), "auc": summarize(du)}
		accDiffs = append(accDiffs, float64(diff[ds.Name]["accuracy"].Median))
		aucDiffs = append(aucDiffs, float64(diff[ds.Name]["auc"].Median))
	}
	r := &Result{Tables: map[string]any{"losses": curves, "heads": heads, "head_diff": diff}}

	// The rule.
	identical := maxDiff < 1e-9
	bceWorse, ceWorse := []string{}, []string{}
	for i, ds := range s.Datasets {
		if accDiffs[i] > s.Tolerance || aucDiffs[i] > s.Tolerance || math.IsNaN(accDiffs[i]) {
			bceWorse = append(bceWorse, ds.Name)
		}
		if accDiffs[i] < -s.Tolerance || aucDiffs[i] < -s.Tolerance {
			ceWorse = append(ceWorse, ds.Name)
		}
	}
	rule := tf("yes if BCE with logits and cross-entropy on [0, z] agree to within 1e-9 for every z in [%g, %g] and both targets, and on no binary data set is the BCE head's median (paired over seeds) accuracy or AUC more than %.2f below the CE head's; partly if they agree but the BCE head is worse somewhere; no if they do not agree.",
		"若对 [%g, %g] 内每个 z 和两种目标，带 logits 的 BCE 与 [0, z] 上的交叉熵之差都在 1e-9 以内，且在每个二分类数据集上 BCE 头的准确率或 AUC 中位数（按种子配对）都不比 CE 头低 %.2f 以上，则成立；若两者一致但 BCE 头在某处更差，则部分成立；若两者不一致则不成立。",
		s.ZMin, s.ZMax, s.Tolerance)
	holds := HoldsNo
	switch {
	case identical && len(bceWorse) == 0:
		holds = HoldsYes
	case identical:
		holds = HoldsPartly
	}
	why := tf("BCE with logits and cross-entropy on [0, z] differ by at most %s over %d logits in [%g, %g]: sigmoid(z) is softmax([0, z])'s second entry, so the two losses are one function.",
		"在 [%[3]g, %[4]g] 内 %[2]d 个 logit 上，带 logits 的 BCE 与 [0, z] 上的交叉熵之差最多为 %[1]s：sigmoid(z) 就是 softmax([0, z]) 的第二个分量，所以两个损失是同一个函数。",
		num(maxDiff), len(c.z), s.ZMin, s.ZMax)
	if !identical {
		why = tf("BCE with logits and cross-entropy on [0, z] differ by up to %s, more than rounding.", "带 logits 的 BCE 与 [0, z] 上的交叉熵最多相差 %s，超出舍入误差。", num(maxDiff))
	}
	sat := tf("Computed from the probability instead, BCE breaks down: sigmoid(z) rounds to exactly 1 from z = %g, after which the loss of target 0 is clamped at 100 where it should be z (largest error %s, at z = %g). Only the positive side saturates: sigmoid(−50) is still about 2e−22, not 0.",
		"若改为从概率计算，BCE 会失效：从 z = %g 起 sigmoid(z) 恰好舍入为 1，此后目标 0 的损失被截断在 100，而正确值应为 z（最大误差 %s，在 z = %g 处）。只有正半轴会饱和：sigmoid(−50) 仍约为 2e−22，而不是 0。",
		satZ, num(naiveErr), c.z[worstI])
	heads2 := tf("Trained on binary data with the same body and seeds, the heads end up alike: the median paired difference (CE − BCE) in test accuracy is %s and in AUC %s by data set (%s).",
		"在二分类数据上用同一主体和种子训练，两种输出头的结果相近：测试准确率的配对差（CE − BCE）中位数按数据集为 %s，AUC 为 %s（%s）。",
		numList(accDiffs), numList(aucDiffs), dsNames(s.Datasets))
	conv := text{"So BCE does suit binary tasks, but so does CE with two logits, which is the same model with one redundant logit; the split between them is a convention (BCE needs one output, and also covers multi-label tasks), not a difference in what they can learn.",
		"所以 BCE 确实适合二分类，但两个 logit 的 CE 同样适合——它是多了一个冗余 logit 的同一个模型；两者的分工是一种惯例（BCE 只需一个输出，也适用于多标签任务），而不是学习能力的差别。"}
	if len(bceWorse) > 0 {
		conv = tf("The BCE head is worse than the CE head by more than %.2f on %v.", "BCE 头在 %[2]v 上比 CE 头差 %.2[1]f 以上。", s.Tolerance, bceWorse)
	}
	r.Verdict = verdict(holds, joinText(why, sat, heads2, conv), rule)

	r.doc.setup = []text{
		tf("(a) For %d logits z from %g to %g (step %g) and both targets: BCE on the probability sigmoid(z) (PyTorch's BCELoss, logs clamped at −100), BCE with logits, and cross-entropy on the two logits [0, z], all computed by nnlab's losses, against the exact softplus value. `max_abs_diff` is the largest |BCE with logits − CE|; `naive_saturation_z` the first z where sigmoid(z) rounds to 1.",
			"(a) 对 z 从 %[2]g 到 %[3]g（步长 %[4]g）的 %[1]d 个 logit 和两种目标：计算概率 sigmoid(z) 上的 BCE（PyTorch 的 BCELoss，log 截断在 −100）、带 logits 的 BCE、两个 logit [0, z] 上的交叉熵，均用 nnlab 的损失函数计算，并与精确的 softplus 值比较。`max_abs_diff` 是 |带 logits 的 BCE − CE| 的最大值；`naive_saturation_z` 是 sigmoid(z) 第一次舍入为 1 的 z。",
			len(c.z), s.ZMin, s.ZMax, s.ZStep),
		tf("(b) A %s body %v (%s) with a 1-logit head trained by BCE with logits, or a 2-logit head trained by cross-entropy; for each seed both see the same data, batches and body weights. Data: %s (%d points), Adam (lr %g), batch %d, %d epochs. `heads.bce` and `heads.ce` hold test accuracy and AUC by data set; `head_diff` the paired differences CE − BCE.",
			"(b) %s 主体 %v（%s），接 1 个 logit 的输出头用带 logits 的 BCE 训练，或接 2 个 logit 的输出头用交叉熵训练；同一种子下两者使用相同的数据、批次和主体权重。数据：%s（%d 个点），Adam（lr %g），批大小 %d，%d 轮。`heads.bce` 和 `heads.ce` 记录各数据集的测试准确率和 AUC；`head_diff` 是配对差 CE − BCE。",
			s.Act, s.Body, s.Init, dsNames(s.Datasets), s.Datasets[0].N, s.Optimizer.LR, s.BatchSize, s.Epochs),
	}
	lt := mdTable{key: "losses", title: text{"The three losses over the grid of logits", "logit 网格上的三种损失"},
		header: []text{{"quantity", "量"}, {"value", "值"}},
		rows: [][]text{
			{plain("max_abs_diff (BCE with logits vs CE)"), plain(num(maxDiff))},
			{plain("logits_max_error (vs exact)"), plain(num(logitsErr))},
			{plain("naive_saturation_z"), plain(fmt.Sprint(satZ))},
			{plain("naive_max_error (vs exact)"), plain(fmt.Sprintf("%s (z = %g)", num(naiveErr), c.z[worstI]))},
		}}
	ht := mdTable{key: "heads", title: text{"Test accuracy and AUC of the two heads", "两种输出头的测试准确率与 AUC"},
		header: []text{{"data set", "数据集"}, plain("bce accuracy"), plain("ce accuracy"), plain("bce auc"), plain("ce auc")}}
	dt := mdTable{key: "head_diff", title: text{"Paired difference CE − BCE", "配对差 CE − BCE"},
		header: []text{{"data set", "数据集"}, plain("accuracy"), plain("auc")}}
	for _, ds := range s.Datasets {
		n := ds.Name
		ht.rows = append(ht.rows, []text{plain(n), statsCell(heads["bce"].Accuracy[n], 3), statsCell(heads["ce"].Accuracy[n], 3),
			statsCell(heads["bce"].AUC[n], 3), statsCell(heads["ce"].AUC[n], 3)})
		dt.rows = append(dt.rows, []text{plain(n), statsCell(diff[n]["accuracy"], 3), statsCell(diff[n]["auc"], 3)})
	}
	r.doc.tables = []mdTable{lt, ht, dt}
	if dir != "" {
		// Every 10th point is plenty for the picture.
		var zs, a, b, cc []float64
		for i := 0; i < len(c.z); i += 10 {
			zs, a, b, cc = append(zs, c.z[i]), append(a, c.naive[0][i]), append(b, c.logits[0][i]), append(cc, c.ce[0][i])
		}
		err := plots.Lines(filepath.Join(dir, "losses.png"), "Loss of target 0 against the logit z",
			"logit z", "loss", false, false, []plots.Series{
				{Name: "BCE on sigmoid(z)", X: zs, Y: a},
				{Name: "BCE with logits", X: zs, Y: b},
				{Name: "CE on [0, z]", X: zs, Y: cc},
			})
		if err != nil {
			return nil, err
		}
		r.addFigure("losses.png", tf("The three losses for target 0: BCE with logits and CE coincide; BCE on the probability jumps to its clamp of 100 once sigmoid(z) rounds to 1 (z ≥ %g).",
			"目标为 0 时的三种损失：带 logits 的 BCE 与 CE 重合；一旦 sigmoid(z) 舍入为 1（z ≥ %g），概率形式的 BCE 跳到截断值 100。", satZ))
	}
	return r, nil
}

func numList(vs []float64) string {
	s := ""
	for i, v := range vs {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%+.3f", v)
	}
	return s
}
