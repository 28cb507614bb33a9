package browsertest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/nnlab/nnlab/cmd/train/internal/lab/engine"
	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train"
)

// native trains the engine natively for epochs on cfg.
func native(t *testing.T, cfg engine.Config, epochs int) (*engine.Session, *train.History) {
	t.Helper()
	s, err := engine.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	h, err := s.Step(epochs)
	if err != nil {
		t.Fatal(err)
	}
	return s, h
}

func near(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-12 || math.IsNaN(got) != math.IsNaN(want) {
		t.Errorf("%s: browser %v, native %v", what, got, want)
	}
}

// TestROCAndAUC checks the AUC on #status and the ROC curve the page
// draws against the engine's, natively, on the same settings.
func TestROCAndAUC(t *testing.T) {
	const epochs = 6
	p := newPage(t)
	p.trainTo("data=gauss&n=600&noise=0.3&hidden=3&act=tanh&seed=5", epochs)
	cfg := engine.DefaultConfig()
	cfg.Data, cfg.N, cfg.Noise, cfg.Hidden, cfg.Seed = "gauss", 600, 0.3, []int{3}, 5
	s, h := native(t, cfg, epochs)
	m := s.TestMetrics()
	near(t, "data-test-auc", p.num("data-test-auc"), h.Last(train.ColValAUC))
	near(t, "the ROC curve's AUC", p.num("data-test-auc"), float64(m.AUC))
	if got := p.num("data-roc-points"); int(got) != m.ROCPoints {
		t.Errorf("the page's ROC curve has %v points, the engine's %d", got, m.ROCPoints)
	}
	if got := p.num("data-roc-drawn"); int(got) != len(m.FPR) || got < 3 {
		t.Errorf("the page draws %v ROC points, the engine sends %d", got, len(m.FPR))
	}
	var visible bool
	p.eval(`!document.getElementById("rocBox").hidden`, &visible)
	if !visible {
		t.Error("the ROC curve is hidden for classification")
	}
	p.noErrors()
}

// TestRegressionInPage trains reg-plane in the page and checks RMSE and R²
// against the engine's, and that the problem-type switch changes the data
// sets on offer.
func TestRegressionInPage(t *testing.T) {
	const epochs = 8
	p := newPage(t)
	p.open("")
	var search string
	p.eval(`(() => { const t = document.getElementById("task"); t.value = "regression"; t.dispatchEvent(new Event("change")); return location.search; })()`, &search)
	if !strings.Contains(search, "task=regression") || !strings.Contains(search, "data=reg-plane") {
		t.Errorf("after choosing regression the address is %q", search)
	}
	p.waitFor(`document.getElementById("status").dataset.task === "regression" && ` + idle)
	p.trainTo("task=regression&data=reg-gauss&hidden=8,8&act=tanh&lr=0.03", epochs)
	cfg := engine.DefaultConfig()
	cfg.Task, cfg.Data, cfg.Hidden = engine.TaskRegression, "reg-gauss", []int{8, 8}
	s, h := native(t, cfg, epochs)
	m := s.TestMetrics()
	near(t, "data-test-loss", p.num("data-test-loss"), h.Last(train.ColValLoss))
	near(t, "data-test-rmse", p.num("data-test-rmse"), float64(m.RMSE))
	near(t, "data-test-r2", p.num("data-test-r2"), float64(m.R2))
	var text string
	p.eval(`document.getElementById("metrics").textContent`, &text)
	if !strings.Contains(text, "RMSE") || !strings.Contains(text, "R\u00b2") {
		t.Errorf("metrics shown: %q", text)
	}
	p.screenshot("lab-regression.png")
	p.noErrors()
}

// shown is what the page shows of the output heatmap.
type shown struct {
	Setup struct {
		Features []string `json:"features"`
		Points   struct {
			Extent float64 `json:"extent"`
		} `json:"points"`
	} `json:"setup"`
	Picture struct {
		Grid   int       `json:"grid"`
		Output []float64 `json:"output"`
	} `json:"picture"`
}

