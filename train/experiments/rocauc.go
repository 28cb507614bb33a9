package experiments

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"strconv"

	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/train"
	"github.com/nnlab/nnlab/train/metrics"
	"github.com/nnlab/nnlab/train/plots"
)

var rocAUC = &Experiment{
	Name:    "roc-auc",
	Claim:   "The ROC curve plots TPR against FPR over thresholds; AUC is 1 for a perfect classifier and about 0.5 for a random one.",
	ClaimZH: "ROC 曲线描绘不同阈值下 TPR 对 FPR 的关系；完美分类器的 AUC 为 1，随机分类器约为 0.5。",
	plan:    planROCAUC,
}

type raSettings struct {
	// Random scorers: Scorers per seed and test-set size, each giving
	// every sample an independent uniform score, on balanced labels.
	RandomSizes []int `json:"random_sizes"`
	Scorers     int   `json:"scorers"`
	// The trained model.
	Data       dataSpec  `json:"data"`
	Sizes      []int     `json:"sizes"`
	Init       string    `json:"init"`
	Optimizer  optimSpec `json:"optimizer"`
	Epochs     int       `json:"epochs"`
	BatchSize  int       `json:"batch_size"`
	Thresholds []float64 `json:"thresholds"`
	// About: a random scorer's AUC is "about 0.5" when within Band of
	// it for at least Share of random scorers on a test set of the
	// trained model's size.
	Band  float64 `json:"about_band"`
	Share float64 `json:"about_share"`
}

type raDesign struct {
	s     raSettings
	seeds []uint64
}

func planROCAUC(o Options) design {
	s := raSettings{RandomSizes: []int{20, 100, 1000}, Scorers: 1000,
		Data: dataSpec{"moons", 400, 0.3}, Sizes: []int{2, 16, 16, 2}, Init: "he_normal",
		Optimizer: optimSpec{Name: "adam", LR: 0.01}, Epochs: 100, BatchSize: 32,
		Thresholds: []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9},
		Band:       0.1, Share: 0.95}
	if o.Quick {
		s.Scorers, s.Data.N, s.Epochs = 200, 200, 15
	}
	// The middle size is the trained model's test set.
	s.RandomSizes[1] = int(math.Round(testFraction * float64(s.Data.N)))
	return &raDesign{s, o.seeds()}
}

func (d *raDesign) settings() any { return d.s }
func (d *raDesign) cells() int    { return 2 * len(d.seeds) }

// raRandom is the random scorers of one seed, by test-set size.
type raRandom struct {
	Mean   []Num `json:"mean"`
	SD     []Num `json:"sd"`
	Within []Num `json:"within"` // share within Band of 0.5
}

// raTrained is one trained model with a random and a perfect scorer on
// its test labels.
type raTrained struct {
	AUC         Num        `json:"auc"`
	PerfectAUC  Num        `json:"perfect_auc"`
	RandomAUC   Num        `json:"random_auc"`
	DefError    Num        `json:"definition_error"` // curve vs direct counts
	Monotone    bool       `json:"monotone"`
	TPR         []Num      `json:"tpr"` // at Thresholds
	FPR         []Num      `json:"fpr"`
	Precision   []Num      `json:"precision"`
	NPos        int        `json:"n_pos"`
	NNeg        int        `json:"n_neg"`
	Curves      []namedROC `json:"curves,omitempty"` // first seed only
	Diverged    bool       `json:"diverged"`
	TestSamples int        `json:"test_samples"`
}

type namedROC struct {
	Name string `json:"name"`
	FPR  []Num  `json:"fpr"`
	TPR  []Num  `json:"tpr"`
	AUC  Num    `json:"auc"`
}

func (d *raDesign) cell(ctx context.Context, i int) (any, error) {
	ns := len(d.seeds)
	if i < ns {
		return d.randomCell(d.seeds[i])
	}
	return d.trainedCell(ctx, d.seeds[i-ns], i-ns == 0)
}

