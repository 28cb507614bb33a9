package experiments

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/train"
	"github.com/nnlab/nnlab/train/plots"
)

var convergence = &Experiment{
	Name:    "convergence",
	Claim:   "ReLU does not saturate, so there is no vanishing gradient, and it converges much faster than sigmoid or tanh.",
	ClaimZH: "ReLU 不会饱和，所以没有梯度消失，而且收敛比 sigmoid 和 tanh 快得多。",
	plan:    planConvergence,
}

type cvSettings struct {
	Activations []string `json:"activations"`
	// Gradients: a network of GradLayers dense layers of width GradWidth,
	// one backward pass of cross-entropy on GradSamples points of
	// GradData, with each activation's usual initialiser (Inits) and,
	// for comparison, PyTorch's default for all.
	GradLayers  int               `json:"grad_layers"`
	GradWidth   int               `json:"grad_width"`
	GradSamples int               `json:"grad_samples"`
	GradData    dataSpec          `json:"grad_data"`
	Inits       map[string]string `json:"inits"`
	// Training: epochs until the training accuracy reaches Target, at
	// most MaxEpochs, for each learning rate of LRs.
	Data      dataSpec  `json:"data"`
	Sizes     []int     `json:"sizes"`
	Optimizer optimSpec `json:"optimizer"`
	LRs       []float64 `json:"lrs"`
	Target    float64   `json:"target_train_accuracy"`
	MaxEpochs int       `json:"max_epochs"`
	BatchSize int       `json:"batch_size"`
	// VanishBelow is the grad_ratio under which gradients count as
	// vanishing; MuchFaster the factor of epochs that counts as much
	// faster.
	VanishBelow float64 `json:"vanish_below"`
	MuchFaster  float64 `json:"much_faster"`
}

type cvDesign struct {
	s     cvSettings
	seeds []uint64
}

var cvInitVariants = []string{"recommended", "torch"}

func planConvergence(o Options) design {
	s := cvSettings{
		Activations: []string{"relu", "leaky_relu", "elu", "gelu", "tanh", "sigmoid"},
		GradLayers:  10, GradWidth: 32, GradSamples: 256, GradData: dataSpec{"spiral", 256, 0},
		Inits:     map[string]string{},
		Data:      dataSpec{"spiral", 400, 0},
		Sizes:     []int{2, 32, 32, 32, 2},
		Optimizer: optimSpec{Name: "sgd", Momentum: 0.9},
		LRs:       []float64{0.003, 0.01, 0.03, 0.1, 0.3},
		Target:    0.95, MaxEpochs: 150, BatchSize: 32,
		VanishBelow: 0.1, MuchFaster: 2,
	}
	if o.Quick {
		s.GradSamples, s.GradData.N = 64, 64
		s.Data.N, s.MaxEpochs, s.LRs = 200, 15, []float64{0.03, 0.3}
	}
	for _, a := range s.Activations {
		s.Inits[a] = recommendedInit(a)
	}
	return &cvDesign{s, o.seeds()}
}

func (d *cvDesign) settings() any { return d.s }
func (d *cvDesign) gradCells() int {
	return len(d.s.Activations) * len(cvInitVariants) * len(d.seeds)
}
func (d *cvDesign) cells() int {
	return d.gradCells() + len(d.s.Activations)*len(d.s.LRs)*len(d.seeds)
}

// cvCell is a gradient measurement or a training run.
type cvCell struct {
	Ratio    Num   `json:"ratio,omitempty"`
	LayerRMS []Num `json:"layer_rms,omitempty"` // RMS weight gradient per dense layer
	// Epochs to the target, NaN (null) if never within MaxEpochs.
	Epochs   Num  `json:"epochs,omitempty"`
	Diverged bool `json:"diverged,omitempty"`
}

