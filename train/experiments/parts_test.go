package experiments

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
)

func TestAffineDeviation(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	x := tensor.Zeros(500, 3)
	x.FillNormal(rng, 0, 2)
	tests := []struct {
		name    string
		act     layer.Activation
		atLeast float64 // the deviation must be at least this
		below   float64 // and below this
	}{
		{"identity collapses", layer.Identity{}, 0, 1e-12},
		{"relu does not", layer.ReLU{}, 1e-3, math.Inf(1)},
		{"tanh does not", layer.Tanh{}, 1e-3, math.Inf(1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := layer.MLP([]int{3, 8, 8, 8, 8, 8, 2}, tt.act, layer.TorchDefault{}, rng)
			d := affineDeviation(m, x)
			if !(d >= tt.atLeast && d < tt.below) {
				t.Errorf("deviation %v, want in [%v, %v)", d, tt.atLeast, tt.below)
			}
		})
	}
}

func dense(w []float64, out, in int) *layer.Dense {
	return &layer.Dense{Weight: autograd.Param(tensor.New(w, out, in)), Bias: autograd.Param(tensor.Zeros(out))}
}

// TestMeasureActivity checks the counts on a network small enough to work
// out by hand: layer 1 computes [x, −x], layer 2 [s, −s] with s the sum of
// layer 1's outputs, so on x = 1, −1, 2 each layer has one unit of two
// active, layer 2's second unit never fires, and a quarter of the paths
// are active on every input.
func TestMeasureActivity(t *testing.T) {
	m := layer.NewSequential(dense([]float64{1, -1}, 2, 1), layer.ReLU{}, dense([]float64{1, 1, -1, -1}, 2, 2), layer.ReLU{}, dense([]float64{1, 1}, 1, 2))
	a := measureActivity(m, tensor.New([]float64{1, -1, 2}, 3, 1))
	if !slices.Equal(a.rates, []float64{0.5, 0.5}) {
		t.Errorf("rates %v, want [0.5 0.5]", a.rates)
	}
	if !slices.Equal(a.deadUnits, []int{0, 1}) {
		t.Errorf("dead units %v, want [0 1]", a.deadUnits)
	}
	if a.pathFraction != 0.25 {
		t.Errorf("path fraction %v, want 0.25", a.pathFraction)
	}
	if got := deadShare(a.alive); got != 0.25 {
		t.Errorf("dead share %v, want 1 of 4 units", got)
	}
	if !slices.Equal(a.zeros, []float64{0.5, 0.5}) {
		t.Errorf("zero shares %v, want [0.5 0.5]", a.zeros)
	}
	// leaky_relu's outputs are zero only where z is: z = 0 on x = 0.
	m = layer.NewSequential(dense([]float64{1, -1}, 2, 1), layer.LeakyReLU{NegativeSlope: 0.01}, dense([]float64{1, 1}, 1, 2))
	if z := measureActivity(m, tensor.New([]float64{1, 0, -1, 2}, 4, 1)).zeros; !slices.Equal(z, []float64{0.25}) {
		t.Errorf("leaky_relu zero share %v, want [0.25]", z)
	}
}

// TestLog2Fit checks the fit of sparsity-depth's slopes: exact on a
// halving, a zero median left out and named instead of a NaN slope, and
// no slope from fewer than two positive points.
func TestLog2Fit(t *testing.T) {
	x := []float64{1, 2, 4, 8, 16}
	b, left := log2Fit(x, []float64{0.5, 0.25, 0.0625, 0.00390625, 0})
	if math.Abs(b+1) > 1e-12 || !slices.Equal(left, []int{4}) {
		t.Errorf("halving with a zero at the end: slope %v, left %v; want -1, [4]", b, left)
	}
	b, left = log2Fit(x, []float64{0.5, 0.25, 0.0625, 0.00390625, 1.0 / 65536})
	if math.Abs(b+1) > 1e-12 || len(left) != 0 {
		t.Errorf("halving: slope %v, left %v; want -1, none", b, left)
	}
	b, left = log2Fit(x, []float64{0.5, 0, 0, 0, math.NaN()})
	if !math.IsNaN(b) || !slices.Equal(left, []int{1, 2, 3, 4}) {
		t.Errorf("one positive point: slope %v, left %v; want NaN, [1 2 3 4]", b, left)
	}
}

