package browsertest

import (
	"fmt"
	"math"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/cmd/train/internal/lab/engine"
	"github.com/nnlab/nnlab/train"
)

// shownCollapse is the collapse the page shows (window.lab.shown()).
type shownCollapse struct {
	Features []string    `json:"features"`
	Outputs  []string    `json:"outputs"`
	W        [][]float64 `json:"w"`
	B        []float64   `json:"b"`
}

// TestCollapseView checks the collapse view: on identity it shows the
// engine's affine map (the numbers equal the native engine's to 1e-12,
// the formula writes them, the boundary is called a straight line), on
// relu it shows none.
func TestCollapseView(t *testing.T) {
	const epochs = 5
	p := newPage(t)
	q := "data=circle&noise=0.1&hidden=6,4&act=identity&seed=4"
	p.trainTo(q, epochs)
	cfg := engine.DefaultConfig()
	cfg.Hidden, cfg.Act, cfg.Seed = []int{6, 4}, "identity", 4
	s, _ := native(t, cfg, epochs)
	want, ok := s.Collapse()
	if !ok {
		t.Fatal("the native identity network does not collapse")
	}
	var got *shownCollapse
	p.eval(`window.lab.shown().collapse`, &got)
	if got == nil || len(got.W) != 1 || len(got.W[0]) != 2 || strings.Join(got.Features, ",") != "x1,x2" {
		t.Fatalf("the page's collapse: %+v", got)
	}
	for j := range want.W[0] {
		near(t, fmt.Sprintf("weight of %s", want.Features[j]), got.W[0][j], want.W[0][j])
	}
	near(t, "bias", got.B[0], want.B[0])
	var text, flag string
	p.eval(`document.getElementById("collapse").textContent`, &text)
	p.eval(`document.getElementById("collapse").dataset.collapsed`, &flag)
	for _, frag := range []string{fmt.Sprintf("%.3f·x1", math.Abs(want.W[0][0])), fmt.Sprintf("%.3f·x2", math.Abs(want.W[0][1])), "straight line", want.Outputs[0]} {
		if !strings.Contains(text, frag) {
			t.Errorf("the collapse view says %q, without %q", text, frag)
		}
	}
	if flag != "1" {
		t.Errorf("#collapse data-collapsed is %q on identity", flag)
	}
	p.screenshot("lab-collapse.png")

	p.trainTo(strings.Replace(q, "act=identity", "act=identity&features=x1,x2,x1%5E2", 1), 1)
	p.eval(`document.getElementById("collapse").textContent`, &text)
	if !strings.Contains(text, "·x1^2") || !strings.Contains(text, "not in (x1, x2)") || strings.Contains(text, "straight line") {
		t.Errorf("with x1^2 among the features the collapse view says %q", text)
	}

	p.trainTo(strings.Replace(q, "act=identity", "act=relu", 1), 1)
	var none bool
	p.eval(`window.lab.shown().collapse === null`, &none)
	p.eval(`document.getElementById("collapse").textContent`, &text)
	p.eval(`document.getElementById("collapse").dataset.collapsed`, &flag)
	if !none || flag != "0" || !strings.Contains(text, "not one affine map") || strings.Contains(text, "·x1") {
		t.Errorf("on relu: collapse null %v, data-collapsed %q, text %q", none, flag, text)
	}
	p.noErrors()
}

// TestLayerCharts checks the per-layer charts: one point per epoch and
// one line per layer, the values those of the native engine (1e-12), on
// a dying-relu run. (Six epochs: at lr 0.3 the run is chaotic, and from
// about the eighth epoch on the last-bit differences between the
// WebAssembly and the native amd64 build, whose math.Exp is assembly,
// grow past 1e-12.)
func TestLayerCharts(t *testing.T) {
	const epochs = 6
	p := newPage(t)
	p.trainTo("data=moons&noise=0.1&hidden=8,8,8&act=relu&opt=adam&lr=0.3&seed=1", epochs)
	cfg := engine.DefaultConfig()
	cfg.Data, cfg.Hidden, cfg.Act, cfg.Opt, cfg.LR = "moons", []int{8, 8, 8}, "relu", "adam", 0.3
	s, _ := native(t, cfg, epochs)
	want := s.LayerStats()
	for _, c := range []struct {
		id, prefix string
		want       [][]float64
	}{
		{"chartDead", "dead_fraction_", want.DeadFraction},
		{"chartRate", "activation_rate_", want.ActivationRate},
		{"chartGrad", "grad_norm_", want.GradNorm},
	} {
		var drawn string
		p.eval(fmt.Sprintf(`(c => c.dataset.epochs + "/" + c.dataset.lines)(document.getElementById(%q))`, c.id), &drawn)
		if w := fmt.Sprintf("%d/%d", epochs, len(c.want)); drawn != w {
			t.Errorf("%s holds epochs/lines %s, want %s", c.id, drawn, w)
		}
		var got [][]float64
		p.eval(fmt.Sprintf(`window.labCharts.series(window.lab.shown().history, %q)`, c.prefix), &got)
		if len(got) != len(c.want) {
			t.Fatalf("%s: %d lines, want %d", c.id, len(got), len(c.want))
		}
		for k := range got {
			if len(got[k]) != epochs {
				t.Fatalf("%s layer %d: %d points, want %d", c.id, k+1, len(got[k]), epochs)
			}
			for e := range got[k] {
				near(t, fmt.Sprintf("%s layer %d epoch %d", c.prefix, k+1, e+1), got[k][e], c.want[k][e])
			}
		}
	}
	if last := want.DeadFraction[0][epochs-1]; last == 0 {
		t.Errorf("lr 0.3 killed no unit of the first layer: a weak test case")
	}
	p.screenshot("lab-layer-charts.png")
	p.noErrors()
}

// presetLink is a lab preset's link in docs/experiments.md.
var presetLink = regexp.MustCompile(`\]\(http://127\.0\.0\.1:8080/\?([^)\s]+)\)`)

// TestExperimentPresetsInBrowser loads every lab preset docs/experiments.md
// links (read from the page itself, so the links tested are the ones a
// student follows), trains it two epochs and checks that the page read
// the settings the Go address parser reads: its losses equal the native
// engine's on them (1e-12), the compared network's too.
func TestExperimentPresetsInBrowser(t *testing.T) {
	const epochs = 2
	doc, err := os.ReadFile("../../../../docs/experiments.md")
	if err != nil {
		t.Fatal(err)
	}
	links := presetLink.FindAllStringSubmatch(string(doc), -1)
	if len(links) < 8 {
		t.Fatalf("docs/experiments.md links %d lab presets, want one per experiment at least", len(links))
	}
	p := newPage(t)
	for _, m := range links {
		q := m[1]
		a, err := engine.ParseAddress(q)
		if err != nil {
			t.Fatal(err)
		}
		v, _ := url.ParseQuery(q)
		v.Del("play")
		v.Del("stop")
		p.trainTo(v.Encode(), epochs)
		_, h := native(t, a.Config, epochs)
		near(t, q+": train loss", p.num("data-train-loss"), h.Last(train.ColTrainLoss))
		near(t, q+": test loss", p.num("data-test-loss"), h.Last(train.ColValLoss))
		if a.Compare == "" {
			continue
		}
		c, err := engine.CompareConfig(a.Config, a.Compare)
		if err != nil {
			t.Fatal(err)
		}
		_, hc := native(t, c, epochs)
		var got float64
		p.eval(`Number(document.getElementById("compareStatus").dataset.trainLoss)`, &got)
		near(t, q+": the compared network's train loss", got, hc.Last(train.ColTrainLoss))
	}
	p.noErrors()
}
