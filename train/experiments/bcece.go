package experiments

import (
	"context"
	"fmt"
	"math"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/internal/fmath"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
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
	// Ceiling is the median accuracy at which, reached by both heads, a
	// data set has no power to tell them apart.
	Ceiling float64 `json:"ceiling"`
}

type bcDesign struct {
	s     bcSettings
	seeds []uint64
}

var bcHeads = []string{"bce", "ce"}

func planBCEvsCE(o Options) design {
	s := bcSettings{ZMin: -50, ZMax: 50, ZStep: 0.01,
		Datasets: []dataSpec{{"circle", 400, 0}, {"xor", 400, 0}, {"spiral", 400, 0}, {"moons", 400, 0.1}, {"gauss", 400, 0.5}},
		Body:     []int{2, 16, 16}, Act: "relu", Init: "he_normal",
		Optimizer: optimSpec{Name: "adam", LR: 0.01}, Epochs: 100, BatchSize: 32, Tolerance: 0.02, Ceiling: 0.99}
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

// sigmoid32 is the logistic function in float32 arithmetic, as PyTorch
// computes it on float32 tensors: 1 / (1 + e^−z), every step rounded to
// float32.
func sigmoid32(z float64) float32 {
	e := float32(fmath.Exp(-z))
	return 1 / (1 + e)
}

// softplus is log(1 + e^x) without overflow or loss of small values.
func softplus(x float64) float64 { return math.Max(x, 0) + fmath.Log1p(fmath.Exp(-math.Abs(x))) }

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
