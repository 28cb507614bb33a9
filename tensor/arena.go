package tensor

// Arena hands out zeroed tensors and takes them all back at once with
// [Arena.Reset], so that a computation repeated with the same shapes, such
// as a training step, allocates its buffers only the first time. Tensors
// are matched by position: the k-th Zeros after a Reset returns the tensor
// that the k-th Zeros returned before it, resized (reusing its storage when
// it has room) and cleared. A computation that changes shape or order stays
// correct; it merely allocates where a position no longer fits.
//
// A nil *Arena is valid and allocates every tensor afresh. An Arena is not
// safe for concurrent use.
type Arena struct {
	tensors []*Tensor
	next    int
}

// Zeros returns a zero tensor of the given shape that stays valid until the
// next Reset.
func (a *Arena) Zeros(shape ...int) *Tensor { return a.take("Arena.Zeros", shape, true) }

// Uncleared is Zeros without the clearing: a recycled tensor holds whatever
// its previous user left in it. It is for results that the caller
// overwrites in full, such as a product stored with beta = 0, which would
// otherwise be cleared only to be written again.
func (a *Arena) Uncleared(shape ...int) *Tensor { return a.take("Arena.Uncleared", shape, false) }

// take returns the tensor at the next position, resized to shape and,
// if zero is set, cleared.
func (a *Arena) take(op string, shape []int, zero bool) *Tensor {
	if a == nil {
		return Zeros(shape...)
	}
	if a.next == len(a.tensors) {
		a.tensors = append(a.tensors, Zeros(shape...))
		a.next++
		return a.tensors[a.next-1]
	}
	t := a.tensors[a.next]
	a.next++
	n := checkShape(op, shape)
	if n <= cap(t.data) {
		t.data = t.data[:n]
		if zero {
			clearFloats(t.data)
		}
	} else {
		t.data = make([]float64, n)
	}
	t.shape = append(t.shape[:0], shape...)
	return t
}

// Reset makes every tensor handed out so far available again. Tensors
// returned before must not be used after it.
func (a *Arena) Reset() {
	if a != nil {
		a.next = 0
	}
}
