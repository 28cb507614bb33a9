package autograd

import (
	"fmt"
	"sync/atomic"

	"github.com/nnlab/nnlab/tensor"
)

// Backward computes the gradient of the scalar v with respect to every Var
// it depends on that requires a gradient, accumulating into their Grad. It
// panics if v is not a one-element value, or if v itself requires no
// gradient (computed from constants only, or in inference mode), as
// PyTorch raises an error there.
func (v *Var) Backward() {
	if v.value.Len() != 1 {
		panic(fmt.Sprintf("autograd: Backward: needs a scalar, have shape %v (use BackwardWith)", v.Shape()))
	}
	v.backprop(nil)
}

// BackwardWith is Backward for a non-scalar v: it backpropagates the given
// upstream gradient, which must have v's shape. The result is the gradient
// of sum(v ⊙ upstream). It panics, naming both shapes, if upstream has
// another shape, and as Backward does if v requires no gradient.
func (v *Var) BackwardWith(upstream *tensor.Tensor) {
	if !tensor.SameShape(v.value, upstream) {
		panic(fmt.Sprintf("autograd: BackwardWith: upstream gradient %v for a value of shape %v", upstream.Shape(), v.Shape()))
	}
	v.backprop(upstream)
}

// backprop runs the backward pass from v with the given upstream gradient,
// or with 1 for the scalar v when upstream is nil.
func (v *Var) backprop(upstream *tensor.Tensor) {
	if !v.requiresGrad {
		// PyTorch raises here too: a silent no-op would leave a model
		// that never learns, and nothing saying why.
		why := "nothing it was computed from requires a gradient"
		if v.inference {
			why = "it was computed in inference mode"
		}
		panic("autograd: Backward: the value has no gradient to propagate: " + why)
	}
	order := v.topoSort()
	// Intermediate gradients start from zero on every walk, so that a second
	// Backward over the same graph adds to the leaves once more rather than
	// replaying stale sums.
	for _, n := range order {
		if !n.IsLeaf() && n.grad != nil {
			n.gradZeroed = true
		}
	}
	g := v.gradBuf()
	if upstream == nil {
		g.Data()[0]++
	} else {
		tensor.Add(g, g, upstream)
	}
	for i := len(order) - 1; i >= 0; i-- {
		if n := order[i]; !n.IsLeaf() && n.grad != nil {
			n.clearZeroed() // no op wrote it on this walk: its gradient is zero
			n.backward(n)
		}
	}
}

// walks numbers the graph walks of topoSort, so that a Var's mark tells
// whether the current walk has reached it without a map of visited Vars.
var walks atomic.Uint64

// frame is topoSort's position in one Var's parents.
type frame struct {
	v    *Var
	next int
}

// topoSort returns v and the computed Vars it depends on that require a
// gradient, each once, operands before results. Leaves other than v are
// left out: they have no backward pass to order. It is iterative so that
// deep graphs do not exhaust the stack, and it works in the tape's scratch
// space when v has a tape.
func (v *Var) topoSort() []*Var {
	var order []*Var
	var stack []frame
	tp := v.tape
	if tp != nil {
		order, stack = tp.order[:0], tp.stack[:0]
	}
	walk := walks.Add(1)
	v.walk = walk
	stack = append(stack, frame{v: v})
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if top.next < len(top.v.parents) {
			p := top.v.parents[top.next]
			top.next++
			if p != nil && p.requiresGrad && !p.IsLeaf() && p.walk != walk {
				p.walk = walk
				stack = append(stack, frame{v: p})
			}
			continue
		}
		order = append(order, top.v)
		stack = stack[:len(stack)-1]
	}
	if tp != nil {
		tp.order, tp.stack = order, stack
	}
	return order
}
