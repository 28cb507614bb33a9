package experiments

import (
	"bytes"
	"context"
	"encoding/json"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// quickRuns caches one quick run per experiment, shared by the tests that
// only read results.
var quickRuns sync.Map // name -> *quickRun

type quickRun struct {
	once sync.Once
	dir  string
	res  *Result
	err  error
}

func runQuick(t *testing.T, name string) (*Result, string) {
	t.Helper()
	v, _ := quickRuns.LoadOrStore(name, &quickRun{})
	q := v.(*quickRun)
	q.once.Do(func() {
		q.dir, q.err = os.MkdirTemp("", "nnlab-exp-")
		if q.err != nil {
			return
		}
		e, ok := Lookup(name)
		if !ok {
			q.err = os.ErrNotExist
			return
		}
		q.res, q.err = e.Run(context.Background(), Options{Seeds: QuickSeeds, Quick: true, OutDir: q.dir})
	})
	if q.err != nil {
		t.Fatalf("%s: %v", name, q.err)
	}
	return q.res, filepath.Join(q.dir, name)
}

func TestMain(m *testing.M) {
	code := m.Run()
	quickRuns.Range(func(_, v any) bool {
		if q := v.(*quickRun); q.dir != "" {
			os.RemoveAll(q.dir)
		}
		return true
	})
	os.Exit(code)
}

// TestQuickOutputs checks, for every experiment, what must hold whatever
// the data says: the files exist and parse, the verdict is one of three,
// the report names every table, the figures are PNGs.
func TestQuickOutputs(t *testing.T) {
	for _, e := range List() {
		t.Run(e.Name, func(t *testing.T) {
			r, dir := runQuick(t, e.Name)
			got, err := ReadResult(filepath.Join(dir, "results.json"))
			if err != nil {
				t.Fatal(err)
			}
			if got.Experiment != e.Name || got.Claim != e.Claim || !got.Quick {
				t.Errorf("results.json names %q (quick %v), want %q", got.Experiment, got.Quick, e.Name)
			}
			if len(got.Seeds) != QuickSeeds || got.Seeds[0] != 1 {
				t.Errorf("seeds %v, want %d seeds from 1", got.Seeds, QuickSeeds)
			}
			var settings map[string]any
			if err := json.Unmarshal(got.Settings, &settings); err != nil || len(settings) == 0 {
				t.Errorf("settings %s: %v", got.Settings, err)
			}
			switch got.Verdict.Holds {
			case HoldsYes, HoldsNo, HoldsPartly:
			default:
				t.Errorf("verdict holds %q", got.Verdict.Holds)
			}
			for what, s := range map[string]string{"text": got.Verdict.Text, "rule": got.Verdict.Rule, "text_zh": got.Verdict.TextZH, "rule_zh": got.Verdict.RuleZH} {
				if strings.TrimSpace(s) == "" {
					t.Errorf("verdict %s is empty", what)
				}
			}
			if len(got.Tables) == 0 || len(got.Tables) != len(r.Tables) {
				t.Errorf("results.json has %d tables, the run %d", len(got.Tables), len(r.Tables))
			}
			report, err := os.ReadFile(filepath.Join(dir, "report.md"))
			if err != nil {
				t.Fatal(err)
			}
			for l, md := range []string{string(report), r.Markdown(Chinese)} {
				for name := range got.Tables {
					if !strings.Contains(md, name) {
						t.Errorf("report (lang %d) does not mention table %q", l, name)
					}
				}
				if !strings.Contains(md, holdsText(got.Verdict.Holds).in(Lang(l))) {
					t.Errorf("report (lang %d) does not state the verdict", l)
				}
			}
			if len(got.Figures) == 0 && e.Name != "convergence" {
				t.Errorf("no figures")
			}
			for _, f := range got.Figures {
				if !strings.Contains(string(report), "]("+f+")") {
					t.Errorf("report does not link %s", f)
				}
				fh, err := os.Open(filepath.Join(dir, f))
				if err != nil {
					t.Fatal(err)
				}
				img, err := png.Decode(fh)
				fh.Close()
				if err != nil {
					t.Errorf("%s: %v", f, err)
				} else if b := img.Bounds(); b.Dx() < 100 || b.Dy() < 100 {
					t.Errorf("%s is %v", f, b)
				}
			}
		})
	}
}

// checkStats fails unless every Stats in the JSON value v (nested maps
// and lists) lies in [lo, hi] with min <= median <= max.
func checkStats(t *testing.T, path string, v any, lo, hi float64) int {
	t.Helper()
	n := 0
	switch x := v.(type) {
	case map[string]any:
		if _, ok := x["median"]; ok {
			if _, ok := x["min"]; ok {
				vals := [3]float64{}
				for i, k := range []string{"min", "median", "max"} {
					f, isNum := x[k].(float64)
					if !isNum {
						if x[k] != nil {
							t.Errorf("%s.%s = %v", path, k, x[k])
						}
						return 1
					}
					vals[i] = f
				}
				if vals[0] < lo || vals[2] > hi || vals[0] > vals[1] || vals[1] > vals[2] {
					t.Errorf("%s: min %v, median %v, max %v outside [%v, %v] or out of order", path, vals[0], vals[1], vals[2], lo, hi)
				}
				return 1
			}
		}
		for k, e := range x {
			n += checkStats(t, path+"."+k, e, lo, hi)
		}
	case []any:
		for i, e := range x {
			n += checkStats(t, path+"["+strconv.Itoa(i)+"]", e, lo, hi)
		}
	}
	return n
}

func tableOf(t *testing.T, r *Result, name string) any {
	t.Helper()
	var v any
	if err := r.Table(name, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func num64(t *testing.T, r *Result, name string) float64 {
	t.Helper()
	var v Num
	if err := r.Table(name, &v); err != nil {
		t.Fatal(err)
	}
	return float64(v)
}

func TestQuickInvariants(t *testing.T) {
	tests := []struct {
		name  string
		check func(t *testing.T, r *Result)
	}{
		{"linear-collapse", func(t *testing.T, r *Result) {
			if d := num64(t, r, "max_deviation"); !(d < 1e-9) {
				t.Errorf("max_deviation = %v, want < 1e-9", d)
			}
			if n := checkStats(t, "accuracy", tableOf(t, r, "accuracy"), 0, 1); n != 16 {
				t.Errorf("%d accuracy cells, want 4 data sets × 4 models", n)
			}
		}},
		{"sparsity-depth", func(t *testing.T, r *Result) {
			for _, name := range []string{"rate", "path_fraction", "born_dead", "rate_per_layer_init", "trained"} {
				if checkStats(t, name, tableOf(t, r, name), 0, 1) == 0 {
					t.Errorf("%s has no statistics", name)
				}
			}
			// A path through depth layers is active only if a unit of every
			// layer is, so the path fraction cannot exceed the share of
			// inputs on which each layer has an active unit; with depth 1 it
			// equals the rate.
			var rate, path map[string]map[string]Stats
			if err := r.Table("rate", &rate); err != nil {
				t.Fatal(err)
			}
			if err := r.Table("path_fraction", &path); err != nil {
				t.Fatal(err)
			}
			for w := range rate {
				if a, b := rate[w]["1"].Median, path[w]["1"].Median; math.Abs(float64(a-b)) > 1e-12 {
					t.Errorf("width %s depth 1: rate %v != path fraction %v", w, a, b)
				}
			}
			checkSparsityControls(t, r, rate)
		}},
		{"convergence", func(t *testing.T, r *Result) {
			var ratios map[string]Stats
			if err := r.Table("grad_ratio", &ratios); err != nil {
				t.Fatal(err)
			}
			if len(ratios) != 6 {
				t.Errorf("grad_ratio for %d activations, want 6", len(ratios))
			}
			for a, s := range ratios {
				if !(s.Min > 0) || math.IsInf(float64(s.Max), 0) {
					t.Errorf("grad_ratio[%s] = %+v, want positive and finite", a, s)
				}
			}
			var best map[string]struct {
				LR     Num        `json:"lr"`
				Epochs epochStats `json:"epochs"`
			}
			if err := r.Table("epochs_to_target", &best); err != nil {
				t.Fatal(err)
			}
			var s cvSettings
			if err := json.Unmarshal(r.Settings, &s); err != nil {
				t.Fatal(err)
			}
			for a, b := range best {
				if m := float64(b.Epochs.Median); !math.IsNaN(m) && (m < 1 || m > float64(s.MaxEpochs)) {
					t.Errorf("epochs_to_target[%s] = %v outside [1, %d]", a, m, s.MaxEpochs)
				}
				if b.Epochs.Reached > b.Epochs.Runs {
					t.Errorf("%s: %d of %d runs reached", a, b.Epochs.Reached, b.Epochs.Runs)
				}
				// No best learning rate for an activation that never got
				// there in more than half its runs at any rate, and a best
				// rate always has a median.
				never := math.IsNaN(float64(b.Epochs.Median))
				if never != math.IsNaN(float64(b.LR)) || !never && 2*b.Epochs.Reached <= b.Epochs.Runs {
					t.Errorf("epochs_to_target[%s]: lr %v with %+v", a, b.LR, b.Epochs)
				}
			}
			for a, st := range ratios {
				if st.N != s.GradSeeds || s.GradSeeds != len(r.Seeds) {
					t.Errorf("grad_ratio[%s] of %d seeds, grad_seeds %d, seeds %d; quick runs them on the same seeds", a, st.N, s.GradSeeds, len(r.Seeds))
				}
			}
		}},
		{"dying-relu", func(t *testing.T, r *Result) {
			for _, name := range []string{"dead_fraction", "dead_at_init", "died", "revived", "accuracy", "controls"} {
				if checkStats(t, name, tableOf(t, r, name), 0, 1) == 0 {
					t.Errorf("%s has no statistics", name)
				}
			}
			var div map[string]map[string]int
			if err := r.Table("diverged", &div); err != nil {
				t.Fatal(err)
			}
			// Every run starts from the same network for a seed, so the
			// mechanism's step 0 is relu's dead fraction at initialisation
			// in every cell of the sweep.
			var mech map[string][]Stats
			var init map[string]map[string]Stats
			if err := r.Table("mechanism_dead_by_step", &mech); err != nil {
				t.Fatal(err)
			}
			if err := r.Table("dead_at_init", &init); err != nil {
				t.Fatal(err)
			}
			if len(mech) == 0 {
				t.Fatal("no mechanism runs")
			}
			for k, steps := range mech {
				if len(steps) < 2 {
					t.Errorf("mechanism %s: %d steps", k, len(steps))
					continue
				}
				for o, byLR := range init {
					for lr, st := range byLR {
						if st.Median != steps[0].Median || st.N != steps[0].N {
							t.Errorf("dead_at_init[%s][%s] = %+v, mechanism %s step 0 = %+v", o, lr, st, k, steps[0])
						}
					}
				}
			}
			var pairedDiff map[string]Stats
			if err := r.Table("paired_control_minus_relu", &pairedDiff); err != nil {
				t.Fatal(err)
			}
			if len(pairedDiff) != 2 || pairedDiff["leaky_relu"].N == 0 || pairedDiff["elu"].N == 0 {
				t.Errorf("paired controls %+v, want leaky_relu and elu", pairedDiff)
			}
			for o, m := range div {
				for lr, n := range m {
					if n < 0 || n > len(r.Seeds) {
						t.Errorf("diverged[%s][%s] = %d of %d runs", o, lr, n, len(r.Seeds))
					}
				}
			}
		}},
		{"init", checkInit},
		{"feature-nonlinearity", func(t *testing.T, r *Result) {
			if n := checkStats(t, "accuracy", tableOf(t, r, "accuracy"), 0, 1); n != 4 {
				t.Errorf("%d accuracy cells, want 2 data sets × 2 feature sets", n)
			}
			if n := checkStats(t, "gain", tableOf(t, r, "gain"), -1, 1); n != 2 {
				t.Errorf("%d gains, want one per data set", n)
			}
			var s fnSettings
			if err := json.Unmarshal(r.Settings, &s); err != nil {
				t.Fatal(err)
			}
			if s.FeatureSets[0] != "x1,x2" || s.Judged != "circle" {
				t.Errorf("settings %+v: want the raw inputs first and circle judged", s)
			}
		}},
		{"bce-vs-ce", func(t *testing.T, r *Result) {
			var l struct {
				MaxAbsDiff Num `json:"max_abs_diff"`
				SatZ       Num `json:"naive_saturation_z"`
				SatZ32     Num `json:"naive_saturation_z_float32"`
			}
			if err := r.Table("losses", &l); err != nil {
				t.Fatal(err)
			}
			if !(l.MaxAbsDiff < 1e-9) {
				t.Errorf("max_abs_diff = %v, want < 1e-9", l.MaxAbsDiff)
			}
			if z := float64(l.SatZ); !(sigmoid(z) == 1 && sigmoid(z-0.01) < 1) {
				t.Errorf("naive_saturation_z = %v is not where sigmoid first rounds to 1", z)
			}
			// float32 rounds sigmoid to 1 far sooner than float64.
			if z := float64(l.SatZ32); !(sigmoid32(z) == 1 && sigmoid32(z-0.01) < 1 && z < float64(l.SatZ)) {
				t.Errorf("naive_saturation_z_float32 = %v is not where float32 sigmoid first rounds to 1 (float64: %v)", z, l.SatZ)
			}
			if checkStats(t, "heads", tableOf(t, r, "heads"), 0, 1) != 20 {
				t.Errorf("want accuracy and AUC of 2 heads on 5 data sets")
			}
			checkStats(t, "head_diff", tableOf(t, r, "head_diff"), -1, 1)
		}},
		{"roc-auc", func(t *testing.T, r *Result) {
			for _, name := range []string{"trained_auc", "perfect_auc", "random_scorer_on_test_auc", "random_auc", "thresholds"} {
				checkStats(t, name, tableOf(t, r, name), 0, 1)
			}
			var perfect Stats
			if err := r.Table("perfect_auc", &perfect); err != nil {
				t.Fatal(err)
			}
			if perfect.Min != 1 || perfect.Max != 1 {
				t.Errorf("perfect_auc = %+v, want exactly 1", perfect)
			}
			if e := num64(t, r, "roc_definition_error"); e != 0 {
				t.Errorf("roc_definition_error = %v", e)
			}
			var rnd map[string]struct {
				TheorySD   Num      `json:"theory_sd"`
				PooledMean Num      `json:"pooled_mean"`
				Expected   Estimate `json:"expected_auc"`
				ChanceLo   Stats    `json:"chance_lo"`
				ChanceHi   Stats    `json:"chance_hi"`
			}
			if err := r.Table("random_auc", &rnd); err != nil {
				t.Fatal(err)
			}
			for k, row := range rnd {
				n, _ := strconv.Atoi(k)
				p, q := float64(n/2), float64(n-n/2)
				if want := math.Sqrt((p + q + 1) / (12 * p * q)); math.Abs(float64(row.TheorySD)-want) > 1e-15 {
					t.Errorf("theory_sd[%d] = %v, want %v", n, row.TheorySD, want)
				}
				// The expectation is judged on the mean over every scorer,
				// with an interval over seeds; a single scorer's chance
				// range surrounds 0.5 and is wider than that interval.
				e := row.Expected
				if math.Abs(float64(e.Value-row.PooledMean)) > 1e-12 || e.N != len(r.Seeds) {
					t.Errorf("random_auc[%d]: expected %+v, pooled mean %v, %d seeds", n, e, row.PooledMean, len(r.Seeds))
				}
				if !(row.ChanceLo.Median < 0.5 && 0.5 < row.ChanceHi.Median) || !(row.ChanceHi.Median-row.ChanceLo.Median > e.Hi-e.Lo) {
					t.Errorf("random_auc[%d]: chance range [%v, %v] vs expectation %+v", n, row.ChanceLo.Median, row.ChanceHi.Median, e)
				}
			}
			if m := num64(t, r, "random_auc_mean"); m < 0 || m > 1 {
				t.Errorf("random_auc_mean = %v", m)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, dir := runQuick(t, tt.name)
			// The checks read the file, as another program would.
			got, err := ReadResult(filepath.Join(dir, "results.json"))
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, got)
			if checkIntervals(t, tt.name, map[string]any(got.Tables)) == 0 {
				t.Errorf("no table has a median with its interval")
			}
			if len(got.Tables) != len(r.Tables) {
				t.Errorf("tables differ between the run and its file")
			}
		})
	}
}

// checkSparsityControls checks the controls of sparsity-depth: relu's
// output is exactly zero where its pre-activation is not positive, so its
// zero share and rate add up to 1; relu's rates are the main table's;
// leaky_relu, elu and tanh are zero only where z is, which N(0, I₂) inputs
// never hit; every width has a slope or names the depths its fit left out.
func checkSparsityControls(t *testing.T, r *Result, rate map[string]map[string]Stats) {
	t.Helper()
	var c struct {
		Rate  map[string]map[string]map[string]Stats `json:"rate"`
		Zeros map[string]map[string]map[string]Stats `json:"zero_share"`
	}
	if err := r.Table("controls", &c); err != nil {
		t.Fatal(err)
	}
	if len(c.Rate) != 4 || len(c.Zeros) != 4 {
		t.Fatalf("controls for %d and %d activations, want relu and 3 controls", len(c.Rate), len(c.Zeros))
	}
	for w, byDepth := range rate {
		for dk, st := range byDepth {
			if c.Rate["relu"][w][dk] != st {
				t.Errorf("relu rate w%s d%s: %+v in controls, %+v in rate", w, dk, c.Rate["relu"][w][dk], st)
			}
			if z := c.Zeros["relu"][w][dk].Median; math.Abs(float64(z+st.Median)-1) > 1e-9 {
				t.Errorf("relu w%s d%s: zero share %v + rate %v != 1", w, dk, z, st.Median)
			}
			for _, act := range []string{"leaky_relu", "elu", "tanh"} {
				if z := c.Zeros[act][w][dk]; z.Max != 0 {
					t.Errorf("%s w%s d%s: zero share %+v, want 0", act, w, dk, z)
				}
				if st := c.Rate[act][w][dk]; !(st.Min > 0 && st.Max < 1) {
					t.Errorf("%s w%s d%s: rate %+v, want inside (0, 1)", act, w, dk, st)
				}
			}
		}
	}
	var slopes struct {
		Rate map[string]Num   `json:"rate_log2_per_layer"`
		Path map[string]Num   `json:"path_fraction_log2_per_layer"`
		Left map[string][]int `json:"path_fraction_depths_left_out"`
	}
	if err := r.Table("slopes", &slopes); err != nil {
		t.Fatal(err)
	}
	for w, b := range slopes.Path {
		if math.IsNaN(float64(b)) && len(slopes.Left[w]) == 0 {
			t.Errorf("width %s: path slope NaN without a depth left out", w)
		}
	}
}

// checkInit checks the init experiment: shares lie in [0, 1]; he_normal
// and xavier_normal draw the same normals scaled per layer and a ReLU
// network without bias is positively homogeneous, so the two are born dead
// on exactly the same networks; counts stay within the runs.
func checkInit(t *testing.T, r *Result) {
	for _, name := range []string{"born_dead", "dead_units_at_birth", "trained"} {
		if checkStats(t, name, tableOf(t, r, name), 0, 1) == 0 {
			t.Errorf("%s has no statistics", name)
		}
	}
	var born map[string]map[string]map[string]Stats
	if err := r.Table("born_dead", &born); err != nil {
		t.Fatal(err)
	}
	if len(born) != 4 {
		t.Fatalf("born_dead for %d initialisations, want 4", len(born))
	}
	for w, byDepth := range born["he_normal"] {
		for dk, st := range byDepth {
			if x := born["xavier_normal"][w][dk]; x != st {
				t.Errorf("w%s d%s: he_normal %+v, xavier_normal %+v; want the same networks born dead", w, dk, st, x)
			}
		}
	}
	var tr map[string]inTrained
	if err := r.Table("trained", &tr); err != nil {
		t.Fatal(err)
	}
	for init, x := range tr {
		if x.Runs != len(r.Seeds) || x.BornDead > x.Runs || x.Diverged > x.Runs {
			t.Errorf("%s: %+v with %d seeds", init, x, len(r.Seeds))
		}
	}
	checkStats(t, "dead_after_difference", tableOf(t, r, "dead_after_difference"), -1, 1)
}

// checkIntervals wants every statistic with an interval (median or value,
// lo, hi) in v to hold its estimate: lo <= estimate <= hi, and inside
// [min, max] where those are given; null ("never") counts as +Inf. It
// returns how many it checked.
func checkIntervals(t *testing.T, path string, v any) int {
	t.Helper()
	n := 0
	switch x := v.(type) {
	case map[string]any:
		_, hasLo := x["lo"]
		_, hasHi := x["hi"]
		est, hasEst := x["median"]
		if !hasEst {
			est, hasEst = x["value"]
		}
		if hasLo && hasHi && hasEst {
			f := func(v any) float64 {
				if v == nil {
					return math.Inf(1)
				}
				return v.(float64)
			}
			lo, m, hi := f(x["lo"]), f(est), f(x["hi"])
			if x["lo"] != nil || est != nil {
				if !(lo <= m && m <= hi) {
					t.Errorf("%s: interval [%v, %v] does not hold %v", path, lo, hi, m)
				}
				if mn, ok := x["min"]; ok && mn != nil && !(f(mn) <= lo && hi <= f(x["max"])) {
					t.Errorf("%s: interval [%v, %v] outside [min %v, max %v]", path, lo, hi, mn, x["max"])
				}
			}
			return 1
		}
		for k, e := range x {
			n += checkIntervals(t, path+"."+k, e)
		}
	case []any:
		for i, e := range x {
			n += checkIntervals(t, path+"["+strconv.Itoa(i)+"]", e)
		}
	}
	return n
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// TestShardsMergeToOneRun runs each experiment whole with one worker and in
// three shards with two, merges the shards and wants the same results.json
// byte for byte.
func TestShardsMergeToOneRun(t *testing.T) {
	for _, e := range List() {
		t.Run(e.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			whole := t.TempDir()
			if _, err := e.Run(ctx, Options{Seeds: QuickSeeds, Quick: true, OutDir: whole, Workers: 1}); err != nil {
				t.Fatal(err)
			}
			var dirs []string
			for k := 1; k <= 3; k++ {
				d := t.TempDir()
				r, err := e.Run(ctx, Options{Seeds: QuickSeeds, Quick: true, OutDir: d, Shard: k, Shards: 3, Workers: 2})
				if err != nil {
					t.Fatal(err)
				}
				if r.Shard == nil || r.Shard.K != k || r.Tables != nil {
					t.Fatalf("shard %d returned %+v", k, r.Shard)
				}
				dirs = append(dirs, d)
			}
			merged := t.TempDir()
			rs, err := Merge(merged, dirs...)
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) != 1 || rs[0].Experiment != e.Name {
				t.Fatalf("merge gave %d results", len(rs))
			}
			for _, f := range []string{"results.json", "report.md"} {
				a, err1 := os.ReadFile(filepath.Join(whole, e.Name, f))
				b, err2 := os.ReadFile(filepath.Join(merged, e.Name, f))
				if err1 != nil || err2 != nil {
					t.Fatal(err1, err2)
				}
				if !bytes.Equal(a, b) {
					t.Errorf("%s of the merged shards differs from one run's", f)
				}
			}
		})
	}
}

func TestMergeRejects(t *testing.T) {
	e, _ := Lookup("roc-auc")
	ctx := context.Background()
	shard := func(k, n, seeds int) string {
		d := t.TempDir()
		if _, err := e.Run(ctx, Options{Quick: true, Seeds: seeds, OutDir: d, Shard: k, Shards: n}); err != nil {
			t.Fatal(err)
		}
		return d
	}
	a, b := shard(1, 2, 2), shard(2, 2, 2)
	tests := []struct {
		name string
		dirs []string
		want string
	}{
		{"missing shard", []string{a}, "missing"},
		{"shard twice", []string{a, a, b}, "in both"},
		{"other seeds", []string{a, shard(2, 2, 3)}, "seeds"},
		{"no partials", []string{t.TempDir()}, "no partial"},
		{"no such dir", []string{filepath.Join(t.TempDir(), "nope")}, "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Merge("", tt.dirs...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Merge: %v, want an error containing %q", err, tt.want)
			}
		})
	}
	// Settings written by another build are refused, not silently mixed.
	p := filepath.Join(b, "roc-auc", "partial-2-of-2.json")
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, bytes.Replace(raw, []byte(`"scorers":200`), []byte(`"scorers":201`), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Merge("", a, b); err == nil || !strings.Contains(err.Error(), "settings differ") {
		t.Errorf("Merge of altered settings: %v", err)
	}
}