func balancedLabels(n int) []int {
	y := make([]int, n)
	for i := n / 2; i < n; i++ {
		y[i] = 1
	}
	return y
}

func (d *raDesign) randomCell(seed uint64) (any, error) {
	rng := cellRNG("roc-auc", "random", seed)
	var out raRandom
	for _, n := range d.s.RandomSizes {
		y := balancedLabels(n)
		scores := make([]float64, n)
		var sum, sq float64
		within := 0
		for range d.s.Scorers {
			for j := range scores {
				scores[j] = rng.Float64()
			}
			a, err := metrics.ROCAUC(y, scores)
			if err != nil {
				return nil, err
			}
			sum += a
			sq += a * a
			if math.Abs(a-0.5) <= d.s.Band {
				within++
			}
		}
		m := float64(d.s.Scorers)
		mean := sum / m
		out.Mean = append(out.Mean, Num(mean))
		out.SD = append(out.SD, Num(math.Sqrt(math.Max(0, (sq-m*mean*mean)/(m-1)))))
		out.Within = append(out.Within, Num(float64(within)/m))
	}
	return out, nil
}

func (d *raDesign) trainedCell(ctx context.Context, seed uint64, keepCurves bool) (any, error) {
	s := d.s
	rng := cellRNG("roc-auc", "trained", seed)
	tr, te, err := s.Data.split(rng)
	if err != nil {
		return nil, err
	}
	ini, err := initFor(s.Init)
	if err != nil {
		return nil, err
	}
	shuffle := rng.Uint64()
	m := layer.MLP(s.Sizes, layer.ReLU{}, ini, rng)
	loss := layer.CrossEntropyLoss{}
	out := raTrained{TestSamples: te.Len()}
	run := fitRun{Model: m, Loss: loss, Outputs: 2, Optim: s.Optimizer, Epochs: s.Epochs, BatchSize: s.BatchSize, Seed: shuffle}
	if out.Diverged, err = run.fit(ctx, tr); err != nil || out.Diverged {
		return out, err
	}
	probs := train.Probabilities(m.Predict(te.X), loss)
	scores := make([]float64, te.Len())
	random, perfect := make([]float64, te.Len()), make([]float64, te.Len())
	for i := range scores {
		scores[i] = probs.At(i, 1)
		random[i] = rng.Float64()
		perfect[i] = float64(te.Y[i])
		if te.Y[i] == 1 {
			out.NPos++
		} else {
			out.NNeg++
		}
	}
	curve, err := metrics.ROC(te.Y, scores)
	if err != nil {
		return nil, err
	}
	out.DefError, out.Monotone = Num(checkROC(curve, te.Y, scores)), monotoneROC(curve)
	auc, err := metrics.ROCAUC(te.Y, scores)
	if err != nil {
		return nil, err
	}
	out.AUC = Num(auc)
	for _, t := range s.Thresholds {
		tpr, fpr, prec := ratesAt(te.Y, scores, t)
		out.TPR, out.FPR, out.Precision = append(out.TPR, Num(tpr)), append(out.FPR, Num(fpr)), append(out.Precision, Num(prec))
	}
	named := []struct {
		name   string
		scores []float64
		dst    *Num
	}{{"random scorer", random, &out.RandomAUC}, {"trained model", scores, nil}, {"perfect scorer", perfect, &out.PerfectAUC}}
	for _, n := range named {
		c, err := metrics.ROC(te.Y, n.scores)
		if err != nil {
			return nil, err
		}
		a, _ := metrics.ROCAUC(te.Y, n.scores)
		if n.dst != nil {
			*n.dst = Num(a)
		}
		if keepCurves {
			out.Curves = append(out.Curves, namedROC{Name: n.name, FPR: nums(c.FPR), TPR: nums(c.TPR), AUC: Num(a)})
		}
	}
	return out, nil
}

