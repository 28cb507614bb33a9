package optim

import "math"

// The update kernels: one pass over one parameter that reads its gradient,
// value and state, writes the new value and state, keeps the old value for
// an undo, and reports whether every gradient and new value is finite.
// The loops here are the reference, in plain Go; kernels_amd64.s computes
// the same operations in the same order on four elements at a time, which
// gives the same bits, since IEEE multiplication, division, square root
// and fused multiply-add are correctly rounded in SIMD as in scalar code.
//
// The state buffers read (m, v, ...) and written (m2, v2, ...) may be the
// same slices, as may p and pold: Step updates in place, GuardedStep
// writes into the spare buffers and swaps them in once all is finite. The
// argument structs are read by the assembly at fixed offsets (see
// kernels_amd64_test.go): add fields only at their ends.

// adamArgs is one parameter's Adam or AdamW update (see adamStep).
type adamArgs struct {
	p, g, pold                                  []float64
	m, v, vmax                                  []float64
	m2, v2, vmax2                               []float64
	beta1, c1, beta2, c2, bc2Sqrt, eps, negStep float64
	wd                                          float64 // the shrink factor when decoupled, else the L2 factor
	flip                                        uint64  // 0, or the sign bit to negate the gradient
	decoupled, l2, amsgrad                      bool
}

// rmspropArgs is one parameter's RMSprop update (see RMSprop.Step).
type rmspropArgs struct {
	p, g, pold                     []float64
	sq, buf, gavg                  []float64
	sq2, buf2, gavg2               []float64
	alpha, c1, eps, negLR, wd, mom float64
	flip                           uint64
	l2, momentum, centered         bool
}

// sgdArgs is one parameter's SGD update (see SGD.Step).
type sgdArgs struct {
	p, g, pold, buf, buf2 []float64
	negLR, wd, mom, damp  float64
	flip                  uint64
	l2, momentum, first   bool
	nesterov              bool
}

// finite reports whether x is neither infinite nor NaN.
func finite(x float64) bool { return x-x == 0 }

// adamGo is the reference Adam kernel.
func adamGo(a *adamArgs) bool {
	p, g, pold, m, v, m2, v2 := a.p, a.g, a.pold, a.m, a.v, a.m2, a.v2
	ok := true
	for j, d := range g {
		x := p[j]
		pold[j] = x
		if a.decoupled {
			x *= a.wd
		}
		ok = ok && finite(d)
		d = math.Float64frombits(math.Float64bits(d) ^ a.flip)
		if a.l2 {
			d = math.FMA(a.wd, x, d)
		}
		mj := math.FMA(a.c1, d, float64(m[j]*a.beta1))
		den := math.FMA(float64(a.c2*d), d, float64(v[j]*a.beta2))
		m2[j], v2[j] = mj, den
		if a.amsgrad {
			// math.Max, like torch.maximum, propagates a NaN.
			den = math.Max(a.vmax[j], den)
			a.vmax2[j] = den
		}
		den = math.Sqrt(den)/a.bc2Sqrt + a.eps
		x += float64(a.negStep*mj) / den
		p[j] = x
		ok = ok && finite(x)
	}
	return ok
}

// rmspropGo is the reference RMSprop kernel.
func rmspropGo(a *rmspropArgs) bool {
	p, g, pold, sq, sq2 := a.p, a.g, a.pold, a.sq, a.sq2
	ok := true
	for j, d := range g {
		x := p[j]
		pold[j] = x
		ok = ok && finite(d)
		d = math.Float64frombits(math.Float64bits(d) ^ a.flip)
		if a.l2 {
			d = math.FMA(a.wd, x, d)
		}
		s := math.FMA(float64(a.c1*d), d, float64(sq[j]*a.alpha))
		sq2[j] = s
		var den float64
		if a.centered {
			ga := math.FMA(a.c1, d, float64(a.gavg[j]*a.alpha))
			a.gavg2[j] = ga
			den = math.Sqrt(math.FMA(-ga, ga, s))
		} else {
			den = math.Sqrt(s)
		}
		den += a.eps
		if a.momentum {
			b := float64(a.buf[j]*a.mom) + d/den
			a.buf2[j] = b
			x = math.FMA(a.negLR, b, x)
		} else {
			x += float64(a.negLR*d) / den
		}
		p[j] = x
		ok = ok && finite(x)
	}
	return ok
}

// sgdGo is the reference SGD kernel. The momentum buffer starts as d on a
// parameter's first step.
func sgdGo(a *sgdArgs) bool {
	p, g, pold := a.p, a.g, a.pold
	ok := true
	for j, d := range g {
		x := p[j]
		pold[j] = x
		ok = ok && finite(d)
		d = math.Float64frombits(math.Float64bits(d) ^ a.flip)
		if a.l2 {
			d = math.FMA(a.wd, x, d)
		}
		if a.momentum {
			b := d
			if !a.first {
				b = math.FMA(a.damp, d, float64(a.buf[j]*a.mom))
			}
			a.buf2[j] = b
			if a.nesterov {
				d = math.FMA(a.mom, b, d)
			} else {
				d = b
			}
		}
		x = math.FMA(a.negLR, d, x)
		p[j] = x
		ok = ok && finite(x)
	}
	return ok
}

// from returns s[k:], or nil for a nil s.
func from(s []float64, k int) []float64 {
	if s == nil {
		return nil
	}
	return s[k:]
}
