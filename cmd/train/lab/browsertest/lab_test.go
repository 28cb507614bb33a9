package browsertest

import (
	"context"
	"fmt"
	"math"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/nnlab/nnlab/cmd/train/internal/lab"
	"github.com/nnlab/nnlab/cmd/train/internal/lab/engine"
	"github.com/nnlab/nnlab/train"
)

// deadline bounds every wait for the page: generous, since the machine
// may be loaded; a wait ends as soon as its condition holds.
const deadline = 3 * time.Minute

var (
	serverOnce sync.Once
	serverURL  string
)

// labURL starts the lab's server in this process, once, on a free
// loopback port, and returns its address.
func labURL(t testing.TB) string {
	serverOnce.Do(func() {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			panic(err)
		}
		go lab.NewServer().Serve(ln)
		serverURL = "http://" + ln.Addr().String() + "/"
	})
	return serverURL
}

// chromium returns the browser to drive, or skips the test.
func chromium(t testing.TB) string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium found (Debian: apt-get install chromium, or set CHROMIUM): skipping the browser tests")
	return ""
}

// page is one browser tab on the lab, recording JavaScript exceptions and
// console errors.
type page struct {
	t      testing.TB
	ctx    context.Context
	mu     sync.Mutex
	errors []string
}

func newPage(t testing.TB) *page {
	exe := chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe),
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1400, 1000))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 2*deadline)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	p := &page{t: t, ctx: ctx}
	chromedp.ListenTarget(ctx, func(ev any) {
		p.mu.Lock()
		defer p.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			p.errors = append(p.errors, "exception: "+ev.ExceptionDetails.Error())
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.APITypeError {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value))
				}
				p.errors = append(p.errors, "console.error: "+strings.Join(parts, " "))
			}
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.LevelError {
				p.errors = append(p.errors, "log: "+ev.Entry.Text+" "+ev.Entry.URL)
			}
		}
	})
	if err := chromedp.Run(ctx, log.Enable(), runtime.Enable()); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return p
}

func (p *page) run(actions ...chromedp.Action) {
	p.t.Helper()
	if err := chromedp.Run(p.ctx, actions...); err != nil {
		p.t.Fatalf("%v (page errors: %v)", err, p.pageErrors())
	}
}

func (p *page) pageErrors() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.errors...)
}

// open loads the lab with the address query q and waits until it is ready.
func (p *page) open(q string) {
	p.t.Helper()
	p.run(chromedp.Navigate(labURL(p.t) + "?" + q))
	p.waitFor(`document.getElementById("status").dataset.ready === "1"`)
	if msg := p.attr("data-error"); msg != "" {
		p.t.Fatalf("the page says: %s", msg)
	}
}

// waitFor waits, up to deadline, until the JavaScript expression cond is
// true, or fails the test naming the page's error message.
func (p *page) waitFor(cond string) {
	p.t.Helper()
	err := chromedp.Run(p.ctx, chromedp.Poll(cond, nil, chromedp.WithPollingTimeout(deadline), chromedp.WithPollingInterval(50*time.Millisecond)))
	if err != nil {
		p.t.Fatalf("waiting for %s: %v (page message %q, errors %v)", cond, err, p.attr("data-error"), p.pageErrors())
	}
}

func (p *page) eval(expr string, out any) {
	p.t.Helper()
	p.run(chromedp.Evaluate(expr, out, func(e *runtime.EvaluateParams) *runtime.EvaluateParams { return e.WithAwaitPromise(true) }))
}

// attr returns an attribute of #status.
func (p *page) attr(name string) string {
	var v string
	chromedp.Run(p.ctx, chromedp.Evaluate(fmt.Sprintf(`document.getElementById("status").getAttribute(%q) || ""`, name), &v))
	return v
}

func (p *page) num(name string) float64 {
	p.t.Helper()
	v, err := strconv.ParseFloat(p.attr(name), 64)
	if err != nil {
		p.t.Fatalf("#status %s: %v", name, err)
	}
	return v
}

// trainTo loads q with play=1&stop=epochs and waits for the run to stop
// there.
func (p *page) trainTo(q string, epochs int) {
	p.t.Helper()
	p.open(fmt.Sprintf("%s&play=1&stop=%d", q, epochs))
	p.waitFor(fmt.Sprintf(`(s => s.dataset.epoch === "%d" && s.dataset.state === "paused" && s.dataset.busy === "0")(document.getElementById("status"))`, epochs))
}

// screenshot saves the page to the screenshot directory: LAB_SCREENSHOTS,
// or the test's temporary directory.
func (p *page) screenshot(name string) {
	p.t.Helper()
	dir := os.Getenv("LAB_SCREENSHOTS")
	if dir == "" {
		dir = p.t.TempDir()
	}
	var b []byte
	p.run(chromedp.FullScreenshot(&b, 100))
	if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
		p.t.Fatal(err)
	}
}

func (p *page) noErrors() {
	p.t.Helper()
	if errs := p.pageErrors(); len(errs) > 0 {
		p.t.Fatalf("JavaScript errors: %q", errs)
	}
}

func TestLoadsWithoutErrors(t *testing.T) {
	p := newPage(t)
	p.open("")
	var hasPicture bool
	p.eval(`document.getElementById("fitCommand").textContent.startsWith("train fit --data circle")`, &hasPicture)
	if !hasPicture {
		t.Error("the page shows no train fit command")
	}
	p.screenshot("lab-start.png")
	p.noErrors()
}

