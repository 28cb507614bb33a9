package optim

import (
	"fmt"
	"math"

	"github.com/nnlab/nnlab/autograd"
)

// ClipGradNorm rescales the gradients of params in place so that their
// total 2-norm, taken over all of them as if concatenated, is at most
// maxNorm, as torch.nn.utils.clip_grad_norm_: every gradient is multiplied
// by maxNorm/(total+1e-6) when that factor is below 1. Parameters whose
// Grad is nil are ignored. It returns the total norm before clipping (0
// when no parameter has a gradient); a NaN total leaves the gradients
// alone and is returned for the caller to act on. It panics if maxNorm is
// negative or NaN.
func ClipGradNorm(params []*autograd.Var, maxNorm float64) float64 {
	if !(maxNorm >= 0) {
		panic(fmt.Sprintf("optim: ClipGradNorm: maxNorm %v must be >= 0", maxNorm))
	}
	// The norm of the per-parameter norms, as PyTorch stacks them, rather
	// than one long sum, so that the rounding follows PyTorch's.
	var sumSq float64
	for _, p := range params {
		if g := p.Grad(); g != nil {
			n := g.Norm()
			sumSq += float64(n * n) // the conversion forbids fusing, for the same bits on every architecture
		}
	}
	total := math.Sqrt(sumSq)
	coef := maxNorm / (total + 1e-6)
	if coef < 1 {
		for _, p := range params {
			if g := p.Grad(); g != nil {
				g.Scale(coef)
			}
		}
	}
	return total
}