// checkROC recounts, at every threshold of the curve, the true- and
// false-positive rates of calling positive the samples scoring at least
// it, and returns the largest difference from the curve's point.
func checkROC(c metrics.ROCCurve, y []int, scores []float64) float64 {
	worst := math.Abs(c.FPR[0]) + math.Abs(c.TPR[0])
	for i, t := range c.Thresholds {
		tpr, fpr, _ := ratesAt(y, scores, t)
		worst = math.Max(worst, math.Max(math.Abs(tpr-c.TPR[i+1]), math.Abs(fpr-c.FPR[i+1])))
	}
	n := len(c.FPR) - 1
	return math.Max(worst, math.Abs(1-c.FPR[n])+math.Abs(1-c.TPR[n]))
}

func monotoneROC(c metrics.ROCCurve) bool {
	for i := 1; i < len(c.FPR); i++ {
		if c.FPR[i] < c.FPR[i-1] || c.TPR[i] < c.TPR[i-1] {
			return false
		}
	}
	return true
}

// ratesAt counts, calling positive every sample scoring at least t.
func ratesAt(y []int, scores []float64, t float64) (tpr, fpr, precision float64) {
	var tp, fp, pos, neg int
	for i, s := range scores {
		if y[i] == 1 {
			pos++
		} else {
			neg++
		}
		if s >= t {
			if y[i] == 1 {
				tp++
			} else {
				fp++
			}
		}
	}
	precision = math.NaN()
	if tp+fp > 0 {
		precision = float64(tp) / float64(tp+fp)
	}
	return float64(tp) / float64(pos), float64(fp) / float64(neg), precision
}

// theorySD is the standard deviation of the AUC of a random continuous
// scorer (the Mann–Whitney U statistic under the null, divided by
// n_pos·n_neg).
func theorySD(nPos, nNeg int) float64 {
	p, n := float64(nPos), float64(nNeg)
	return math.Sqrt((p + n + 1) / (12 * p * n))
}

