package autograd

import (
	"fmt"
	"math/rand/v2"
)

// Dropout returns x with each element zeroed with probability p and the
// survivors scaled by 1/(1-p), PyTorch's F.dropout in training mode
// (inverted dropout, so that evaluation needs no rescaling). The mask is
// drawn from src, one number per element in order, so that a seeded
// source gives the same mask every time; the backward pass multiplies the
// upstream gradient by the same mask. As in PyTorch, p = 0 returns x
// itself and p = 1 gives zeros (x·0), neither drawing from src.
//
// It panics, naming the op, unless p is in [0, 1], or if src is nil and
// a mask is needed.
func Dropout(x *Var, p float64, src rand.Source) *Var {
	const op = "Dropout"
	if !(p >= 0 && p <= 1) {
		panic(fmt.Sprintf("autograd: %s: p = %v must be in [0, 1]", op, p))
	}
	if p == 0 {
		return x
	}
	if src == nil && p < 1 {
		panic(fmt.Sprintf("autograd: %s: no random source for the mask of input %v", op, x.Shape()))
	}
	tp := tapeOf(x)
	y := tp.uncleared(x.Shape()...) // every element is written below
	mask := tp.uncleared(x.Shape()...)
	xd, yd, md := x.value.Data(), y.Data(), mask.Data()
	scale := 1 / (1 - p)
	for i, v := range xd {
		m := 0.0
		// A uniform u in [0, 1) with 53 random bits, as rand.Float64 draws
		// it; the element survives with probability P(u >= p) = 1 - p.
		if p < 1 && float64(src.Uint64()>>11)*0x1p-53 >= p {
			m = scale
		}
		md[i] = m
		yd[i] = v * m
	}
	out := result(tp, y, dropoutBackward, x)
	out.saved = mask
	return out
}

// dropoutBackward passes the upstream gradient through the mask.
func dropoutBackward(out *Var) {
	g, xg, md := out.grad.Data(), out.parents[0].gradBuf().Data(), out.saved.Data()
	for i, m := range md {
		xg[i] += float64(g[i] * m)
	}
}
