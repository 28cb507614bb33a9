package autograd

import "github.com/nnlab/nnlab/tensor"

// LinearAct returns f(x·wᵀ + b), the [Linear] layer and an elementwise
// activation in one op: the bias and the activation are applied in a single
// pass over each row while it is in cache, and the graph holds one node
// instead of two. It also returns the pre-activation x·wᵀ + b, which the op
// keeps for its backward pass and which the caller must only read (a
// forward hook on the linear layer sees it). The values and gradients are
// those of Elementwise(Linear(x, w, b), f), bit for bit.
func LinearAct(x, w, b *Var, f SliceFunc) (y *Var, pre *tensor.Tensor) {
	tp := tapeOf(x, w, b)
	n, m := linearShape("LinearAct", x, w, b)
	z, a := tp.zeros(n, m), tp.zeros(n, m)
	tensor.MatMul(z, x.value, w.value, false, true, 1, 0)
	zd, ad := z.Data(), a.Data()
	for i := range n {
		zr, ar := zd[i*m:(i+1)*m], ad[i*m:(i+1)*m]
		if b != nil {
			for j, bj := range b.value.Data() {
				zr[j] += bj
			}
		}
		f.ApplySlice(ar, zr)
	}
	y = result(tp, a, linearActBackward, x, w, b)
	y.saved, y.act = z, f
	return y, z
}

// linearActBackward forms the gradient of the pre-activation, dz = dy ⊙
// f'(z), in a buffer of its own and passes it on as Linear's backward does.
func linearActBackward(out *Var) {
	z := out.saved
	dz := out.tape.zeros(z.Shape()...)
	out.act.AccumulateGrad(dz.Data(), out.grad.Data(), z.Data(), out.value.Data())
	linearGrads(out.parents, dz)
}
