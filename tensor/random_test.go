package tensor

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestRandomFillsAreDeterministic(t *testing.T) {
	fills := map[string]func(rng *rand.Rand) *Tensor{
		"FillNormal": func(rng *rand.Rand) *Tensor {
			x := Zeros(7, 5)
			x.FillNormal(rng, 1, 2)
			return x
		},
		"FillUniform": func(rng *rand.Rand) *Tensor {
			x := Zeros(7, 5)
			x.FillUniform(rng, -3, 2)
			return x
		},
		"RandN": func(rng *rand.Rand) *Tensor { return RandN(rng, 7, 5) },
	}
	for name, fill := range fills {
		t.Run(name, func(t *testing.T) {
			a := fill(rand.New(rand.NewPCG(42, 7)))
			b := fill(rand.New(rand.NewPCG(42, 7)))
			c := fill(rand.New(rand.NewPCG(43, 7)))
			same := 0
			for i := range a.Data() {
				if math.Float64bits(a.Data()[i]) != math.Float64bits(b.Data()[i]) {
					t.Fatalf("same seed, element %d: %v != %v", i, a.Data()[i], b.Data()[i])
				}
				if a.Data()[i] == c.Data()[i] {
					same++
				}
			}
			if same == a.Len() {
				t.Error("a different seed gave the same draws")
			}
		})
	}
}

func TestFillDrawsMatchTheGenerator(t *testing.T) {
	// Every element is one draw from the caller's generator, in order, so
	// that the stream (and hence a training run) is reproducible by hand.
	x := Zeros(4)
	x.FillNormal(rand.New(rand.NewPCG(5, 6)), 0.5, 3)
	ref := rand.New(rand.NewPCG(5, 6))
	for i, v := range x.Data() {
		if want := 0.5 + 3*ref.NormFloat64(); v != want {
			t.Fatalf("FillNormal[%d] = %v, want %v", i, v, want)
		}
	}
	x.FillUniform(rand.New(rand.NewPCG(5, 6)), -1, 3)
	ref = rand.New(rand.NewPCG(5, 6))
	for i, v := range x.Data() {
		if want := -1 + 4*ref.Float64(); v != want {
			t.Fatalf("FillUniform[%d] = %v, want %v", i, v, want)
		}
	}
}

func TestFillDistributions(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	n := 200000
	x := Zeros(n)
	x.FillUniform(rng, -2, 6)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range x.Data() {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	if lo < -2 || hi >= 6 || lo > -1.99 || hi < 5.99 {
		t.Errorf("uniform range [%v, %v], want just inside [-2, 6)", lo, hi)
	}
	if m := x.Mean(); math.Abs(m-2) > 0.03 {
		t.Errorf("uniform mean %v, want 2", m)
	}
	x.FillNormal(rng, -1, 0.5)
	m := x.Mean()
	v := 0.0
	for _, e := range x.Data() {
		v += (e - m) * (e - m)
	}
	sd := math.Sqrt(v / float64(n))
	if math.Abs(m+1) > 0.01 || math.Abs(sd-0.5) > 0.01 {
		t.Errorf("normal mean %v std %v, want -1 and 0.5", m, sd)
	}
}
