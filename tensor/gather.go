package tensor

import "fmt"

// GatherRows copies rows idx of src into the first len(idx) rows of dst,
// which must have src's row length and at least len(idx) rows. It returns
// those rows of dst as a tensor sharing dst's storage: a minibatch gathered
// into a reused buffer. When idx fills dst, that tensor is dst itself, so
// that a training loop gathering full batches allocates nothing. Tensors of
// one dimension are treated as columns. It panics, naming the shapes,
// unless dst has src's rank and row shape and at least len(idx) rows; an
// index out of src's rows panics as a slice index does.
func GatherRows(dst, src *Tensor, idx []int) *Tensor {
	if src.Dims() == 0 || dst.Dims() != src.Dims() {
		panic(fmt.Sprintf("tensor: GatherRows: shapes %v into %v", src.shape, dst.shape))
	}
	w := 1
	for i := 1; i < src.Dims(); i++ {
		if src.shape[i] != dst.shape[i] {
			panic(fmt.Sprintf("tensor: GatherRows: shapes %v into %v", src.shape, dst.shape))
		}
		w *= src.shape[i]
	}
	if len(idx) > dst.shape[0] {
		panic(fmt.Sprintf("tensor: GatherRows: %d rows into %v", len(idx), dst.shape))
	}
	gatherSplit(dst.data, src.data, idx, w)
	if len(idx) == dst.shape[0] {
		return dst
	}
	shape := append([]int{len(idx)}, src.shape[1:]...)
	return &Tensor{shape: shape, data: dst.data[:len(idx)*w]}
}
