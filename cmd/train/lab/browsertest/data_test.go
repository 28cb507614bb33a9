package browsertest

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/nnlab/nnlab/cmd/train/internal/lab/engine"
	"github.com/nnlab/nnlab/train"
)

// csvOf writes a CSV of n rows and cols features, labelled by the sign of
// the first feature's sum with the second's.
func csvOf(n, cols int) []byte {
	var b strings.Builder
	for j := range cols {
		fmt.Fprintf(&b, "f%d,", j+1)
	}
	b.WriteString("y\n")
	for i := range n {
		a, c := float64(i%23)/11-1, float64(i%7)/3-1
		fmt.Fprintf(&b, "%g,%g,", a, c)
		for j := 2; j < cols; j++ {
			fmt.Fprintf(&b, "%g,", float64((i*j)%5))
		}
		if a+c/2 > 0 {
			b.WriteString("pos\n")
		} else {
			b.WriteString("neg\n")
		}
	}
	return []byte(b.String())
}

// upload puts the file at path into the page's file input.
func (p *page) upload(path string) {
	p.t.Helper()
	p.run(chromedp.SetUploadFiles("#upload", []string{path}, chromedp.ByID))
}

func writeFile(t *testing.T, name string, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const idle = `(s => s.dataset.state === "paused" && s.dataset.busy !== "1")(document.getElementById("status"))`

// TestUploadTrains uploads CSVs of two and three features in the page,
// trains them and checks the losses against the engine's on the same
// bytes; two features give the heatmaps, three do not.
func TestUploadTrains(t *testing.T) {
	const epochs = 12
	p := newPage(t)
	for _, cols := range []int{2, 3} {
		b := csvOf(300, cols)
		p.open(fmt.Sprintf("hidden=6&act=relu&opt=adam&lr=0.03&stop=%d", epochs))
		p.upload(writeFile(t, "mine.csv", b))
		p.waitFor(`document.getElementById("fitCommand").textContent.startsWith("train fit --data mine.csv") && ` + idle)
		p.run(chromedp.Click("#play", chromedp.ByID))
		p.waitFor(fmt.Sprintf(`document.getElementById("status").dataset.epoch === "%d" && %s`, epochs, idle))
		ds, err := engine.ReadUpload(b, "mine.csv", engine.TaskClassification)
		if err != nil {
			t.Fatal(err)
		}
		cfg := engine.DefaultConfig()
		cfg.Data, cfg.Hidden, cfg.Act, cfg.Opt, cfg.LR = engine.UploadData, []int{6}, "relu", "adam", 0.03
		s, err := engine.NewWithData(cfg, ds)
		if err != nil {
			t.Fatal(err)
		}
		h, err := s.Step(epochs)
		if err != nil {
			t.Fatal(err)
		}
		for attr, col := range map[string]string{"data-train-loss": train.ColTrainLoss, "data-test-loss": train.ColValLoss, "data-test-accuracy": train.ColValAccuracy} {
			if got, want := p.num(attr), h.Last(col); math.Float64bits(got) != math.Float64bits(want) {
				t.Errorf("%d columns: %s browser %v, native %v", cols, attr, got, want)
			}
		}
		if acc := p.num("data-test-accuracy"); acc < 0.85 {
			t.Errorf("%d columns: test accuracy %v after %d epochs, want >= 0.85", cols, acc, epochs)
		}
		var plottable bool
		p.eval(`window.lab.shown().setup.plottable && window.lab.shown().picture.output.length > 0`, &plottable)
		if plottable != (cols == 2) {
			t.Errorf("%d columns: heatmaps drawn %v", cols, plottable)
		}
		if cols == 2 {
			p.screenshot("lab-upload.png")
		}
	}
	p.noErrors()
}

// TestBadInputMessages uploads a file that is no CSV, one with an empty
// field and one over the size bound, and opens a layer of 0 units: each
// gets a message in the page, and the page still trains afterwards.
func TestBadInputMessages(t *testing.T) {
	p := newPage(t)
	p.open("")
	big := filepath.Join(t.TempDir(), "huge.csv")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(engine.MaxUploadBytes + 1) // sparse: the page must refuse it by its size
	f.Close()
	for _, tc := range []struct{ path, want string }{
		{writeFile(t, "garbage.csv", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")), "garbage.csv"},
		{writeFile(t, "holes.csv", []byte("a,b,y\n1,,x\n2,3,y\n1,2,x\n4,4,y\n")), `column 2 "b"`},
		{writeFile(t, "one.csv", []byte("a,b\n1,2\n")), "one.csv"},
		{big, "up to 20 MB"},
	} {
		p.upload(tc.path)
		p.waitFor(fmt.Sprintf(`document.getElementById("status").dataset.error.includes(%q) && !document.getElementById("message").hidden`, tc.want))
		p.run(chromedp.SetUploadFiles("#upload", []string{}, chromedp.ByID))
	}
	p.run(chromedp.Click("#step", chromedp.ByID))
	p.waitFor(`document.getElementById("status").dataset.epoch === "1" && ` + idle)
	p.run(chromedp.Navigate(labURL(t) + "?hidden=4,0"))
	p.waitFor(`document.getElementById("status").dataset.ready === "1"`)
	if msg := p.attr("data-error"); !strings.Contains(msg, "hidden layer 2 has 0 units") {
		t.Errorf("hidden=4,0: the page says %q", msg)
	}
	p.noErrors()
}
