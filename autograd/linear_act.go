package autograd

import "github.com/nnlab/nnlab/tensor"

// LinearAct returns f(x·wᵀ + b), the [Linear] layer and an elementwise
// activation in one op: one node in the graph instead of two, and in the
// backward pass the activation's derivative goes straight into the buffer
// that Linear's gradients read. It also returns the pre-activation
// x·wᵀ + b, which the op keeps for its backward pass and which the caller
// must only read (a forward hook on the linear layer sees it). The values
// and gradients are those of Elementwise(Linear(x, w, b), f), bit for bit.
func LinearAct(x, w, b *Var, f SliceFunc) (y *Var, pre *tensor.Tensor) {
	tp := tapeOf(x, w, b)
	n, m := linearShape("LinearAct", x, w, b)
	z, a := tp.zeros(n, m), tp.zeros(n, m)
	linearForward(z, x, w, b)
	f.ApplySlice(a.Data(), z.Data())
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
