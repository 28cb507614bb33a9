package plots

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/plot/plotter"
)

// distToSegment is the distance from p to the segment a–b.
func distToSegment(p, a, b plotter.XY) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	t := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		t = math.Max(0, math.Min(1, ((p.X-a.X)*dx+(p.Y-a.Y)*dy)/l))
	}
	return math.Hypot(p.X-a.X-t*dx, p.Y-a.Y-t*dy)
}

// A thinned ROC curve keeps its ends, has few points, and every point of
// the original lies within the resolution of the drawn polyline.
func TestThinCurve(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{2, 10, 1000, 200_000} {
		// A random staircase from (0, 0) to (1, 1), as ROC draws it.
		xys := plotter.XYs{{X: 0, Y: 0}}
		pos, neg := 0, 0
		steps := make([]bool, n)
		for i := range steps {
			steps[i] = rng.Float64() < 0.6
			if steps[i] {
				pos++
			} else {
				neg++
			}
		}
		if pos == 0 || neg == 0 {
			t.Fatalf("n %d: one-sided staircase", n)
		}
		tp, fp := 0, 0
		for _, up := range steps {
			if up {
				tp++
			} else {
				fp++
			}
			xys = append(xys, plotter.XY{X: float64(fp) / float64(neg), Y: float64(tp) / float64(pos)})
		}
		const eps = 1.0 / 1000
		got := thinCurve(xys, eps)
		if got[0] != xys[0] || got[len(got)-1] != xys[len(xys)-1] {
			t.Fatalf("n %d: ends %v, %v", n, got[0], got[len(got)-1])
		}
		if len(got) > 2/eps+2 {
			t.Errorf("n %d: %d points kept, want at most %v", n, len(got), 2/eps+2)
		}
		if n <= 100 && len(got) != len(xys) {
			t.Errorf("n %d: coarse curve thinned from %d to %d points", n, len(xys), len(got))
		}
		// Walk the original points along the kept segments.
		seg := 0
		for _, p := range xys {
			for seg+1 < len(got)-1 && p.X >= got[seg+1].X && p.Y >= got[seg+1].Y {
				seg++
			}
			if d := distToSegment(p, got[seg], got[seg+1]); d > eps*math.Sqrt2 {
				t.Fatalf("n %d: point %v is %v from the drawn segment %v–%v", n, p, d, got[seg], got[seg+1])
			}
		}
	}
}