// TestBCEWithLogitsIsCE checks the identity the bce-vs-ce experiment
// measures, directly: BCE with logits on z equals cross-entropy on the two
// logits [0, z] for every z in [−50, 50] and both targets.
func TestBCEWithLogitsIsCE(t *testing.T) {
	const n = 10001
	z, two := tensor.Zeros(n), tensor.Zeros(n, 2)
	for i := range n {
		v := -50 + float64(i)/100
		z.Data()[i] = v
		two.Set(v, i, 1)
	}
	for y := range 2 {
		target := tensor.Full(float64(y), n)
		bce := autograd.BCEWithLogitsLoss(autograd.Const(z), target, nil, nil, autograd.ReduceNone).Value().Data()
		ce := autograd.CrossEntropyLoss(autograd.Const(two), target, autograd.CrossEntropyOptions{Reduction: autograd.ReduceNone}).Value().Data()
		for i := range bce {
			if d := math.Abs(bce[i] - ce[i]); !(d < 1e-9) {
				t.Fatalf("target %d, z = %v: BCE with logits %v, CE %v", y, z.Data()[i], bce[i], ce[i])
			}
		}
	}
}

func TestLossCurvesSaturation(t *testing.T) {
	c := computeLossCurves(bcSettings{ZMin: -50, ZMax: 50, ZStep: 0.01})
	if len(c.z) != 10001 || c.z[0] != -50 || c.z[10000] != 50 || c.z[8674] != 36.74 {
		t.Fatalf("grid %v … %v (%d points), z[8674] = %v", c.z[0], c.z[len(c.z)-1], len(c.z), c.z[8674])
	}
	// Past saturation the probability form of target 0 is clamped at 100
	// while the exact loss is about z.
	last := len(c.z) - 1
	if c.naive[0][last] != 100 || math.Abs(c.ref[0][last]-50) > 1e-12 || math.Abs(c.logits[0][last]-50) > 1e-12 {
		t.Errorf("at z = 50: naive %v, logits %v, exact %v", c.naive[0][last], c.logits[0][last], c.ref[0][last])
	}
}

func TestSummarize(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		in               []float64
		median, min, max float64
		n                int
	}{
		{[]float64{3, 1, 2}, 2, 1, 3, 3},
		{[]float64{4, 1, 3, 2}, 2.5, 1, 4, 4},
		{[]float64{nan, 5, math.Inf(1)}, 5, 5, 5, 1},
		{[]float64{nan}, nan, nan, nan, 0},
	}
	same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
	for _, tt := range tests {
		s := summarize(tt.in)
		if !same(float64(s.Median), tt.median) || !same(float64(s.Min), tt.min) || !same(float64(s.Max), tt.max) || s.N != tt.n {
			t.Errorf("summarize(%v) = %+v", tt.in, s)
		}
	}
	e := summarizeEpochs([]float64{5, nan, nan})
	if !math.IsInf(float64(e.Median), 1) || e.Min != 5 || e.Reached != 1 || e.Runs != 3 {
		t.Errorf("summarizeEpochs = %+v, want median never, min 5, 1 of 3", e)
	}
}

func TestNumJSON(t *testing.T) {
	for _, v := range []float64{0, -0.1, 1e-300, 36.74, math.NaN(), math.Inf(1)} {
		b, err := json.Marshal(Num(v))
		if err != nil {
			t.Fatal(err)
		}
		var back Num
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		want := v
		if math.IsInf(v, 0) {
			want = math.NaN()
		}
		if !(float64(back) == want || math.IsNaN(want) && math.IsNaN(float64(back))) {
			t.Errorf("%v -> %s -> %v", v, b, back)
		}
	}
}

