package train

import (
	"context"
	"math"
	"testing"
)

func TestScratchCircle(t *testing.T) {
	for seed := uint64(1); seed <= 8; seed++ {
		data := newCircleSplit(t, seed)
		tr := runConfig{seed: seed, epochs: 40}.build(t, nil)
		tr.Fit(context.Background(), data.train, data.test)
		ev := Evaluate(tr.Model, tr.Loss, data.test)
		c := 0
		d := data.test
		for i := 0; i < d.Len(); i++ {
			px := d.X.At(i, 0)*data.std.Std[0] + data.std.Mean[0]
			py := d.X.At(i, 1)*data.std.Std[1] + data.std.Mean[1]
			p := 0
			if math.Hypot(px, py) < 0.5 {
				p = 1
			}
			if p == d.Labels[i] {
				c++
			}
		}
		t.Logf("seed %d acc %.4f ideal-on-test %.4f", seed, ev.Accuracy, float64(c)/float64(d.Len()))
	}
}
