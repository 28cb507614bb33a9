package optim

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestLoadStateDictNegativeSquares: a running mean of squared gradients
// that is negative or NaN (an edited checkpoint) is refused, naming the
// entry, for every optimizer that keeps one; the state is left as it was.
func TestLoadStateDictNegativeSquares(t *testing.T) {
	checked := 0
	for _, b := range builders {
		for _, bad := range []float64{-1e-300, math.Inf(-1), math.NaN()} {
			opt, err := b.build(twoParams())
			mustNoErr(t, err)
			runSteps(opt, rand.New(rand.NewPCG(1, 2)), 3)
			before := opt.StateDict()
			sd := opt.StateDict()
			for _, name := range []string{"exp_avg_sq", "max_exp_avg_sq", "square_avg"} {
				if v := sd["1."+name]; v != nil {
					v.Data()[2] = bad
					checked++
					err := opt.LoadStateDict(sd)
					if err == nil || !strings.Contains(err.Error(), `"1.`+name+`"[2]`) {
						t.Errorf("%s: %s = %v loaded with error %v, want one naming the entry", b.name, name, bad, err)
					}
					if !sameState(opt.StateDict(), before) {
						t.Errorf("%s: the refused load changed the state", b.name)
					}
					v.Data()[2] = 0
				}
			}
			// +Inf is a square that overflowed: a run can hold it.
			if v := sd["0.exp_avg_sq"]; v != nil {
				v.Data()[0] = math.Inf(1)
				if err := opt.LoadStateDict(sd); err != nil {
					t.Errorf("%s: exp_avg_sq of +Inf refused: %v", b.name, err)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no optimizer keeps a mean of squares")
	}
}
