package train

// The performance workloads of docs/performance.md. They are fixed, so
// that figures compare across time and with PyTorch (bench/torch_step.py
// runs the same ones): one op is one training step — gather a batch,
// forward, loss, backward, optimizer update, gradients zeroed.

import (
	"math/rand/v2"
	"testing"

	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/optim"
	"github.com/nnlab/nnlab/tensor"
)

// workload is one benchmark configuration.
type workload struct {
	sizes   []int
	batch   int
	samples int
	classes int // 2 uses one logit and BCE with logits; more use cross-entropy
	adam    bool
	lr      float64
}

var (
	tinyWorkload   = workload{sizes: []int{2, 16, 16, 1}, batch: 32, samples: 1024, classes: 2, lr: 0.1}
	mediumWorkload = workload{sizes: []int{784, 256, 256, 10}, batch: 128, samples: 1024, classes: 10, adam: true, lr: 1e-3}
	wideWorkload   = workload{sizes: []int{784, 1024, 1024, 10}, batch: 256, samples: 1024, classes: 10, adam: true, lr: 1e-3}
)

// setup builds the workload's model, data, loss and optimizer from a fixed
// seed and returns a trainer whose stepLoop runs its steps.
func (w workload) setup(tb testing.TB, batch int) (*Trainer, *stepLoop) {
	rng := rand.New(rand.NewPCG(1, 2))
	model := layer.MLP(w.sizes, layer.ReLU{}, layer.TorchDefault{}, rng)
	x := tensor.RandN(rng, w.samples, w.sizes[0])
	var loss layer.Loss
	var target *tensor.Tensor
	if w.classes == 2 {
		loss = layer.BCEWithLogitsLoss{}
		target = tensor.Zeros(w.samples, 1)
	} else {
		loss = layer.CrossEntropyLoss{}
		target = tensor.Zeros(w.samples)
	}
	for i := range target.Data() {
		target.Data()[i] = float64(rng.IntN(w.classes))
	}
	var opt optim.Optimizer
	var err error
	if w.adam {
		opt, err = optim.NewAdam(model.Parameters(), optim.AdamConfig{LR: w.lr, Betas: [2]float64{0.9, 0.999}, Eps: 1e-8})
	} else {
		opt, err = optim.NewSGD(model.Parameters(), optim.SGDConfig{LR: w.lr})
	}
	if err != nil {
		tb.Fatal(err)
	}
	t := &Trainer{Net: model, Loss: loss, Optimizer: opt, Epochs: 1, BatchSize: batch}
	t.state = State{History: &History{}}
	loop := newStepLoop(t, &Data{X: x, Target: target}, batch)
	loop.order(false, nil)
	return t, loop
}

// TestStepAllocatesNothing holds a steady-state training step of both
// workloads, at two batch sizes each, to no allocation at all: the step's
// graph and buffers live on a tape that every step reuses, so what a step
// allocates cannot grow with the batch. It holds in every build: the
// matrix multiplies reuse their scratch, and the gonum fallback (-tags
// purego) runs gonum's blocks serially instead of letting Dgemm start
// goroutines.
func TestStepAllocatesNothing(t *testing.T) {
	cases := []struct {
		name  string
		w     workload
		batch int
	}{
		{"tiny/32", tinyWorkload, 32},
		{"tiny/256", tinyWorkload, 256},
		{"medium/16", mediumWorkload, 16},
		{"medium/128", mediumWorkload, 128},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, loop := tc.w.setup(t, tc.batch)
			steps, i := tc.w.samples/tc.batch, 0
			step := func() {
				if _, err := loop.step(i % steps); err != nil {
					t.Fatal(err)
				}
				i++
			}
			step() // the first step allocates the tape and optimizer state
			if n := testing.AllocsPerRun(10, step); n != 0 {
				t.Errorf("a steady-state step allocates %v times, want 0", n)
			}
		})
	}
}

func benchSteps(b *testing.B, w workload, batch int) {
	_, loop := w.setup(b, batch)
	steps := w.samples / batch
	for i := 0; i < 3; i++ { // warm up: first steps allocate optimizer state
		if _, err := loop.step(i % steps); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := loop.step(i % steps); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "samples/s")
}

// BenchmarkStepTiny is MLP 2-16-16-1, ReLU, BCE with logits, SGD lr 0.1,
// batch 32.
func BenchmarkStepTiny(b *testing.B) { benchSteps(b, tinyWorkload, tinyWorkload.batch) }

// BenchmarkStepMedium is MLP 784-256-256-10, ReLU, cross-entropy, Adam lr
// 1e-3, batch 128.
func BenchmarkStepMedium(b *testing.B) { benchSteps(b, mediumWorkload, mediumWorkload.batch) }

// BenchmarkStepWide is MLP 784-1024-1024-10, ReLU, cross-entropy, Adam lr
// 1e-3, batch 256: products large enough to pay for every core.
func BenchmarkStepWide(b *testing.B) { benchSteps(b, wideWorkload, wideWorkload.batch) }

// BenchmarkStepTinyBatch256 shows how a step's allocations and time scale
// with the batch size.
func BenchmarkStepTinyBatch256(b *testing.B) { benchSteps(b, tinyWorkload, 256) }

func benchPredict(b *testing.B, w workload) {
	t, _ := w.setup(b, w.batch)
	x := tensor.RandN(rand.New(rand.NewPCG(3, 4)), w.batch, w.sizes[0])
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t.Net.Predict(x)
	}
	b.ReportMetric(float64(b.N*w.batch)/b.Elapsed().Seconds(), "samples/s")
}

// BenchmarkPredictTiny is inference of the tiny model on one batch.
func BenchmarkPredictTiny(b *testing.B) { benchPredict(b, tinyWorkload) }

// BenchmarkPredictMedium is inference of the medium model on one batch.
func BenchmarkPredictMedium(b *testing.B) { benchPredict(b, mediumWorkload) }