func (d *cvDesign) cell(ctx context.Context, i int) (any, error) {
	ns := len(d.seeds)
	if i < d.gradCells() {
		nv := len(cvInitVariants)
		act, variant, seed := d.s.Activations[i/(ns*nv)], cvInitVariants[i/ns%nv], d.seeds[i%ns]
		return d.gradCell(act, variant, seed)
	}
	i -= d.gradCells()
	nl := len(d.s.LRs)
	act, lr, seed := d.s.Activations[i/(ns*nl)], d.s.LRs[i/ns%nl], d.seeds[i%ns]
	return d.trainCell(ctx, act, lr, seed)
}

func (d *cvDesign) gradCell(actName, variant string, seed uint64) (any, error) {
	s := d.s
	rng := cellRNG("convergence", "grad/"+actName+"/"+variant, seed)
	g := s.GradData
	tr, _, err := dataSpec{g.Name, g.N * 4 / 3, g.Noise}.split(rng)
	if err != nil {
		return nil, err
	}
	act, err := layer.ParseActivation(actName)
	if err != nil {
		return nil, err
	}
	initName := s.Inits[actName]
	if variant == "torch" {
		initName = "torch"
	}
	ini, err := initFor(initName)
	if err != nil {
		return nil, err
	}
	m := layer.MLP(mlpSizes(2, s.GradWidth, s.GradLayers-1, 2), act, ini, rng)
	loss := layer.CrossEntropyLoss{}
	data := train.ClassificationData(tr, loss, 2)
	out := loss.Forward(m.Forward(autograd.Const(data.X)), data.Target)
	m.ZeroGrad()
	out.Backward()
	_, dense := m.DenseLayers()
	rms := make([]float64, len(dense))
	for k, l := range dense {
		gw := l.Weight.Grad()
		rms[k] = gw.Norm() / math.Sqrt(float64(gw.Len()))
	}
	// The second dense layer against the last hidden one (the one before
	// the output layer).
	return cvCell{Ratio: Num(rms[1] / rms[len(rms)-2]), LayerRMS: nums(rms)}, nil
}

func (d *cvDesign) trainCell(ctx context.Context, actName string, lr float64, seed uint64) (any, error) {
	s := d.s
	rng := cellRNG("convergence", "train/"+actName+"/"+lrKey(lr), seed)
	tr, _, err := s.Data.split(rng)
	if err != nil {
		return nil, err
	}
	act, err := layer.ParseActivation(actName)
	if err != nil {
		return nil, err
	}
	ini, err := initFor(s.Inits[actName])
	if err != nil {
		return nil, err
	}
	m := layer.MLP(s.Sizes, act, ini, rng)
	opt := s.Optimizer
	opt.LR = lr
	reached := math.NaN()
	run := fitRun{Model: m, Loss: layer.CrossEntropyLoss{}, Outputs: 2, Optim: opt, Epochs: s.MaxEpochs,
		BatchSize: s.BatchSize, Seed: rng.Uint64(),
		OnEpoch: func(epoch int, acc float64) bool {
			if acc >= s.Target {
				reached = float64(epoch + 1)
				return true
			}
			return false
		}}
	diverged, err := run.fit(ctx, tr)
	if err != nil {
		return nil, err
	}
	return cvCell{Epochs: Num(reached), Diverged: diverged}, nil
}

// epochStats summarises epochs to target over seeds, counting a run that
// never reached it (or diverged) as infinitely slow: the median is null
// when half the runs or more never got there.
type epochStats struct {
	Median  Num `json:"median"`
	Min     Num `json:"min"`
	Max     Num `json:"max"`
	Reached int `json:"reached"`
	Runs    int `json:"runs"`
}

func summarizeEpochs(vs []float64) epochStats {
	sorted := make([]float64, len(vs))
	reached := 0
	for i, v := range vs {
		if math.IsNaN(v) {
			v = math.Inf(1)
		} else {
			reached++
		}
		sorted[i] = v
	}
	slices.Sort(sorted)
	st := epochStats{Median: Num(median(sorted)), Min: Num(sorted[0]), Max: Num(sorted[len(sorted)-1]), Reached: reached, Runs: len(vs)}
	return st
}

