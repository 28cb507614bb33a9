package autograd

import (
	"fmt"

	"github.com/nnlab/nnlab/tensor"
)

// Add returns a + b. b has a's shape or is a row vector ([n] or [1, n])
// broadcast over the rows of the matrix a, as PyTorch broadcasts a bias.
func Add(a, b *Var) *Var {
	tp := tapeOf(a, b)
	if tensor.SameShape(a.value, b.value) {
		y := tp.zeros(a.Shape()...)
		tensor.Add(y, a.value, b.value)
		return result(tp, y, addBackward, a, b)
	}
	// Check here rather than in tensor.AddRowVector, so that the message
	// names the operation the caller used.
	if bs := b.Shape(); a.value.Dims() != 2 || b.value.Len() != a.Shape()[1] || len(bs) > 2 || (len(bs) == 2 && bs[0] != 1) {
		panic(fmt.Sprintf("autograd: Add: shapes %v and %v do not broadcast", a.Shape(), b.Shape()))
	}
	y := tp.zeros(a.Shape()...)
	tensor.AddRowVector(y, a.value, b.value)
	return result(tp, y, addRowBackward, a, b)
}

func addBackward(out *Var) {
	a, b := out.parents[0], out.parents[1]
	if needs(a) {
		tensor.Add(a.gradBuf(), a.grad, out.grad)
	}
	if needs(b) {
		tensor.Add(b.gradBuf(), b.grad, out.grad)
	}
}

func addRowBackward(out *Var) {
	a, b := out.parents[0], out.parents[1]
	if needs(a) {
		tensor.Add(a.gradBuf(), a.grad, out.grad)
	}
	if needs(b) {
		tensor.SumRows(b.gradBuf(), out.grad, 1)
	}
}

// Sub returns a - b for operands of one shape.
func Sub(a, b *Var) *Var {
	tp := tapeOf(a, b)
	y := tp.zeros(a.Shape()...)
	tensor.Sub(y, a.value, b.value)
	return result(tp, y, subBackward, a, b)
}

func subBackward(out *Var) {
	a, b := out.parents[0], out.parents[1]
	if needs(a) {
		tensor.Add(a.gradBuf(), a.grad, out.grad)
	}
	if needs(b) {
		tensor.Sub(b.gradBuf(), b.grad, out.grad)
	}
}

// Mul returns the elementwise product a ⊙ b for operands of one shape.
func Mul(a, b *Var) *Var {
	tp := tapeOf(a, b)
	y := tp.zeros(a.Shape()...)
	tensor.MulElem(y, a.value, b.value)
	return result(tp, y, mulBackward, a, b)
}

func mulBackward(out *Var) {
	a, b := out.parents[0], out.parents[1]
	g := out.grad.Data()
	if needs(a) {
		ag, bv := a.gradBuf().Data(), b.value.Data()
		for i := range ag {
			ag[i] += g[i] * bv[i]
		}
	}
	if needs(b) {
		bg, av := b.gradBuf().Data(), a.value.Data()
		for i := range bg {
			bg[i] += g[i] * av[i]
		}
	}
}

// Scale returns s·a.
func Scale(a *Var, s float64) *Var {
	tp := tapeOf(a)
	y := tp.zeros(a.Shape()...)
	y.CopyFrom(a.value)
	y.Scale(s)
	out := result(tp, y, scaleBackward, a)
	out.factor = s
	return out
}

func scaleBackward(out *Var) {
	a := out.parents[0]
	tensor.AddScaled(a.gradBuf(), out.factor, out.grad)
}