func (d *raDesign) finish(raw []json.RawMessage, dir string) (*Result, error) {
	s := d.s
	ns := len(d.seeds)
	randoms, err := decodeCells[raRandom](raw[:ns])
	if err != nil {
		return nil, err
	}
	trained, err := decodeCells[raTrained](raw[ns:])
	if err != nil {
		return nil, err
	}
	type randomRow struct {
		Mean     Stats `json:"mean"`
		SD       Stats `json:"sd"`
		Within   Stats `json:"within_band"`
		TheorySD Num   `json:"theory_sd"`
		// Pooled over all seeds' scorers.
		PooledMean Num `json:"pooled_mean"`
		PooledSD   Num `json:"pooled_sd"`
		// The tolerance of the mean: 3 standard errors.
		MeanTolerance Num `json:"mean_tolerance"`
	}
	randomTable := map[string]randomRow{}
	meanOK, sdOK := true, true
	var sdRatios []float64
	for k, n := range s.RandomSizes {
		var m, sd, w []float64
		var pm, pv float64
		for _, c := range randoms {
			m, sd, w = append(m, float64(c.Mean[k])), append(sd, float64(c.SD[k])), append(w, float64(c.Within[k]))
			pm += float64(c.Mean[k]) / float64(ns)
			pv += float64(c.SD[k]*c.SD[k]) / float64(ns)
		}
		th := theorySD(n/2, n-n/2)
		tol := 3 * th / math.Sqrt(float64(s.Scorers*ns))
		row := randomRow{Mean: summarize(m), SD: summarize(sd), Within: summarize(w), TheorySD: Num(th),
			PooledMean: Num(pm), PooledSD: Num(math.Sqrt(pv)), MeanTolerance: Num(tol)}
		randomTable[strconv.Itoa(n)] = row
		if math.Abs(pm-0.5) > tol {
			meanOK = false
		}
		ratio := math.Sqrt(pv) / th
		sdRatios = append(sdRatios, ratio)
		if math.Abs(ratio-1) > 0.1 {
			sdOK = false
		}
	}
	var aucs, perfect, rnd []float64
	defErr, monotone, diverged := 0.0, true, 0
	nt := len(s.Thresholds)
	tprs, fprs, precs := make([][]float64, nt), make([][]float64, nt), make([][]float64, nt)
	var curves []namedROC
	nPos, nNeg := 0, 0
	for _, c := range trained {
		if c.Diverged {
			diverged++
			continue
		}
		aucs, perfect, rnd = append(aucs, float64(c.AUC)), append(perfect, float64(c.PerfectAUC)), append(rnd, float64(c.RandomAUC))
		defErr = math.Max(defErr, float64(c.DefError))
		monotone = monotone && c.Monotone
		for k := range nt {
			tprs[k], fprs[k], precs[k] = append(tprs[k], float64(c.TPR[k])), append(fprs[k], float64(c.FPR[k])), append(precs[k], float64(c.Precision[k]))
		}
		if c.Curves != nil {
			curves = c.Curves
		}
		nPos, nNeg = c.NPos, c.NNeg
	}
	type thresholdRow struct {
		Threshold float64 `json:"threshold"`
		TPR       Stats   `json:"tpr"`
		FPR       Stats   `json:"fpr"`
		Precision Stats   `json:"precision"`
	}
	var thresholds []thresholdRow
	for k, t := range s.Thresholds {
		thresholds = append(thresholds, thresholdRow{t, summarize(tprs[k]), summarize(fprs[k]), summarize(precs[k])})
	}
	testN := nPos + nNeg
	head, ok := randomTable[strconv.Itoa(testN)]
	if !ok {
		return nil, fmt.Errorf("test set of %d samples is not among the random sizes %v", testN, s.RandomSizes)
	}
	trainedAUC, perfectAUC := summarize(aucs), summarize(perfect)
	r := &Result{Tables: map[string]any{
		"random_auc_mean": head.PooledMean, "random_auc_sd": head.PooledSD, "theory_sd": head.TheorySD,
		"random_auc": randomTable, "trained_auc": trainedAUC, "perfect_auc": perfectAUC,
		"random_scorer_on_test_auc": summarize(rnd), "thresholds": thresholds,
		"roc_definition_error": Num(defErr), "diverged": diverged,
	}}

	// The rule.
	curveOK := defErr <= 1e-12 && monotone && len(aucs) > 0
	perfectOK := perfectAUC.N > 0 && float64(perfectAUC.Min) == 1
	about := float64(head.Within.Median) >= s.Share
	rule := tf("yes if every point of the trained model's ROC curve equals the TPR and FPR counted directly at its threshold (within 1e-12) and the curve rises from (0, 0) to (1, 1), the perfect scorer's AUC is exactly 1 for every seed, the random scorers' mean AUC is within 3 standard errors of 0.5 at every test-set size, and at least %.0f%% of random scorers on a test set of the trained model's size (%d) are within %.1f of 0.5; partly if all but the last hold; no otherwise.",
		"若训练模型 ROC 曲线的每个点都等于在其阈值处直接计数得到的 TPR 和 FPR（误差 1e-12 以内）且曲线从 (0, 0) 升到 (1, 1)，完美评分器的 AUC 在每个种子下都恰为 1，随机评分器的平均 AUC 在每种测试集大小下都在 0.5 的 3 个标准误以内，并且在与训练模型相同大小（%[2]d）的测试集上至少 %.0[1]f%% 的随机评分器落在 0.5 ± %.1[3]f 以内，则成立；只有最后一条不成立时为部分成立；否则不成立。",
		100*s.Share, testN, s.Band)
	holds := HoldsNo
	switch {
	case curveOK && perfectOK && meanOK && about:
		holds = HoldsYes
	case curveOK && perfectOK && meanOK:
		holds = HoldsPartly
	}
	small := randomTable[strconv.Itoa(s.RandomSizes[0])]
	curveText := tf("The ROC curve is TPR against FPR over thresholds: each of its points matches a direct count (largest difference %s).",
		"ROC 曲线就是不同阈值下 TPR 对 FPR 的曲线：它的每个点都与直接计数一致（最大差 %s）。", num(defErr))
	if !curveOK {
		curveText = tf("The ROC curve does not match direct counts of TPR and FPR (largest difference %s, monotone: %v).",
			"ROC 曲线与直接计数的 TPR 和 FPR 不一致（最大差 %s，单调：%v）。", num(defErr), monotone)
	}
	aucText := tf("A perfect scorer gets AUC %s; the trained model %s.", "完美评分器的 AUC 为 %s；训练模型为 %s。",
		statsCell(perfectAUC, 3), statsCell(trainedAUC, 3))
	meanText := tf("Random scorers average %.4f on %d test samples, within 3 standard errors of 0.5 at every size,",
		"随机评分器在 %[2]d 个测试样本上的平均 AUC 为 %.4[1]f，在每种大小下都在 0.5 的 3 个标准误以内，", float64(head.PooledMean), testN)
	if !meanOK {
		meanText = tf("Random scorers average %.4f on %d test samples, but at some size the mean is more than 3 standard errors from 0.5,",
			"随机评分器在 %[2]d 个测试样本上的平均 AUC 为 %.4[1]f，但在某些大小下均值偏离 0.5 超过 3 个标准误，", float64(head.PooledMean), testN)
	}
	spread := tf("and a single one is spread with standard deviation %.3f (theory %.3f): %.0f%% of them land within %.1f of 0.5 there, and on %d samples the spread is %.3f.",
		"而单个随机评分器的标准差为 %.3f（理论 %.3f）：其中 %.0f%% 落在 0.5 ± %.1f 以内；在 %d 个样本上标准差为 %.3f。",
		float64(head.PooledSD), float64(head.TheorySD), 100*float64(head.Within.Median), s.Band, s.RandomSizes[0], float64(small.PooledSD))
	why := joinText(curveText, aucText, meanText, spread)
	if holds == HoldsPartly {
		why = joinText(why, tf("So \"about 0.5\" is true of the average; one random classifier on a test set this small can score 0.6 or 0.4 by chance.",
			"所以“约为 0.5”说的是平均值；在这么小的测试集上，单个随机分类器可能碰巧得到 0.6 或 0.4。"))
	}
	if !sdOK {
		why = joinText(why, tf("The measured spread differs from theory by more than 10%% at some size (ratios %s).", "在某些大小下实测标准差与理论值相差超过 10%%（比值 %s）。", numList(sdRatios)))
	}
	r.Verdict = verdict(holds, why, rule)

	r.doc.setup = []text{
		tf("Random scorers: %d per seed and test-set size %v (balanced labels), each scoring every sample uniformly at random; `random_auc[n]` has the mean and standard deviation of their AUCs against `theory_sd` = sqrt((n_pos + n_neg + 1) / (12·n_pos·n_neg)). `random_auc_mean`, `random_auc_sd` and `theory_sd` are those at the trained model's test size.",
			"随机评分器：每个种子、每种测试集大小 %[2]v（平衡标签）各 %[1]d 个，每个都给每个样本一个均匀随机分数；`random_auc[n]` 给出其 AUC 的均值与标准差，并与 `theory_sd` = sqrt((n_pos + n_neg + 1) / (12·n_pos·n_neg)) 比较。`random_auc_mean`、`random_auc_sd` 和 `theory_sd` 取训练模型测试集大小下的值。",
			s.Scorers, s.RandomSizes),
		tf("Trained model: MLP %v (relu, %s) on %s (%d points, noise %g), Adam (lr %g), batch %d, %d epochs; its ROC on the test set (`trained_auc`), checked point by point against direct counts (`roc_definition_error`), and a threshold table. On the same test labels, a random scorer and a perfect one (score = label).",
			"训练模型：MLP %v（relu，%s），数据 %s（%d 个点，噪声 %g），Adam（lr %g），批大小 %d，%d 轮；测试集上的 ROC（`trained_auc`），逐点与直接计数比较（`roc_definition_error`），以及阈值表。在相同测试标签上，另有一个随机评分器和一个完美评分器（分数 = 标签）。",
			s.Sizes, s.Init, s.Data.Name, s.Data.N, s.Data.Noise, s.Optimizer.LR, s.BatchSize, s.Epochs),
	}
	st := mdTable{key: "random_auc_mean, random_auc_sd, theory_sd, trained_auc, perfect_auc, roc_definition_error",
		title:  tf("Headline numbers (test set of %d)", "主要数字（测试集 %d 个样本）", testN),
		header: []text{{"quantity", "量"}, {"value", "值"}},
		rows: [][]text{
			{plain("random_auc_mean"), plain(fixed(float64(head.PooledMean), 4))},
			{plain("random_auc_sd"), plain(fixed(float64(head.PooledSD), 4))},
			{plain("theory_sd"), plain(fixed(float64(head.TheorySD), 4))},
			{plain("trained_auc"), statsCell(trainedAUC, 3)},
			{plain("perfect_auc"), statsCell(perfectAUC, 3)},
			{plain("random_scorer_on_test_auc"), statsCell(summarize(rnd), 3)},
			{plain("roc_definition_error"), plain(num(defErr))},
		}}
	rt := mdTable{key: "random_auc", title: text{"Random scorers by test-set size (pooled over seeds)", "按测试集大小的随机评分器（各种子合并）"},
		header: []text{plain("n"), {"mean AUC", "平均 AUC"}, {"sd", "标准差"}, plain("theory_sd"), tf("within %.1f of 0.5", "在 0.5 ± %.1f 内", s.Band)}}
	for _, n := range s.RandomSizes {
		row := randomTable[strconv.Itoa(n)]
		rt.rows = append(rt.rows, []text{plain(strconv.Itoa(n)), plain(fixed(float64(row.PooledMean), 4)), plain(fixed(float64(row.PooledSD), 4)),
			plain(fixed(float64(row.TheorySD), 4)), statsCell(row.Within, 3)})
	}
	tt := mdTable{key: "thresholds", title: text{"The trained model at fixed thresholds on P(class 1)", "训练模型在 P(类别 1) 的固定阈值下的表现"},
		header: []text{{"threshold", "阈值"}, plain("TPR"), plain("FPR"), {"precision", "精确率"}}}
	for _, row := range thresholds {
		tt.rows = append(tt.rows, []text{plain(fmt.Sprint(row.Threshold)), statsCell(row.TPR, 3), statsCell(row.FPR, 3), statsCell(row.Precision, 3)})
	}
	r.doc.tables = []mdTable{st, rt, tt}
	r.doc.notes = []text{tf("`diverged`: %d of %d trained runs diverged and are left out.", "`diverged`：%d/%d 次训练运行发散，未计入。", diverged, ns)}
	if dir != "" && curves != nil {
		var nc []plots.NamedCurve
		for _, c := range curves {
			nc = append(nc, plots.NamedCurve{Name: c.Name, Curve: metrics.ROCCurve{FPR: floats(c.FPR), TPR: floats(c.TPR)}, AUC: float64(c.AUC)})
		}
		if err := plots.ROC(filepath.Join(dir, "roc.png"), nc, fmt.Sprintf("ROC on %d test samples (seed %d)", testN, d.seeds[0])); err != nil {
			return nil, err
		}
		r.addFigure("roc.png", tf("ROC curves of a random scorer, the trained model and a perfect scorer on the same test labels (seed %d), with the diagonal.",
			"同一组测试标签上随机评分器、训练模型和完美评分器的 ROC 曲线（种子 %d），以及对角线。", d.seeds[0]))
	}
	return r, nil
}