func TestOptionsRejected(t *testing.T) {
	e, _ := Lookup("roc-auc")
	// Zero seeds means zero seeds, not "the default": it is refused.
	for _, o := range []Options{{Seeds: -1}, {}, {Quick: true}, {Seeds: 2, Shard: 0, Shards: 2}, {Seeds: 2, Shard: 3, Shards: 2}, {Seeds: 2, Shards: -1}} {
		if _, err := e.Run(context.Background(), o); err == nil {
			t.Errorf("Run(%+v) succeeded", o)
		}
	}
	if d, q := DefaultOptions(), QuickOptions(); d.Seeds != DefaultSeeds || d.Quick || q.Seeds != QuickSeeds || !q.Quick {
		t.Errorf("DefaultOptions() = %+v, QuickOptions() = %+v", d, q)
	}
}

func TestCancelled(t *testing.T) {
	e, _ := Lookup("dying-relu")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Run(ctx, Options{Seeds: QuickSeeds, Quick: true}); err == nil || !strings.Contains(err.Error(), "canceled") {
		t.Errorf("Run with a cancelled context: %v", err)
	}
}

func TestLookup(t *testing.T) {
	want := []string{"linear-collapse", "feature-nonlinearity", "sparsity-depth", "convergence", "dying-relu", "init", "bce-vs-ce", "roc-auc"}
	if got := Names(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("Names() = %v, want %v", got, want)
	}
	for _, n := range want {
		e, ok := Lookup(n)
		if !ok || e.Name != n || e.Claim == "" || e.ClaimZH == "" {
			t.Errorf("Lookup(%q) = %+v, %v", n, e, ok)
		}
	}
	if _, ok := Lookup("nope"); ok {
		t.Error("Lookup found nope")
	}
}
