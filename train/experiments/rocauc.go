package experiments

import (
	"context"
	"math"
	"slices"

	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/train"
	"github.com/nnlab/nnlab/train/metrics"
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
	// About: the expected AUC of a random scorer is "about 0.5" when the
	// 95% interval of the mean over all random scorers lies within
	// ExpectedBand of 0.5 at every size. Band is only descriptive: the
	// share of single scorers within Band of 0.5.
	ExpectedBand float64 `json:"expected_band"`
	Band         float64 `json:"band"`
}

type raDesign struct {
	s     raSettings
	seeds []uint64
}

func planROCAUC(o Options) design {
	s := raSettings{RandomSizes: []int{20, 100, 1000}, Scorers: 1000,
		Data: dataSpec{"moons", 400, 0.3}, Sizes: []int{2, 16, 16, 2}, Init: "he_normal",
		Optimizer: optimSpec{Name: "adam", LR: 0.01}, Epochs: 100, BatchSize: 32,
		Thresholds:   []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9},
		ExpectedBand: 0.01, Band: 0.1}
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
	// The central 95% of the scorers' AUCs: what one random classifier
	// scores by chance.
	Lo []Num `json:"lo"`
	Hi []Num `json:"hi"`
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
		aucs := make([]float64, 0, d.s.Scorers)
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
			aucs = append(aucs, a)
			if math.Abs(a-0.5) <= d.s.Band {
				within++
			}
		}
		m := float64(d.s.Scorers)
		mean := sum / m
		out.Mean = append(out.Mean, Num(mean))
		out.SD = append(out.SD, Num(math.Sqrt(math.Max(0, (sq-m*mean*mean)/(m-1)))))
		out.Within = append(out.Within, Num(float64(within)/m))
		slices.Sort(aucs)
		out.Lo, out.Hi = append(out.Lo, Num(percentile(aucs, 0.025))), append(out.Hi, Num(percentile(aucs, 0.975)))
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
