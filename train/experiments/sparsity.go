package experiments

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
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
		Networks: 50, Samples: 256, Init: "he_normal", SparseAtMost: 0.6, SlopeBand: [2]float64{-1.25, -0.75}}
	s.Trained.Dataset = dataSpec{"spiral", 400, 0}
	s.Trained.Width, s.Trained.Depth = 16, 8
	s.Trained.Optimizer = optimSpec{Name: "adam", LR: 0.01}
	s.Trained.Epochs, s.Trained.BatchSize = 100, 32
	if o.Quick {
		s.Networks, s.Samples = 10, 128
		s.Trained.Dataset.N, s.Trained.Epochs = 200, 15
	}
	return &sdDesign{s, o.seeds()}
}

func (d *sdDesign) settings() any { return d.s }
func (d *sdDesign) initCells() int {
	return len(d.s.Widths) * len(d.s.Depths) * len(d.seeds)
}
func (d *sdDesign) cells() int { return d.initCells() + len(d.seeds) }

// sdCell is either a cell of networks at initialisation or one trained
// network.
type sdCell struct {
	Rate         Num   `json:"rate,omitempty"`
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
	w, depth, seed := d.s.Widths[i/(ns*nd)], d.s.Depths[i/ns%nd], d.seeds[i%ns]
	rng := cellRNG("sparsity-depth", fmt.Sprintf("w%d/d%d", w, depth), seed)
	ini, err := initFor(d.s.Init)
	if err != nil {
		return nil, err
	}
	x := tensor.Zeros(d.s.Samples, 2)
	x.FillNormal(rng, 0, 1)
	var out sdCell
	perLayer := make([]float64, depth)
	var rate, paths, dead float64
	for range d.s.Networks {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		m := layer.MLP(mlpSizes(2, w, depth, 1), layer.ReLU{}, ini, rng)
		st := measureActivity(m, x)
		for l, r := range st.rates {
			perLayer[l] += r / float64(d.s.Networks)
			rate += r / float64(depth*d.s.Networks)
		}
		paths += st.pathFraction / float64(d.s.Networks)
		if st.deadUnits[depth-1] == w {
			dead += 1 / float64(d.s.Networks)
		}
	}
	out.Rate, out.PathFraction, out.BornDead = Num(rate), Num(paths), Num(dead)
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

func (d *sdDesign) finish(raw []json.RawMessage, dir string) (*Result, error) {
	cells, err := decodeCells[sdCell](raw)
	if err != nil {
		return nil, err
	}
	s := d.s
	ns, nd := len(d.seeds), len(s.Depths)
	rate, path, born := map[string]map[string]Stats{}, map[string]map[string]Stats{}, map[string]map[string]Stats{}
	deepest := s.Depths[nd-1]
	initLayers := map[string][]Stats{}
	for wi, w := range s.Widths {
		wk := strconv.Itoa(w)
		rate[wk], path[wk], born[wk] = map[string]Stats{}, map[string]Stats{}, map[string]Stats{}
		for di, depth := range s.Depths {
			dk := strconv.Itoa(depth)
			var rs, ps, bs []float64
			var layers [][]float64
			for si := range ns {
				c := cells[(wi*nd+di)*ns+si]
				rs, ps, bs = append(rs, float64(c.Rate)), append(ps, float64(c.PathFraction)), append(bs, float64(c.BornDead))
				if depth == deepest {
					layers = append(layers, floats(c.PerLayer))
				}
			}
			rate[wk][dk], path[wk][dk], born[wk][dk] = summarize(rs), summarize(ps), summarize(bs)
			if depth == deepest {
				initLayers[wk] = perLayerStats(layers, deepest)
			}
		}
	}
	var before, after [][]float64
	var accs []float64
	diverged := 0
	for _, c := range cells[d.initCells():] {
		before = append(before, floats(c.PerLayerInit))
		if c.Diverged {
			diverged++
			continue
		}
		after = append(after, floats(c.PerLayer))
		accs = append(accs, float64(c.Accuracy))
	}
	td := s.Trained.Depth
	trained := map[string]any{
		"rate_before": perLayerStats(before, td), "rate_after": perLayerStats(after, td),
		"test_accuracy": summarize(accs), "diverged": diverged,
	}
	r := &Result{Tables: map[string]any{"rate": rate, "path_fraction": path, "born_dead": born,
		"rate_per_layer_init": initLayers, "trained": trained}}

	// The rule.
	depths := make([]float64, nd)
	for i, v := range s.Depths {
		depths[i] = float64(v)
	}
	sparse := true
	maxRate := 0.0
	rateSlopes, pathSlopes := map[int]float64{}, map[int]float64{}
	rateHalves, anyPathHalves := true, false
	var pathHalving []int
	inBand := func(b float64) bool { return b >= s.SlopeBand[0] && b <= s.SlopeBand[1] }
	for _, w := range s.Widths {
		wk := strconv.Itoa(w)
		var ry, py []float64
		for _, depth := range s.Depths {
			dk := strconv.Itoa(depth)
			m := float64(rate[wk][dk].Median)
			maxRate = math.Max(maxRate, m)
			if m > s.SparseAtMost {
				sparse = false
			}
			ry, py = append(ry, m), append(py, float64(path[wk][dk].Median))
		}
		rateSlopes[w], pathSlopes[w] = log2Slope(depths, ry), log2Slope(depths, py)
		if !inBand(rateSlopes[w]) {
			rateHalves = false
		}
		if inBand(pathSlopes[w]) {
			anyPathHalves = true
			pathHalving = append(pathHalving, w)
		}
	}
	afterMean := meanOfMedians(perLayerStats(after, td))
	if !(afterMean <= s.SparseAtMost) {
		sparse = false
	}
	r.Tables["slopes"] = map[string]any{"rate_log2_per_layer": intKeyed(rateSlopes), "path_fraction_log2_per_layer": intKeyed(pathSlopes)}

	rule := tf("Fit log2(median) against depth for each width. yes if every median rate at initialisation and the trained network's mean per-layer rate are at most %.1f (sparse: at least %.0f%% exact zeros) and the rate's slope lies in [%g, %g] (a halving per layer, ±25%% in the exponent) for every width; partly if only one of the two halves holds; no if neither.",
		"对每个宽度，用深度拟合 log2(中位数)。若初始化时每个激活率中位数和训练后网络的逐层平均激活率都不超过 %.1f（稀疏：至少 %.0f%% 的输出恰为零），且每个宽度的激活率斜率都落在 [%g, %g]（每层减半，指数允许 ±25%%），则成立；若两半只有一半成立，则部分成立；都不成立则不成立。",
		s.SparseAtMost, 100*(1-s.SparseAtMost), s.SlopeBand[0], s.SlopeBand[1])
	sparseText := tf("Sparse, yes: at initialisation (He, zero bias) at most %.2f of the units are active on an input (median over seeds, any width and depth), and after training the deep network's layers average %.2f.",
		"稀疏，是的：初始化时（He，零偏置）一个输入上最多只有 %.2f 的单元处于激活状态（各种子中位数，任意宽度与深度），训练后深层网络各层平均为 %.2f。",
		maxRate, afterMean)
	if !sparse {
		sparseText = tf("Not sparse by the rule: the largest median rate is %.2f and the trained network averages %.2f.",
			"按规则不算稀疏：最大的激活率中位数为 %.2f，训练后网络平均为 %.2f。", maxRate, afterMean)
	}
	wide := s.Widths[len(s.Widths)-1]
	rateText := tf("But the rate does not fall by 2^N: its fitted slope per layer is %s in log2 (width %d: %s, where the claim needs −1).",
		"但激活率并没有按 2^N 下降：拟合的每层 log2 斜率为 %s（宽度 %d：%s，而该说法需要 −1）。",
		slopeList(s.Widths, rateSlopes), wide, fixed(rateSlopes[wide], 3))
	if rateHalves {
		rateText = tf("And the rate does fall by about 2^N: slopes per layer %s in log2.", "激活率确实大约按 2^N 下降：每层 log2 斜率为 %s。", slopeList(s.Widths, rateSlopes))
	}
	pathText := tf("What halves per layer is the share of active input-to-output paths, since each layer keeps about half its units: its slope is %s, within the band for widths %v. Narrow networks lose whole layers instead: at width %d and depth %d, %.0f%% of networks are born dead (last hidden layer zero on every input).",
		"每层减半的其实是从输入到输出的激活路径占比，因为每层大约保留一半单元：其斜率为 %s，宽度 %v 落在区间内。窄网络则会整层失活：宽度 %d、深度 %d 时，%.0f%% 的网络一出生就是死的（最后一个隐藏层对所有输入都为零）。",
		slopeList(s.Widths, pathSlopes), pathHalving, s.Widths[0], deepest, 100*float64(born[strconv.Itoa(s.Widths[0])][strconv.Itoa(deepest)].Median))
	if !anyPathHalves {
		pathText = tf("Not even the share of active paths halves per layer within the band: slopes %s.", "就连激活路径占比也没有在区间内逐层减半：斜率为 %s。", slopeList(s.Widths, pathSlopes))
	}
	holds := HoldsNo
	switch {
	case sparse && rateHalves:
		holds = HoldsYes
	case sparse != rateHalves:
		holds = HoldsPartly
	}
	r.Verdict = verdict(holds, joinText(sparseText, rateText, pathText), rule)

	r.doc.setup = []text{
		tf("At initialisation: ReLU MLPs of widths %v and depths %v hidden layers (%s weights, zero biases), %d networks per cell on %d inputs x ~ N(0, I₂). For every hidden layer the activation rate is the share of (input, unit) pairs with pre-activation > 0. `rate[width][depth]` is the mean over layers; `path_fraction[width][depth]` the mean over inputs of Π_l a_l(x)/width, the share of input-to-output paths all of whose units are active; `born_dead[width][depth]` the share of networks whose last hidden layer is zero on every input. Each is averaged over the cell's networks, then summarised over seeds.",
			"初始化时：宽度 %v、隐藏层深度 %v 的 ReLU MLP（%s 权重，零偏置），每个单元格 %d 个网络，各用 %d 个输入 x ~ N(0, I₂)。每个隐藏层的激活率是预激活 > 0 的（输入，单元）对所占比例。`rate[width][depth]` 是各层的平均；`path_fraction[width][depth]` 是 Π_l a_l(x)/width 在输入上的平均，即所有单元都激活的输入到输出路径所占比例；`born_dead[width][depth]` 是最后一个隐藏层对所有输入都为零的网络比例。每个量先在单元格内的网络上平均，再汇总各种子。",
			s.Widths, s.Depths, s.Init, s.Networks, s.Samples),
		tf("After training: a ReLU network of %d hidden layers of width %d on %s (%d points), Adam (lr %g), batch %d, %d epochs; the rate of each layer on the training inputs, before and after.",
			"训练后：在 %[3]s（%[4]d 个点）上训练 %[1]d 个宽度为 %[2]d 的隐藏层的 ReLU 网络，Adam（lr %[5]g），批大小 %[6]d，%[7]d 轮；测量每层在训练输入上的激活率，训练前后各一次。",
			td, s.Trained.Width, s.Trained.Dataset.Name, s.Trained.Dataset.N, s.Trained.Optimizer.LR, s.Trained.BatchSize, s.Trained.Epochs),
	}
	byWidthDepth := func(key string, title text, m map[string]map[string]Stats, d int) mdTable {
		t := mdTable{key: key, title: title, header: []text{{"width \\ depth", "宽度 \\ 深度"}}}
		for _, depth := range s.Depths {
			t.header = append(t.header, plain(strconv.Itoa(depth)))
		}
		for _, w := range s.Widths {
			row := []text{plain(strconv.Itoa(w))}
			for _, depth := range s.Depths {
				st := m[strconv.Itoa(w)][strconv.Itoa(depth)]
				if d < 0 {
					row = append(row, statsCellG(st))
				} else {
					row = append(row, statsCell(st, d))
				}
			}
			t.rows = append(t.rows, row)
		}
		return t
	}
	slopeTable := mdTable{key: "slopes", title: text{"Fitted change of log2 per added layer (the claim says −1)", "每增加一层 log2 的拟合变化（该说法为 −1）"},
		header: []text{{"width", "宽度"}, plain("rate"), plain("path_fraction")}}
	for _, w := range s.Widths {
		slopeTable.rows = append(slopeTable.rows, []text{plain(strconv.Itoa(w)), plain(fixed(rateSlopes[w], 3)), plain(fixed(pathSlopes[w], 3))})
	}
	layerTable := mdTable{key: "trained", title: tf("Activation rate per layer of the trained network (%d×%d), test accuracy %s",
		"训练网络（%d×%d）的逐层激活率，测试准确率 %s", td, s.Trained.Width, statsCell(summarize(accs), 3)),
		header: []text{{"layer", "层"}, {"before training", "训练前"}, {"after training", "训练后"}}}
	bs, as := perLayerStats(before, td), perLayerStats(after, td)
	for l := range td {
		layerTable.rows = append(layerTable.rows, []text{plain(strconv.Itoa(l + 1)), statsCell(bs[l], 3), statsCell(as[l], 3)})
	}
	r.doc.tables = []mdTable{
		byWidthDepth("rate", text{"Mean per-layer activation rate at initialisation", "初始化时逐层平均激活率"}, rate, 3),
		byWidthDepth("path_fraction", text{"Share of active input-to-output paths at initialisation (2^-depth for comparison: 0.5, 0.25, 0.0625, 0.0039, 1.5e-05)", "初始化时激活路径占比（对照 2^-depth：0.5、0.25、0.0625、0.0039、1.5e-05）"}, path, -1),
		byWidthDepth("born_dead", text{"Share of networks born dead", "一出生就死亡的网络比例"}, born, 2),
		slopeTable, layerTable,
	}
	r.doc.notes = []text{tf("`rate_per_layer_init` in results.json holds the per-layer rates at depth %d for every width.",
		"results.json 中的 `rate_per_layer_init` 记录了深度 %d 时每个宽度的逐层激活率。", deepest)}
	if dir != "" {
		var series []plots.Series
		for _, w := range s.Widths {
			series = append(series, layerSeries(fmt.Sprintf("init, width %d", w), initLayers[strconv.Itoa(w)]))
		}
		series = append(series, layerSeries(fmt.Sprintf("trained %d×%d, before", td, s.Trained.Width), bs),
			layerSeries(fmt.Sprintf("trained %d×%d, after", td, s.Trained.Width), as))
		if err := plots.Lines(filepath.Join(dir, "rate_per_layer.png"), "ReLU activation rate per layer (median over seeds)",
			"hidden layer", "activation rate", false, false, series); err != nil {
			return nil, err
		}
		r.addFigure("rate_per_layer.png", tf("Activation rate against layer index: at initialisation for depth %d and each width, and for the trained network before and after training.",
			"激活率随层序号的变化：初始化时深度 %d 的各宽度，以及训练网络的训练前后。", deepest))
		series = series[:0]
		for _, w := range s.Widths {
			var ys []float64
			for _, depth := range s.Depths {
				ys = append(ys, float64(path[strconv.Itoa(w)][strconv.Itoa(depth)].Median))
			}
			series = append(series, plots.Series{Name: fmt.Sprintf("width %d", w), X: depths, Y: ys})
		}
		var ref []float64
		for _, x := range depths {
			ref = append(ref, math.Exp2(-x))
		}
		series = append(series, plots.Series{Name: "2^-depth", X: depths, Y: ref})
		if err := plots.Lines(filepath.Join(dir, "path_fraction.png"), "Share of active input-to-output paths at initialisation",
			"hidden layers", "path fraction (log scale)", false, true, series); err != nil {
			return nil, err
		}
		r.addFigure("path_fraction.png", text{"Share of active paths against depth, log scale, with the 2^-depth line (a width's zero is not drawn).",
			"激活路径占比随深度的变化（对数坐标），附 2^-depth 参考线（为零的点不画出）。"})
	}
	return r, nil
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

func slopeList(widths []int, m map[int]float64) string {
	s := ""
	for i, w := range widths {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%s (w%d)", fixed(m[w], 2), w)
	}
	return s
}
