package browsertest

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/nnlab/nnlab/cmd/train/internal/lab/engine"
)

// The speed benchmarks of issue 15 (docs/performance.md, "Lab"). Run them
// with the pure-Go kernels, the native build the WebAssembly step is
// compared with:
//
//	cd cmd/train/lab/browsertest
//	go test -tags purego -run NONE -bench . -benchtime 600x
//
// Each starts its own headless Chromium on the default network (tanh 4,2
// on 500 circle points, half of them for training, batch 10, sgd). V8
// first runs the engine's WebAssembly unoptimised and recompiles hot
// functions in the background, so each benchmark trains warmEpochs
// before it times anything: they measure the engine as it runs once the
// page has played for a few seconds.
const warmEpochs = 600

// BenchmarkPageEpochs measures the page as a student sees it: playing,
// every picture (the decision heatmap with its points, the network with
// its links and unit thumbnails, the loss chart, the ROC curve, the
// numbers) redrawn after each step. One op is one epoch; it reports
// epochs per second and epochs per drawn frame.
func BenchmarkPageEpochs(b *testing.B) {
	p := newPage(b)
	p.open("play=1")
	p.waitFor(fmt.Sprintf(`Number(document.getElementById("status").dataset.epoch) >= %d`, warmEpochs))
	t0, e0, f0 := p.playing()
	b.ResetTimer()
	p.waitFor(fmt.Sprintf(`Number(document.getElementById("status").dataset.epoch) >= %d`, int(e0)+b.N))
	t1, e1, f1 := p.playing()
	b.StopTimer()
	b.ReportMetric((e1-e0)/(t1-t0)*1000, "epochs/s")
	b.ReportMetric((e1-e0)/(f1-f0), "epochs/frame")
}

// playing returns the page's clock (ms), epoch and frames drawn, read at
// one instant while it plays.
func (p *page) playing() (ms, epoch, frames float64) {
	p.t.Helper()
	var v []float64
	p.eval(`(s => [performance.now(), Number(s.dataset.epoch), Number(s.dataset.frames)])(document.getElementById("status"))`, &v)
	return v[0], v[1], v[2]
}

// BenchmarkWasmStep times training alone (no pictures) in the page's
// WebAssembly engine, inside its Web Worker: one op is one epoch of the
// default network on 500 points.
func BenchmarkWasmStep(b *testing.B) {
	p := newPage(b)
	p.open("")
	p.wasmEpochs(warmEpochs)
	b.ResetTimer()
	ns := p.wasmEpochs(b.N)
	b.ReportMetric(float64(ns)/float64(b.N), "ns/epoch")
}

// BenchmarkNativeStep is BenchmarkWasmStep's workload natively; with
// -tags purego it is the pure-Go build the WebAssembly step is held to.
func BenchmarkNativeStep(b *testing.B) {
	s := nativeSession(b)
	nativeEpochs(b, s, warmEpochs)
	b.ResetTimer()
	ns := nativeEpochs(b, s, b.N)
	b.ReportMetric(float64(ns)/float64(b.N), "ns/epoch")
}

// BenchmarkWasmVsNative measures the two steps side by side: rounds of
// b.N/rounds epochs, in the browser and natively by turns, so that both
// sides of a pair see the same load on a shared machine. It reports the
// median per-epoch time of each side and the median of the pairs'
// ratios, which issue 15 wants at most 5 with the native side built with
// -tags purego (the log says which kernels it ran).
func BenchmarkWasmVsNative(b *testing.B) {
	const rounds = 15
	p := newPage(b)
	p.open("")
	s := nativeSession(b)
	p.wasmEpochs(warmEpochs)
	nativeEpochs(b, s, warmEpochs)
	n := max(1, b.N/rounds)
	var wasm, native, ratio []float64
	b.ResetTimer()
	for range rounds {
		w := float64(p.wasmEpochs(n)) / float64(n)
		nat := float64(nativeEpochs(b, s, n)) / float64(n)
		wasm, native, ratio = append(wasm, w), append(native, nat), append(ratio, w/nat)
	}
	b.StopTimer()
	b.ReportMetric(median(wasm), "wasm-ns/epoch")
	b.ReportMetric(median(native), "native-ns/epoch")
	b.ReportMetric(median(ratio), "wasm/native")
	b.Logf("native kernels: %s; %d rounds of %d epochs; ratio min %.2f, max %.2f", kernels, rounds, n, slices.Min(ratio), slices.Max(ratio))
}

func median(v []float64) float64 {
	v = slices.Sorted(slices.Values(v))
	return (v[(len(v)-1)/2] + v[len(v)/2]) / 2
}

// wasmEpochs trains n epochs in the page's engine, timed in its worker,
// and returns the nanoseconds they took.
func (p *page) wasmEpochs(n int) int64 {
	p.t.Helper()
	var ms float64
	p.eval(fmt.Sprintf(`window.lab.ask({type: "bench", epochs: %d}).then(r => r.ms)`, n), &ms)
	return int64(ms * 1e6)
}

func nativeSession(b *testing.B) *engine.Session {
	s, err := engine.New(engine.DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// nativeEpochs trains n epochs natively as the worker's bench message
// does (engine.Session.StepReport, encoded as JSON) and returns the nanoseconds they took.
func nativeEpochs(b *testing.B, s *engine.Session, n int) int64 {
	start := time.Now()
	r := s.StepReport(n)
	if _, err := json.Marshal(r); err != nil || r.Error != "" {
		b.Fatal(err, r.Error)
	}
	return time.Since(start).Nanoseconds()
}
