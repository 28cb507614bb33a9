package optim

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/nnlab/nnlab/tensor"
)

// sameBits reports whether two state dicts hold the same keys, shapes and
// bits (NaN and the sign of zero included).
func sameBits(a, b map[string]*tensor.Tensor) bool {
	if len(a) != len(b) {
		return false
	}
	for k, x := range a {
		y, ok := b[k]
		if !ok || !tensor.SameShape(x, y) {
			return false
		}
		for i, v := range x.Data() {
			if math.Float64bits(v) != math.Float64bits(y.Data()[i]) {
				return false
			}
		}
	}
	return true
}

// TestSnapshotRestoresState checks, for every optimizer, that
// RestoreSnapshot after a step gives back the state dict of before the
// step, bit for bit, including a parameter that took its first step in
// between, and that the following steps are those of a run in which the
// undone step never happened.
func TestSnapshotRestoresState(t *testing.T) {
	for _, b := range builders {
		t.Run(b.name, func(t *testing.T) {
			params, twin := twoParams(), twoParams()
			opt, err := b.build(params)
			mustNoErr(t, err)
			ref, err := b.build(twin)
			mustNoErr(t, err)
			// Two steps in which only the first parameter has a gradient.
			for _, o := range []Optimizer{opt, ref} {
				rng := rand.New(rand.NewPCG(3, 3))
				for range 2 {
					setGrad(o.Params()[0], randVals(rng, 6))
					o.Step()
				}
			}
			before := opt.StateDict()
			saved := make([][]float64, len(params))
			for i, p := range params {
				saved[i] = append([]float64(nil), p.Value().Data()...)
			}
			s := opt.(Snapshotter)
			s.Snapshot()
			runSteps(opt, rand.New(rand.NewPCG(4, 4)), 1) // both parameters
			opt.SetLR(opt.LR() * 3)
			s.RestoreSnapshot()
			if after := opt.StateDict(); !sameBits(after, before) {
				t.Fatalf("state after RestoreSnapshot:\n%v\nwant\n%v", after, before)
			}
			for i, p := range params {
				copy(p.Value().Data(), saved[i]) // the trainer restores the parameters
			}
			runSteps(opt, rand.New(rand.NewPCG(5, 5)), 3)
			runSteps(ref, rand.New(rand.NewPCG(5, 5)), 3)
			if !sameBits(opt.StateDict(), ref.StateDict()) {
				t.Fatal("steps after RestoreSnapshot differ from those of a run without the undone step")
			}
			for i := range params {
				for j, v := range params[i].Value().Data() {
					if math.Float64bits(v) != math.Float64bits(twin[i].Value().Data()[j]) {
						t.Fatalf("param %d[%d] = %v, want %v", i, j, v, twin[i].Value().Data()[j])
					}
				}
			}
		})
	}
}

// TestSnapshotAfterLoadStateDict checks that RestoreSnapshot rebuilds a
// parameter's state that LoadStateDict removed after the snapshot.
func TestSnapshotAfterLoadStateDict(t *testing.T) {
	opt, err := NewAdam(twoParams(), DefaultAdamConfig())
	mustNoErr(t, err)
	runSteps(opt, rand.New(rand.NewPCG(1, 1)), 2)
	before := opt.StateDict()
	opt.Snapshot()
	mustNoErr(t, opt.LoadStateDict(map[string]*tensor.Tensor{"lr": tensor.New([]float64{0.5}, 1)}))
	opt.RestoreSnapshot()
	if !sameBits(opt.StateDict(), before) {
		t.Fatal("state after LoadStateDict and RestoreSnapshot differs from the snapshot's")
	}
}

func TestRestoreSnapshotWithoutSnapshotPanics(t *testing.T) {
	opt, err := NewSGD(twoParams(), DefaultSGDConfig(0.1))
	mustNoErr(t, err)
	defer func() {
		if r := recover(); r == nil {
			t.Fatal("no panic")
		}
	}()
	opt.RestoreSnapshot()
}

// TestSnapshotAllocations checks that a snapshot and a step, as a trainer
// takes them every step, allocate nothing once the first snapshot is made.
func TestSnapshotAllocations(t *testing.T) {
	for _, b := range builders {
		t.Run(b.name, func(t *testing.T) {
			opt, err := b.build(twoParams())
			mustNoErr(t, err)
			runSteps(opt, rand.New(rand.NewPCG(1, 1)), 1)
			s := opt.(Snapshotter)
			s.Snapshot()
			step := func() {
				s.Snapshot()
				opt.Step()
				s.RestoreSnapshot()
			}
			if n := testing.AllocsPerRun(20, step); n != 0 {
				t.Fatalf("%v allocations per snapshot, step and restore", n)
			}
		})
	}
}
