package autograd

import "github.com/nnlab/nnlab/tensor"

// Mul returns the elementwise product a ⊙ b for operands of one shape, as
// torch.mul; the matrix product is [MatMul]. It panics, naming both shapes,
// if they differ.
func Mul(a, b *Var) *Var {
	mustSameShape("Mul", a, b)
	tp := tapeOf(a, b)
	y := tp.zeros(a.Shape()...)
	tensor.MulElem(y, a.value, b.value)
	return result(tp, y, mulBackward, a, b)
}

// mulBackward passes g ⊙ b to a and g ⊙ a to b.
func mulBackward(out *Var) {
	a, b := out.parents[0], out.parents[1]
	g := out.grad.Data()
	if needs(a) {
		ag, bv := a.gradBuf().Data(), b.value.Data()
		for i := range ag {
			ag[i] += float64(g[i] * bv[i])
		}
	}
	if needs(b) {
		bg, av := b.gradBuf().Data(), a.value.Data()
		for i := range bg {
			bg[i] += float64(g[i] * av[i])
		}
	}
}
