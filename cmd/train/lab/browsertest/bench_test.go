package browsertest

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/nnlab/nnlab/cmd/train/internal/lab/engine"
)

// BenchmarkPageEpochs measures the page as a student sees it: the default
// network on 500 points (circle), playing, every picture (the decision
// heatmap, the unit thumbnails, the network, the loss and ROC charts)
// redrawn after each epoch. It reports epochs per second.
func BenchmarkPageEpochs(b *testing.B) {
	p := newPage(b)
	p.open("")
	p.waitFor(idle)
	b.ResetTimer()
	start := time.Now()
	p.run(chromedp.Click("#play", chromedp.ByID))
	p.waitFor(fmt.Sprintf(`Number(document.getElementById("status").dataset.epoch) >= %d`, b.N))
	elapsed := time.Since(start)
	b.StopTimer()
	p.run(chromedp.Click("#play", chromedp.ByID))
	b.ReportMetric(float64(p.num("data-epoch"))/elapsed.Seconds(), "epochs/s")
}

// BenchmarkWasmStep times training alone (no pictures) in the page's
// WebAssembly engine: the default network on 500 points, one epoch per op,
// timed inside the Web Worker.
func BenchmarkWasmStep(b *testing.B) {
	p := newPage(b)
	p.open("")
	p.waitFor(idle)
	var ms float64
	b.ResetTimer()
	p.eval(fmt.Sprintf(`window.lab.ask({type: "bench", epochs: %d}).then(r => r.ms)`, b.N), &ms)
	b.StopTimer()
	b.ReportMetric(ms*1e6/float64(b.N), "ns/epoch")
}

// BenchmarkNativeStep is BenchmarkWasmStep's workload in the native
// pure-Go build.
func BenchmarkNativeStep(b *testing.B) {
	s, err := engine.New(engine.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	start := time.Now()
	if _, err := s.Step(b.N); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(time.Since(start).Nanoseconds())/float64(b.N), "ns/epoch")
}