// TestWriteDocs writes the two pages from the quick runs and checks that
// they name every experiment, link the figures where they are and carry
// the same numbers in both languages.
func TestWriteDocs(t *testing.T) {
	var results []*Result
	for _, e := range List() {
		r, _ := runQuick(t, e.Name)
		results = append(results, r)
	}
	root := t.TempDir()
	if err := WriteDocs(root, results); err != nil {
		t.Fatal(err)
	}
	en, err1 := os.ReadFile(filepath.Join(root, "experiments.md"))
	zh, err2 := os.ReadFile(filepath.Join(root, "zh", "experiments.md"))
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	for _, r := range results {
		for _, f := range r.Figures {
			if !bytes.Contains(en, []byte("](experiments/"+r.Experiment+"/"+f+")")) ||
				!bytes.Contains(zh, []byte("](../experiments/"+r.Experiment+"/"+f+")")) {
				t.Errorf("%s/%s not linked from both pages", r.Experiment, f)
			}
		}
		if !bytes.Contains(zh, []byte(r.doc.claim.zh)) || !bytes.Contains(en, []byte(r.Claim)) {
			t.Errorf("%s: claim missing", r.Experiment)
		}
	}
	numbers := regexp.MustCompile(`[-+−]?\d+(\.\d+)?(e[-+]?\d+)?`)
	list := func(b []byte) []string {
		// Only the reports: the introductions differ in wording.
		s := string(b)
		s = s[strings.Index(s, "\n## "):]
		out := numbers.FindAllString(strings.ReplaceAll(s, "−", "-"), -1)
		slices.Sort(out)
		return out
	}
	if a, b := list(en), list(zh); !slices.Equal(a, b) {
		t.Errorf("the pages carry different numbers:\n en only %v\n zh only %v", minus(a, b), minus(b, a))
	}
}

// minus returns the elements of a (sorted) not matched in b.
func minus(a, b []string) []string {
	count := map[string]int{}
	for _, x := range b {
		count[x]++
	}
	var out []string
	for _, x := range a {
		if count[x] > 0 {
			count[x]--
			continue
		}
		out = append(out, x)
	}
	return out
}

// TestRunDocs runs every experiment quickly into a docs folder: done sees
// each result in the order of List, and the pages and every experiment's
// results.json are written. Options that would put the results elsewhere
// are refused before anything runs.
func TestRunDocs(t *testing.T) {
	root := t.TempDir()
	for _, o := range []Options{{Quick: true, OutDir: root}, {Quick: true, Shard: 1, Shards: 2}} {
		if _, err := RunDocs(context.Background(), root, o, nil); err == nil {
			t.Errorf("RunDocs with %+v: no error", o)
		}
	}
	if entries, _ := os.ReadDir(root); len(entries) != 0 {
		t.Fatalf("refused runs wrote %v", entries)
	}
	var seen []string
	results, err := RunDocs(context.Background(), root, Options{Seeds: QuickSeeds, Quick: true}, func(r *Result) { seen = append(seen, r.Experiment) })
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(seen, Names()) || len(results) != len(seen) {
		t.Errorf("done saw %v, %d results; want %v", seen, len(results), Names())
	}
	for _, f := range append([]string{"experiments.md", filepath.Join("zh", "experiments.md")}, Names()...) {
		if !strings.HasSuffix(f, ".md") {
			f = filepath.Join("experiments", f, "results.json")
		}
		if _, err := os.Stat(filepath.Join(root, f)); err != nil {
			t.Error(err)
		}
	}
}

// The controls of dying-relu are paired with relu: for a seed, every
// activation trains on the same data from the same initial weights.
func TestDyingReLUControlsArePaired(t *testing.T) {
	d := planDyingReLU(QuickOptions()).(*drDesign)
	tr1, te1, m1, _, err := d.start("relu", 3)
	if err != nil {
		t.Fatal(err)
	}
	for _, act := range d.s.Activations[1:] {
		tr2, te2, m2, _, err := d.start(act, 3)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(tr1.X.Data(), tr2.X.Data()) || !slices.Equal(te1.Y, te2.Y) {
			t.Errorf("%s draws other data than relu", act)
		}
		p1, p2 := m1.NamedParameters(), m2.NamedParameters()
		for i := range p1 {
			if !slices.Equal(p1[i].Var.Value().Data(), p2[i].Var.Value().Data()) {
				t.Errorf("%s: parameter %s differs from relu's", act, p1[i].Name)
			}
		}
	}
	_, _, m3, _, _ := d.start("relu", 4)
	if slices.Equal(m1.NamedParameters()[0].Var.Value().Data(), m3.NamedParameters()[0].Var.Value().Data()) {
		t.Error("seeds 3 and 4 start from the same weights")
	}
}

// The timing note of the docs names the defaults it was measured at.
func TestSuiteTimingNamesTheDefaults(t *testing.T) {
	for _, want := range []string{fmt.Sprintf("%d seeds", DefaultSeeds), fmt.Sprintf("on %d", cvMinGradSeeds), fmt.Sprintf("%d resamples", Resamples)} {
		if !strings.Contains(suiteTiming.en, want) {
			t.Errorf("timing note lacks %q: %s", want, suiteTiming.en)
		}
	}
}
