package experiments

import (
	"context"
	"math"
	"slices"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/train"
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
	// for comparison, PyTorch's default for all, on seeds 1..GradSeeds
	// (single backward passes are cheap, so more seeds than training).
	GradSeeds   int               `json:"grad_seeds"`
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

// cvMinGradSeeds is the fewest seeds the gradient ratios are measured on
// at the default settings, so that their medians are stable.
const cvMinGradSeeds = 40

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
		GradSeeds: max(o.Seeds, cvMinGradSeeds),
	}
	if o.Quick {
		s.GradSeeds = o.Seeds
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
	return len(d.s.Activations) * len(cvInitVariants) * d.s.GradSeeds
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
		nv, ng := len(cvInitVariants), d.s.GradSeeds
		act, variant, seed := d.s.Activations[i/(ng*nv)], cvInitVariants[i/ng%nv], uint64(i%ng+1)
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
	Median Num `json:"median"`
	// Lo and Hi are the median's 95% bootstrap interval (+Inf, null in
	// JSON, where it reaches "never").
	Lo      Num `json:"lo"`
	Hi      Num `json:"hi"`
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
	lo, hi := bootstrapCI(sorted, median)
	return epochStats{Median: Num(median(sorted)), Lo: Num(lo), Hi: Num(hi), Min: Num(sorted[0]), Max: Num(sorted[len(sorted)-1]),
		Reached: reached, Runs: len(vs)}
}

func (e epochStats) cell() text {
	if e.Reached == 0 {
		return tf("never (0/%d)", "从未达到（0/%d）", e.Runs)
	}
	word := func(v Num) text {
		if math.IsInf(float64(v), 0) || math.IsNaN(float64(v)) {
			return text{"never", "未达到"}
		}
		return plain(fixed(float64(v), 0))
	}
	return tf("%s [%s, %s], %d/%d reached", "%s [%s, %s]，%d/%d 达到", word(e.Median), word(e.Lo), word(e.Hi), e.Reached, e.Runs)
}
