package tensor

import "fmt"

// RowSlice returns rows lo to hi-1 (along the first dimension) as a tensor
// sharing t's storage: a chunk of a batch, without a copy. It panics,
// naming the rows and t's shape, unless 0 <= lo <= hi <= t's row count.
func (t *Tensor) RowSlice(lo, hi int) *Tensor {
	if len(t.shape) == 0 || lo < 0 || hi < lo || hi > t.shape[0] {
		panic(fmt.Sprintf("tensor: RowSlice: rows [%d, %d) of shape %v", lo, hi, t.shape))
	}
	w := 1
	for _, d := range t.shape[1:] {
		w *= d
	}
	shape := append([]int{hi - lo}, t.shape[1:]...)
	return &Tensor{shape: shape, data: t.data[lo*w : hi*w : hi*w]}
}
