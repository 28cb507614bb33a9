//go:build amd64 && !purego

package optim

import (
	"math/rand/v2"
	"testing"

	"github.com/nnlab/nnlab/autograd"
)

// The optimizer step alone on the parameters of the medium workload of
// docs/performance.md (MLP 784-256-256-10, 269,322 values), Adam with
// PyTorch's defaults. "guarded" is the trainer's step: GuardedStep, or,
// as before it, a snapshot of the state and the parameters, Step, and
// finiteness passes over the gradients and the new values. "reference"
// runs the plain Go kernels instead of the assembly.

func mediumParams() []*autograd.Var {
	rng := rand.New(rand.NewPCG(1, 2))
	var ps []*autograd.Var
	for _, shape := range [][]int{{256, 784}, {256}, {256, 256}, {256}, {10, 256}, {10}} {
		n := 1
		for _, d := range shape {
			n *= d
		}
		p := newParam(randVals(rng, n), shape...)
		setGrad(p, randVals(rng, n))
		ps = append(ps, p)
	}
	return ps
}

func benchAdam(b *testing.B, asm bool, step func(o *Adam, saved [][]float64)) {
	defer func(old bool) { useAVX2 = old }(useAVX2)
	useAVX2 = useAVX2 && asm
	ps := mediumParams()
	cfg := DefaultAdamConfig()
	cfg.LR = 1e-6 // many steps stay finite
	o, err := NewAdam(ps, cfg)
	if err != nil {
		b.Fatal(err)
	}
	saved := values(ps)
	step(o, saved)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		step(o, saved)
	}
}

func plainStep(o *Adam, _ [][]float64) { o.Step() }

func guardedStep(o *Adam, _ [][]float64) {
	if err := o.GuardedStep(); err != nil {
		panic(err)
	}
}

// snapshotStep is the trainer's guard before GuardedStep.
func snapshotStep(o *Adam, saved [][]float64) {
	for _, p := range o.params {
		if !p.Grad().IsFinite() {
			panic("non-finite gradient")
		}
	}
	o.Snapshot()
	for i, p := range o.params {
		copy(saved[i], p.Value().Data())
	}
	o.Step()
	for _, p := range o.params {
		if !p.Value().IsFinite() {
			panic("non-finite update")
		}
	}
}

func BenchmarkAdamStep(b *testing.B)          { benchAdam(b, true, plainStep) }
func BenchmarkAdamStepReference(b *testing.B) { benchAdam(b, false, plainStep) }
func BenchmarkAdamGuarded(b *testing.B)       { benchAdam(b, true, guardedStep) }
func BenchmarkAdamGuardedReference(b *testing.B) {
	benchAdam(b, false, guardedStep)
}
func BenchmarkAdamSnapshotReference(b *testing.B) { benchAdam(b, false, snapshotStep) }
