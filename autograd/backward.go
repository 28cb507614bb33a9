package autograd

import (
	"fmt"

	"github.com/nnlab/nnlab/tensor"
)

// Backward computes the gradient of the scalar v with respect to every Var
// it depends on that requires a gradient, accumulating into their Grad. It
// panics if v is not a one-element value.
func (v *Var) Backward() {
	if v.value.Len() != 1 {
		panic(fmt.Sprintf("autograd: Backward: needs a scalar, have shape %v (use BackwardWith)", v.Shape()))
	}
	v.BackwardWith(tensor.Full(1, v.Shape()...))
}

// BackwardWith is Backward for a non-scalar v: it backpropagates the given
// upstream gradient, which must have v's shape. The result is the gradient
// of sum(v ⊙ upstream).
func (v *Var) BackwardWith(upstream *tensor.Tensor) {
	tensor.MustSameShape("Backward", v.value, upstream)
	if !v.requiresGrad {
		return
	}
	order := topoSort(v)
	// Intermediate gradients start from zero on every walk, so that a second
	// Backward over the same graph adds to the leaves once more rather than
	// replaying stale sums.
	for _, n := range order {
		if !n.IsLeaf() && n.grad != nil {
			n.grad.Zero()
		}
	}
	tensor.Add(v.gradBuf(), v.grad, upstream)
	for i := len(order) - 1; i >= 0; i-- {
		n := order[i]
		if n.backward != nil && n.grad != nil {
			n.backward(n)
		}
	}
}

// topoSort returns the Vars that v depends on and that require a gradient,
// each once, operands before results. It is iterative so that deep graphs
// do not exhaust the stack.
func topoSort(root *Var) []*Var {
	type frame struct {
		v    *Var
		next int
	}
	var order []*Var
	seen := map[*Var]bool{root: true}
	stack := []frame{{v: root}}
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if top.next < len(top.v.parents) {
			p := top.v.parents[top.next]
			top.next++
			if p != nil && p.requiresGrad && !seen[p] {
				seen[p] = true
				stack = append(stack, frame{v: p})
			}
			continue
		}
		order = append(order, top.v)
		stack = stack[:len(stack)-1]
	}
	return order
}