// TestDownloadedModel clicks Download model.safetensors, loads the file
// the browser saves with train.LoadModel and checks that it predicts the
// heatmap the page shows, cell for cell, to 1e-12.
func TestDownloadedModel(t *testing.T) {
	p := newPage(t)
	p.trainTo("data=xor&features=x1,x2,x1*x2&hidden=5&act=relu&opt=adam&lr=0.01&seed=3", 5)
	dir := t.TempDir()
	p.run(browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllow).WithDownloadPath(dir))
	p.run(chromedp.Click("#downloadModel", chromedp.ByID))
	path := filepath.Join(dir, "model.safetensors")
	m, err := waitLoad(path)
	if err != nil {
		t.Fatalf("the downloaded model: %v (page errors %v)", err, p.pageErrors())
	}
	var raw string
	// The heatmaps are typed arrays, which JSON.stringify writes as objects.
	p.eval(`JSON.stringify(window.lab.shown(), (k, v) => ArrayBuffer.isView(v) ? Array.from(v) : v)`, &raw)
	var sh shown
	if err := json.Unmarshal([]byte(raw), &sh); err != nil {
		t.Fatal(err)
	}
	g, ext := sh.Picture.Grid, sh.Setup.Points.Extent
	x := tensor.Zeros(g*g, 2)
	for r := range g {
		for c := range g {
			x.Data()[2*(r*g+c)] = -ext + 2*ext*float64(c)/float64(g-1)
			x.Data()[2*(r*g+c)+1] = ext - 2*ext*float64(r)/float64(g-1)
		}
	}
	fm, err := datasets.ParseFeatures(strings.Join(sh.Setup.Features, ","), []string{"x1", "x2"})
	if err != nil {
		t.Fatal(err)
	}
	probs := m.PredictProba(fm.Apply(x))
	if len(sh.Picture.Output) != g*g || g < 2 {
		t.Fatalf("the page shows %d cells for a %d grid", len(sh.Picture.Output), g)
	}
	for i, want := range sh.Picture.Output {
		if got := probs.At(i, 1); math.Abs(got-want) > 1e-12 {
			t.Fatalf("cell %d: the downloaded model gives %v, the page shows %v", i, got, want)
		}
	}
	p.noErrors()
}

// waitLoad waits, up to deadline, until the browser has saved a file at
// path that train.LoadModel reads (a download lands whole, by a rename).
func waitLoad(path string) (*train.Model, error) {
	ctx, cancel := context.WithTimeout(context.Background(), deadline)
	defer cancel()
	var last error = errors.New("no file yet")
	for {
		if _, err := os.Stat(path); err == nil {
			m, err := train.LoadModel(path)
			if err == nil {
				return m, nil
			}
			last = err
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("%s after %v: %v", path, deadline, last)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// TestCompare clicks "Compare with identity" on relu and trains both: the
// two networks learn side by side on the same data and seed, each as the
// engine does natively.
func TestCompare(t *testing.T) {
	const epochs = 40
	p := newPage(t)
	p.open(fmt.Sprintf("data=circle&noise=0&hidden=8,8&act=relu&stop=%d", epochs))
	p.run(chromedp.Click("#compareIdentity", chromedp.ByID))
	p.waitFor(`document.getElementById("compareStatus").dataset.task === "classification" && !document.getElementById("comparePanel").hidden && ` + idle)
	p.run(chromedp.Click("#play", chromedp.ByID))
	p.waitFor(fmt.Sprintf(`document.getElementById("status").dataset.epoch === "%d" && document.getElementById("compareStatus").dataset.epoch === "%d" && %s`, epochs, epochs, idle))
	var search, cmpAcc, cmpLoss string
	p.eval(`location.search`, &search)
	if !strings.Contains(search, "compare=act%3Aidentity") {
		t.Errorf("the address %q does not keep the comparison", search)
	}
	p.eval(`document.getElementById("compareStatus").dataset.testAccuracy`, &cmpAcc)
	p.eval(`document.getElementById("compareStatus").dataset.trainLoss`, &cmpLoss)
	cfg := engine.DefaultConfig()
	cfg.Noise, cfg.Hidden, cfg.Act = 0, []int{8, 8}, "relu"
	_, hRelu := native(t, cfg, epochs)
	cfg.Act = "identity"
	_, hID := native(t, cfg, epochs)
	near(t, "relu's test accuracy", p.num("data-test-accuracy"), hRelu.Last(train.ColValAccuracy))
	var acc, loss float64
	fmt.Sscan(cmpAcc, &acc)
	fmt.Sscan(cmpLoss, &loss)
	near(t, "identity's test accuracy", acc, hID.Last(train.ColValAccuracy))
	near(t, "identity's train loss", loss, hID.Last(train.ColTrainLoss))
	if a := p.num("data-test-accuracy"); a < 0.95 || acc > 0.70 {
		t.Errorf("side by side: relu %v (want >= 0.95), identity %v (want <= 0.70)", a, acc)
	}
	p.screenshot("lab-compare.png")
	p.noErrors()
}