// TestActivationLesson checks the first lesson in the browser: relu
// separates circle, identity cannot.
func TestActivationLesson(t *testing.T) {
	p := newPage(t)
	q := "data=circle&noise=0&hidden=8,8&lr=0.03&opt=sgd&batch=10&seed=1"
	p.trainTo(q+"&act=relu", 40)
	if acc := p.num("data-test-accuracy"); acc < 0.95 {
		t.Errorf("relu on circle: test accuracy %v after 40 epochs in the browser, want >= 0.95", acc)
	}
	var cmd string
	p.eval(`document.getElementById("fitCommand").textContent`, &cmd)
	if !strings.Contains(cmd, "--act relu") || !strings.Contains(cmd, "--epochs 40 ") {
		t.Errorf("fit command after 40 epochs: %q", cmd)
	}
	p.screenshot("lab-relu-circle.png")
	p.trainTo(q+"&act=identity", 40)
	if acc := p.num("data-test-accuracy"); acc > 0.70 {
		t.Errorf("identity on circle: test accuracy %v after 40 epochs in the browser, want <= 0.70", acc)
	}
	p.screenshot("lab-identity-circle.png")
	p.noErrors()
}

// TestLossMatchesNative checks that the browser computes what the library
// computes natively on the same settings.
func TestLossMatchesNative(t *testing.T) {
	const epochs = 7
	p := newPage(t)
	p.trainTo("data=xor&n=300&noise=0.05&ratio=0.6&features=x1,x2,x1*x2,sin(x1)&hidden=6,3&act=relu&lr=0.01&opt=adam&batch=16&l2=0.001&seed=42", epochs)
	cfg := engine.Config{Data: "xor", Task: engine.TaskClassification, N: 300, Noise: 0.05, Ratio: 0.6, Features: "x1,x2,x1*x2,sin(x1)",
		Hidden: []int{6, 3}, Act: "relu", LR: 0.01, Opt: "adam", Batch: 16, L2: 0.001, Seed: 42}
	s, err := engine.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	h, err := s.Step(epochs)
	if err != nil {
		t.Fatal(err)
	}
	for attr, col := range map[string]string{"data-train-loss": train.ColTrainLoss, "data-test-loss": train.ColValLoss, "data-test-accuracy": train.ColValAccuracy} {
		got, want := p.num(attr), h.Last(col)
		if math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("%s after %d epochs: browser %v, native %v", attr, epochs, got, want)
		}
	}
	p.noErrors()
}

// TestAddressRoundTrip checks that the address restores every setting and
// that a changed setting goes into the address.
func TestAddressRoundTrip(t *testing.T) {
	p := newPage(t)
	want := url.Values{}
	for k, v := range map[string]string{"data": "moons", "n": "321", "noise": "0.2", "ratio": "0.7", "features": "x1,x2,x1^2",
		"hidden": "5,3,2", "act": "sigmoid", "lr": "0.1", "opt": "rmsprop", "batch": "7", "l1": "0.003", "l2": "0",
		"dropout": "0.1", "seed": "9", "test": "1", "discretize": "1", "unit": "1.2"} {
		want.Set(k, v)
	}
	p.open(want.Encode())
	var got string
	p.eval(`location.search`, &got)
	gotQ, err := url.ParseQuery(strings.TrimPrefix(got, "?"))
	if err != nil {
		t.Fatal(err)
	}
	for k := range want {
		if gotQ.Get(k) != want.Get(k) {
			t.Errorf("address key %s: page has %q, want %q", k, gotQ.Get(k), want.Get(k))
		}
	}
	var controls string
	p.eval(`["data","n","noise","ratio","act","lr","opt","batch","regrate","reg","dropout","seed"].map(id => document.getElementById(id).value).join("|") +
		"|" + [...document.querySelectorAll("#features input")].filter(b => b.checked).map(b => b.value).join(",") +
		"|" + document.getElementById("showTest").checked + "|" + document.getElementById("discretize").checked`, &controls)
	if wantC := "moons|321|0.2|0.7|sigmoid|0.1|rmsprop|7|0.003|l1|0.1|9|x1,x2,x1^2|true|true"; controls != wantC {
		t.Errorf("controls show %q, want %q", controls, wantC)
	}
	p.eval(`(() => { const a = document.getElementById("act"); a.value = "elu"; a.dispatchEvent(new Event("change")); return location.search; })()`, &got)
	if !strings.Contains(got, "act=elu") {
		t.Errorf("after choosing elu the address is %q", got)
	}
	p.noErrors()
}

// TestPauseStops checks that Pause stops the epoch counter and Step then
// trains exactly one epoch.
func TestPauseStops(t *testing.T) {
	p := newPage(t)
	p.open("data=circle&play=1")
	p.waitFor(`Number(document.getElementById("status").dataset.epoch) >= 3`)
	p.run(chromedp.Click("#play", chromedp.ByID))
	p.waitFor(`(s => s.dataset.state === "paused" && s.dataset.busy === "0")(document.getElementById("status"))`)
	e := p.num("data-epoch")
	// Let the page run 30 frames: a loop still playing would train on.
	var ok bool
	p.eval(`new Promise(r => { let n = 0; const f = () => ++n >= 30 ? r(true) : requestAnimationFrame(f); requestAnimationFrame(f); })`, &ok)
	if got := p.num("data-epoch"); got != e {
		t.Fatalf("paused at epoch %v, 30 frames later at %v", e, got)
	}
	p.run(chromedp.Click("#step", chromedp.ByID))
	p.waitFor(fmt.Sprintf(`(s => s.dataset.epoch === "%d" && s.dataset.busy === "0")(document.getElementById("status"))`, int(e)+1))
	p.noErrors()
}