func (e epochStats) cell() text {
	if e.Reached == 0 {
		return tf("never (0/%d)", "从未达到（0/%d）", e.Runs)
	}
	m := "never"
	mz := "未达到"
	if !math.IsInf(float64(e.Median), 0) && !math.IsNaN(float64(e.Median)) {
		m, mz = fixed(float64(e.Median), 0), fixed(float64(e.Median), 0)
	}
	hi := fixed(float64(e.Max), 0)
	hz := hi
	if math.IsInf(float64(e.Max), 0) || math.IsNaN(float64(e.Max)) {
		hi, hz = "never", "未达到"
	}
	lo := fixed(float64(e.Min), 0)
	return text{fmt.Sprintf("%s (%s–%s), %d/%d reached", m, lo, hi, e.Reached, e.Runs),
		fmt.Sprintf("%s（%s–%s），%d/%d 达到", mz, lo, hz, e.Reached, e.Runs)}
}

func (d *cvDesign) finish(raw []json.RawMessage, dir string) (*Result, error) {
	cells, err := decodeCells[cvCell](raw)
	if err != nil {
		return nil, err
	}
	s := d.s
	ns, nv, nl := len(d.seeds), len(cvInitVariants), len(s.LRs)
	ratio := map[string]map[string]Stats{}
	layerRMS := map[string]map[string][]Stats{}
	for _, v := range cvInitVariants {
		ratio[v], layerRMS[v] = map[string]Stats{}, map[string][]Stats{}
	}
	for ai, a := range s.Activations {
		for vi, v := range cvInitVariants {
			var rs []float64
			var layers [][]float64
			for si := range ns {
				c := cells[(ai*nv+vi)*ns+si]
				rs = append(rs, float64(c.Ratio))
				layers = append(layers, floats(c.LayerRMS))
			}
			ratio[v][a] = summarize(rs)
			layerRMS[v][a] = perLayerStats(layers, s.GradLayers)
		}
	}
	runs := cells[d.gradCells():]
	byLR := map[string]map[string]epochStats{}
	best := map[string]epochStats{}
	bestLR := map[string]float64{}
	diverged := map[string]map[string]int{}
	for ai, a := range s.Activations {
		byLR[a], diverged[a] = map[string]epochStats{}, map[string]int{}
		for li, lr := range s.LRs {
			var es []float64
			for si := range ns {
				c := runs[(ai*nl+li)*ns+si]
				es = append(es, float64(c.Epochs))
				if c.Diverged {
					diverged[a][lrKey(lr)]++
				}
			}
			st := summarizeEpochs(es)
			byLR[a][lrKey(lr)] = st
			// Best: the smallest median, then the most runs reaching the
			// target, then the smaller rate (the grid's order).
			if b, ok := best[a]; !ok || float64(st.Median) < float64(b.Median) ||
				float64(st.Median) == float64(b.Median) && st.Reached > b.Reached {
				best[a], bestLR[a] = st, lr
			}
		}
	}
	bestTable := map[string]any{}
	for _, a := range s.Activations {
		bestTable[a] = map[string]any{"lr": bestLR[a], "epochs": best[a]}
	}
	r := &Result{Tables: map[string]any{
		"grad_ratio": ratio["recommended"], "grad_ratio_torch_init": ratio["torch"],
		"grad_rms_per_layer": layerRMS, "epochs_to_target": bestTable, "epochs_by_lr": byLR, "diverged": diverged,
	}}

	// The rule.
	relu := float64(ratio["recommended"]["relu"].Median)
	noVanish := relu >= s.VanishBelow
	ep := func(a string) float64 { return float64(best[a].Median) }
	faster := func(a string) bool { return ep("relu")*s.MuchFaster <= ep(a) && !math.IsInf(ep("relu"), 1) }
	fasterTanh, fasterSigmoid := faster("tanh"), faster("sigmoid")
	rule := tf("grad_ratio is RMS(gradient of layer 2's weights) / RMS(gradient of layer %d's, the last hidden layer); below %g counts as vanishing. Epochs count as infinite for a run that never reaches the target, and each activation is taken at the learning rate with the fewest median epochs. yes if relu's median grad_ratio (usual initialisation) is at least %g and relu's median epochs are at most 1/%g of both tanh's and sigmoid's; partly if one or two of these three hold; no if none.",
		"grad_ratio 是第 2 层权重梯度的 RMS 与第 %d 层（最后一个隐藏层）权重梯度 RMS 之比；低于 %g 视为梯度消失。从未达到目标的运行轮数记为无穷大，每个激活函数取中位轮数最少的学习率。若 relu 的 grad_ratio 中位数（常用初始化）至少为 %g，且 relu 的中位轮数不超过 tanh 和 sigmoid 的 1/%g，则成立；三条中成立一到两条为部分成立；都不成立则不成立。",
		s.GradLayers-1, s.VanishBelow, s.VanishBelow, s.MuchFaster)
	count := 0
	for _, ok := range []bool{noVanish, fasterTanh, fasterSigmoid} {
		if ok {
			count++
		}
	}
	holds := HoldsPartly
	switch count {
	case 3:
		holds = HoldsYes
	case 0:
		holds = HoldsNo
	}
	gradText := tf("At initialisation relu's gradient ratio is %s (median), so its gradients do not vanish across %d layers; tanh's is %s and sigmoid's %s.",
		"初始化时 relu 的梯度比为 %s（中位数），所以梯度在 %d 层间没有消失；tanh 为 %s，sigmoid 为 %s。",
		num(relu), s.GradLayers-2, num(float64(ratio["recommended"]["tanh"].Median)), num(float64(ratio["recommended"]["sigmoid"].Median)))
	if !noVanish {
		gradText = tf("At initialisation relu's gradient ratio is %s (median), below %g: its early-layer gradients are small too.",
			"初始化时 relu 的梯度比为 %s（中位数），低于 %g：其前几层梯度同样很小。", num(relu), s.VanishBelow)
	}
	epochWord := func(a string, l Lang) string {
		if math.IsInf(ep(a), 1) {
			return text{"never", "未达到"}.in(l)
		}
		return num(ep(a))
	}
	var spEN, spZH []string
	for _, a := range s.Activations {
		spEN = append(spEN, a+" "+epochWord(a, English))
		spZH = append(spZH, a+" "+epochWord(a, Chinese))
	}
	speed := text{fmt.Sprintf("Median epochs to %.0f%% training accuracy, each at its best learning rate: %s (never: half the runs or more did not get there within %d epochs).",
		100*s.Target, strings.Join(spEN, ", "), s.MaxEpochs),
		fmt.Sprintf("各自在最佳学习率下达到 %.0f%% 训练准确率的中位轮数：%s（未达到：一半或更多运行在 %d 轮内没有达到）。",
			100*s.Target, strings.Join(spZH, "，"), s.MaxEpochs)}
	var verdictParts []text
	verdictParts = append(verdictParts, gradText)
	torchRelu := float64(ratio["torch"]["relu"].Median)
	if torchRelu < s.VanishBelow {
		verdictParts = append(verdictParts, tf("That takes He initialisation, though: with PyTorch's default initialisation relu's ratio is %s, below %g, so not saturating alone does not keep the gradients from shrinking.",
			"不过这依赖 He 初始化：用 PyTorch 默认初始化时 relu 的梯度比为 %s，低于 %g，可见仅仅不饱和并不能阻止梯度衰减。", num(torchRelu), s.VanishBelow))
	}
	if tanh := float64(ratio["recommended"]["tanh"].Median); tanh >= s.VanishBelow {
		verdictParts = append(verdictParts, tf("Nor is it special to ReLU at this depth: tanh with Glorot initialisation keeps a ratio of %s too; sigmoid is the activation whose gradients vanish.",
			"在这个深度上这也不是 ReLU 独有的：用 Glorot 初始化的 tanh 梯度比同样为 %s；真正梯度消失的是 sigmoid。", num(tanh)))
	}
	verdictParts = append(verdictParts, speed)
	switch {
	case fasterTanh && fasterSigmoid:
		verdictParts = append(verdictParts, tf("That is at least %gx faster than both.", "即比两者都快至少 %g 倍。", s.MuchFaster))
	case fasterSigmoid:
		verdictParts = append(verdictParts, tf("Much faster than sigmoid, but not %gx faster than tanh.", "比 sigmoid 快得多，但并没有比 tanh 快 %g 倍。", s.MuchFaster))
	case fasterTanh:
		verdictParts = append(verdictParts, tf("Much faster than tanh, but not %gx faster than sigmoid.", "比 tanh 快得多，但并没有比 sigmoid 快 %g 倍。", s.MuchFaster))
	default:
		verdictParts = append(verdictParts, tf("Not %gx faster than either.", "并没有比两者快 %g 倍。", s.MuchFaster))
	}
	r.Verdict = verdict(holds, joinText(verdictParts...), rule)

	r.doc.setup = []text{
		tf("(a) Gradients at initialisation: an MLP of %d dense layers of width %d (%d hidden activations), one backward pass of cross-entropy over %d points of %s. Each activation gets its usual initialiser (He for the ReLU family, Glorot for tanh and sigmoid: `grad_ratio`) and, for comparison, PyTorch's default (`grad_ratio_torch_init`).",
			"(a) 初始化时的梯度：%d 个宽度为 %d 的全连接层（%d 个隐藏激活）的 MLP，在 %d 个 %s 数据点上做一次交叉熵反向传播。每个激活函数使用其常用初始化（ReLU 家族用 He，tanh 与 sigmoid 用 Glorot：`grad_ratio`），另用 PyTorch 默认初始化作对照（`grad_ratio_torch_init`）。",
			s.GradLayers, s.GradWidth, s.GradLayers-1, s.GradSamples, s.GradData.Name),
		tf("(b) Training speed: MLP %v on %s (%d points), SGD with momentum %g, batch %d, usual initialiser; epochs until the training accuracy first reaches %.2f, at most %d, for each learning rate in %v. `epochs_to_target[activation]` is taken at each activation's best rate; `epochs_by_lr` has them all.",
			"(b) 训练速度：在 %[2]s（%[3]d 个点）上训练 MLP %[1]v，SGD 动量 %[4]g，批大小 %[5]d，常用初始化；记录训练准确率首次达到 %.2[6]f 所需的轮数，最多 %[7]d 轮，学习率取 %[8]v。`epochs_to_target[activation]` 取每个激活函数的最佳学习率；`epochs_by_lr` 列出全部。",
			s.Sizes, s.Data.Name, s.Data.N, s.Optimizer.Momentum, s.BatchSize, s.Target, s.MaxEpochs, s.LRs),
	}
	gt := mdTable{key: "grad_ratio", title: text{"RMS gradient of layer 2 over the last hidden layer's, at initialisation", "初始化时第 2 层与最后一个隐藏层的梯度 RMS 之比"},
		header: []text{{"activation", "激活函数"}, {"usual init", "常用初始化"}, plain("grad_ratio"), plain("grad_ratio_torch_init")}}
	et := mdTable{key: "epochs_to_target", title: tf("Epochs to %.0f%% training accuracy at the best learning rate", "最佳学习率下达到 %.0f%% 训练准确率的轮数", 100*s.Target),
		header: []text{{"activation", "激活函数"}, {"best lr", "最佳学习率"}, {"epochs: median (min–max)", "轮数：中位数（最小–最大）"}}}
	lt := mdTable{key: "epochs_by_lr", title: text{"Median epochs to target by learning rate (reached/runs)", "各学习率下达到目标的中位轮数（达到数/运行数）"},
		header: []text{{"activation", "激活函数"}}}
	for _, lr := range s.LRs {
		lt.header = append(lt.header, plain("lr "+lrKey(lr)))
	}
	for _, a := range s.Activations {
		gt.rows = append(gt.rows, []text{plain(a), plain(s.Inits[a]), statsCellG(ratio["recommended"][a]), statsCellG(ratio["torch"][a])})
		et.rows = append(et.rows, []text{plain(a), plain(lrKey(bestLR[a])), best[a].cell()})
		row := []text{plain(a)}
		for _, lr := range s.LRs {
			st := byLR[a][lrKey(lr)]
			m := float64(st.Median)
			cell := fmt.Sprintf("%s (%d/%d)", fixed(m, 0), st.Reached, st.Runs)
			if math.IsInf(m, 1) {
				cell = fmt.Sprintf("— (%d/%d)", st.Reached, st.Runs)
			}
			if n := diverged[a][lrKey(lr)]; n > 0 {
				cell += fmt.Sprintf(" ×%d", n)
			}
			row = append(row, plain(cell))
		}
		lt.rows = append(lt.rows, row)
	}
	r.doc.tables = []mdTable{gt, et, lt}
	r.doc.notes = []text{{"In `epochs_by_lr`, — means half the runs or more never reached the target; ×k counts runs that diverged (also in `diverged`). `grad_rms_per_layer` in results.json has the RMS weight gradient of every layer.",
		"在 `epochs_by_lr` 中，— 表示一半或更多运行从未达到目标；×k 表示发散的运行数（亦见 `diverged`）。results.json 中的 `grad_rms_per_layer` 给出每层权重梯度的 RMS。"}}
	if dir != "" {
		var series []plots.Series
		for _, a := range s.Activations {
			series = append(series, layerSeries(a, layerRMS["recommended"][a]))
		}
		if err := plots.Lines(filepath.Join(dir, "grad_per_layer.png"), "RMS weight gradient per layer at initialisation (usual init)",
			"dense layer", "RMS gradient (log scale)", false, true, series); err != nil {
			return nil, err
		}
		r.addFigure("grad_per_layer.png", text{"RMS gradient of each dense layer's weights at initialisation, median over seeds (log scale).",
			"初始化时每个全连接层权重梯度的 RMS，各种子中位数（对数坐标）。"})
		series = series[:0]
		any := false
		for _, a := range s.Activations {
			sr := plots.Series{Name: a}
			for _, lr := range s.LRs {
				sr.X = append(sr.X, lr)
				sr.Y = append(sr.Y, float64(byLR[a][lrKey(lr)].Median))
				any = any || !math.IsInf(sr.Y[len(sr.Y)-1], 0)
			}
			series = append(series, sr)
		}
		if !any {
			r.doc.notes = append(r.doc.notes, text{"No activation reached the target at any learning rate in half its runs, so there is no picture of epochs against the learning rate.",
				"没有任何激活函数在任何学习率下有一半运行达到目标，因此没有轮数随学习率变化的图。"})
			return r, nil
		}
		if err := plots.Lines(filepath.Join(dir, "epochs_vs_lr.png"), fmt.Sprintf("Epochs to %.0f%% training accuracy (missing: not reached)", 100*s.Target),
			"learning rate (log scale)", "epochs (median over seeds)", true, false, series); err != nil {
			return nil, err
		}
		r.addFigure("epochs_vs_lr.png", text{"Median epochs to the target against the learning rate; a missing point means half the runs or more never reached it.",
			"达到目标的中位轮数随学习率的变化；缺失的点表示一半或更多运行从未达到。"})
	}
	return r, nil
}
