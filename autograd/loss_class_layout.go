package autograd

import (
	"fmt"

	"github.com/nnlab/nnlab/tensor"
)

// The class losses, CrossEntropyLoss and NLLLoss, take PyTorch's three
// input shapes: a batch [n, C], one unbatched sample [C], and a
// K-dimensional batch [n, C, d1, ..., dK] with a class vector at every
// position. Their kernels see all three as a matrix of positions by
// classes. [n, C] and [C] are already laid out that way; a K-dimensional
// input has its classes strided by d1·...·dK, so it is first copied into
// [n·d1·...·dK, C] order by an op whose backward copies the gradient back.
// Either way, position i's loss is element i of the unreduced result, whose
// shape is the input's without the class dimension.

// DefaultIgnoreIndex is PyTorch's default ignore_index: a target of -100
// is ignored by the class losses unless another index is chosen.
const DefaultIgnoreIndex = -100

// classLayout describes a class loss's input: n positions of c classes,
// each class vector strided by inner (1 unless K-dimensional), and the
// shape of the per-position losses.
type classLayout struct {
	n, c, inner int
	perPosition []int
}

// classLayoutOf returns input's layout, panicking unless it has a class
// dimension.
func classLayoutOf(op string, input *tensor.Tensor) classLayout {
	s := input.Shape()
	switch len(s) {
	case 0:
		panic(fmt.Sprintf("autograd: %s: input %v has no class dimension ([C], [n, C] or [n, C, d1, ...])", op, s))
	case 1:
		return classLayout{n: 1, c: s[0], inner: 1, perPosition: []int{}}
	case 2:
		// The training path: no allocation.
		return classLayout{n: s[0], c: s[1], inner: 1, perPosition: s[:1:1]}
	}
	inner := 1
	for _, d := range s[2:] {
		inner *= d
	}
	per := append([]int{s[0]}, s[2:]...)
	return classLayout{n: s[0] * inner, c: s[1], inner: inner, perPosition: per}
}

// strided reports whether the classes of a position are not contiguous, so
// that the kernels need the input in classes-last order.
func (l classLayout) strided() bool { return l.inner > 1 }

// classesLast returns x, of layout l, as the [l.n, l.c] matrix of
// positions by classes. Without striding that is x itself.
func classesLast(tp *Tape, x *Var, l classLayout) *Var {
	if !l.strided() {
		return x
	}
	y := tp.zeros(l.n, l.c)
	permuteClasses(y.Data(), x.value.Data(), l.c, l.inner, false)
	return result(tp, y, classesLastBackward, x)
}

// classesLastBackward adds the gradient of the [positions, classes] copy
// into the strided input's.
func classesLastBackward(out *Var) {
	x := out.parents[0]
	if out.grad.Len() == 0 {
		return
	}
	c := x.Shape()[1]
	permuteClasses(out.grad.Data(), x.gradBuf().Data(), c, x.value.Len()/(x.Shape()[0]*c), true)
}

// classesLastTensor returns a probability target of layout l in
// [positions, classes] order, t itself without striding.
func classesLastTensor(t *tensor.Tensor, l classLayout) *tensor.Tensor {
	if !l.strided() {
		return t
	}
	y := tensor.Zeros(l.n, l.c)
	permuteClasses(y.Data(), t.Data(), l.c, l.inner, false)
	return y
}

// permuteClasses moves between the strided layout [b, c, inner] (strided)
// and the contiguous [b, inner, c] (flat): it copies strided into flat, or
// with back set adds flat into strided.
func permuteClasses(flat, strided []float64, c, inner int, back bool) {
	block := c * inner
	for b := 0; b*block < len(strided); b++ {
		s, f := strided[b*block:(b+1)*block], flat[b*block:(b+1)*block]
		for k := range inner {
			row := f[k*c : (k+1)*c]
			for j := range row {
				if back {
					s[j*inner+k] += row[j]
				} else {
					row[j] = s[j*inner+k]
				}
			}
		}
	}
}

// classTarget checks a class-index target against layout l: it has the
// input's shape without the class dimension.
func classTarget(op string, target, input *tensor.Tensor, l classLayout) {
	if !tensor.EqualShape(target.Shape(), l.perPosition) {
		panic(fmt.Sprintf("autograd: %s: target %v does not hold one class index per position of input %v (want %v)",
			op, target.Shape(), input.Shape(), l.perPosition))
	}
}

// ignoredTarget returns the target value that IgnoreIndex and
// IgnoreIndexSet select (see CrossEntropyOptions).
func ignoredTarget(index int, set bool) float64 {
	if index == 0 && !set {
		return DefaultIgnoreIndex
	}
	return float64(index)
}

// classOutput allocates a class loss's result: one loss per position for
// none, a scalar otherwise.
func classOutput(tp *Tape, r Reduction, l classLayout) *tensor.Tensor {
	if r == ReduceNone {
		return tp.zeros(l.perPosition...)
	}
	return tp.zeros()
}
