package optim

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/autograd"
)

func TestParamListErrors(t *testing.T) {
	p := newParam([]float64{1, 2})
	computed := autograd.Scale(p, 2)
	tests := []struct {
		name   string
		params []*autograd.Var
		errHas string
	}{
		{"empty", nil, "empty parameter list"},
		{"nil", []*autograd.Var{p, nil}, "parameter 1 is nil"},
		{"duplicate", []*autograd.Var{p, newParam([]float64{3}), p}, "parameters 0 and 2 are the same Var"},
		{"not a leaf", []*autograd.Var{computed}, "parameter 0 is computed"},
	}
	for _, tt := range tests {
		for _, b := range builders {
			t.Run(tt.name+"/"+b.name, func(t *testing.T) {
				_, err := b.build(tt.params)
				if err == nil || !strings.Contains(err.Error(), tt.errHas) {
					t.Fatalf("error %v, want one containing %q", err, tt.errHas)
				}
			})
		}
	}
}

// TestNilGradSkipped checks that a parameter without a gradient is left
// alone and gains no state, while the others step.
func TestNilGradSkipped(t *testing.T) {
	for _, b := range builders {
		t.Run(b.name, func(t *testing.T) {
			with, without := newParam([]float64{1, 2}), newParam([]float64{3, 4})
			opt, err := b.build([]*autograd.Var{with, without})
			mustNoErr(t, err)
			setGrad(with, []float64{0.5, -0.5})
			opt.Step()
			opt.Step()
			if d := with.Value().Data(); d[0] == 1 || d[1] == 2 {
				t.Fatalf("parameter with a gradient did not move: %v", d)
			}
			if d := without.Value().Data(); d[0] != 3 || d[1] != 4 {
				t.Fatalf("parameter without a gradient moved to %v", d)
			}
			for k := range opt.StateDict() {
				if strings.HasPrefix(k, "1.") {
					t.Fatalf("state %q for a parameter that never had a gradient", k)
				}
			}
		})
	}
}

func TestZeroGradAndParams(t *testing.T) {
	a, b := newParam([]float64{1, 2}), newParam([]float64{3})
	opt, err := NewSGD([]*autograd.Var{a, b}, SGDConfig{LR: 0.1})
	mustNoErr(t, err)
	setGrad(a, []float64{5, 6})
	setGrad(b, []float64{7})
	opt.ZeroGrad()
	for i, p := range opt.Params() {
		for j, g := range p.Grad().Data() {
			if g != 0 {
				t.Fatalf("param %d grad[%d] = %v after ZeroGrad", i, j, g)
			}
		}
	}
	if ps := opt.Params(); len(ps) != 2 || ps[0] != a || ps[1] != b {
		t.Fatalf("Params() = %v, want the two parameters in order", ps)
	}
}

func TestSetLR(t *testing.T) {
	opt, err := NewSGD([]*autograd.Var{newParam([]float64{1})}, SGDConfig{LR: 0.1})
	mustNoErr(t, err)
	opt.SetLR(0) // a schedule may reach zero
	if opt.LR() != 0 {
		t.Fatalf("LR() = %v after SetLR(0)", opt.LR())
	}
	for _, bad := range []float64{-0.1, nan(), inf()} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("SetLR(%v) did not panic", bad)
				}
			}()
			opt.SetLR(bad)
		}()
	}
}

// TestStepAllocations checks that steps after the first allocate nothing.
func TestStepAllocations(t *testing.T) {
	for _, b := range builders {
		t.Run(b.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(1, 1))
			params := []*autograd.Var{newParam(randVals(rng, 64), 8, 8), newParam(randVals(rng, 8))}
			opt, err := b.build(params)
			mustNoErr(t, err)
			for _, p := range params {
				setGrad(p, randVals(rng, p.Value().Len()))
			}
			opt.Step()
			if n := testing.AllocsPerRun(20, opt.Step); n != 0 {
				t.Fatalf("%v allocations per step", n)
			}
		})
	}
}

func BenchmarkStep(b *testing.B) {
	for _, bl := range builders {
		b.Run(bl.name, func(b *testing.B) {
			rng := rand.New(rand.NewPCG(1, 1))
			params := []*autograd.Var{newParam(randVals(rng, 256*256), 256, 256), newParam(randVals(rng, 256))}
			opt, err := bl.build(params)
			if err != nil {
				b.Fatal(err)
			}
			for _, p := range params {
				setGrad(p, randVals(rng, p.Value().Len()))
			}
			opt.Step() // the first step allocates the buffers
			b.ReportAllocs()
			for b.Loop() {
				opt.Step()
			}
		})
	}
}
