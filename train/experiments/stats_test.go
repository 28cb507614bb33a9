package experiments

import (
	"math"
	"testing"
)

func TestBootstrapIntervalContainsMedianAndIsReproducible(t *testing.T) {
	vs := []float64{0.91, 0.95, 0.88, 0.97, 0.93, 0.99, 0.90, 0.94, 0.96, 0.92}
	s := summarize(vs)
	if !(s.Lo <= s.Median && s.Median <= s.Hi) {
		t.Fatalf("interval [%v, %v] does not contain the median %v", s.Lo, s.Hi, s.Median)
	}
	if !(s.Lo > s.Min || s.Hi < s.Max) {
		t.Errorf("interval [%v, %v] is the whole range [%v, %v]: no resampling happened?", s.Lo, s.Hi, s.Min, s.Max)
	}
	rev := append([]float64(nil), vs...)
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	if r := summarize(rev); r != s {
		t.Errorf("the interval depends on the order of the values: %+v vs %+v", r, s)
	}
}

func TestBootstrapIntervalNarrowsWithMoreSeeds(t *testing.T) {
	few, many := make([]float64, 5), make([]float64, 80)
	for i := range many {
		v := math.Sin(float64(i) * 1.7) // spread in [-1, 1]
		many[i] = v
		if i < len(few) {
			few[i] = v
		}
	}
	a, b := summarize(few), summarize(many)
	if !(b.Hi-b.Lo < a.Hi-a.Lo) {
		t.Errorf("80 values give interval width %v, 5 values %v; want narrower", b.Hi-b.Lo, a.Hi-a.Lo)
	}
}

func TestBootstrapEdgeCases(t *testing.T) {
	if s := summarize([]float64{math.NaN(), math.Inf(1)}); s.N != 0 || !math.IsNaN(float64(s.Lo)) || !math.IsNaN(float64(s.Hi)) {
		t.Errorf("no finite values: %+v, want N=0 and NaN interval", s)
	}
	if s := summarize([]float64{0.5}); s.Lo != 0.5 || s.Hi != 0.5 || s.N != 1 {
		t.Errorf("one value: %+v, want [0.5, 0.5]", s)
	}
	e := meanEstimate([]float64{0, 1, 0, 1, 1, 0})
	if e.Value != 0.5 || !e.contains(0.5) || e.Lo <= 0 || e.Hi >= 1 {
		t.Errorf("mean estimate %+v: want 0.5 inside (0, 1)", e)
	}
	if d := paired([]float64{1, 2, math.NaN()}, []float64{1.5, 1, 3}); len(d) != 2 || d[0] != 0.5 || d[1] != -1 {
		t.Errorf("paired = %v, want [0.5 -1]", d)
	}
}

func TestPercentileInterpolatesAsNumpy(t *testing.T) {
	s := []float64{1, 2, 3, 4}
	// numpy.percentile([1,2,3,4], 25) = 1.75, 97.5 -> 3.925
	if p := percentile(s, 0.25); math.Abs(p-1.75) > 1e-12 {
		t.Errorf("25th percentile = %v, want 1.75", p)
	}
	if p := percentile(s, 0.975); math.Abs(p-3.925) > 1e-12 {
		t.Errorf("97.5th percentile = %v, want 3.925", p)
	}
}
