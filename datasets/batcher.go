package datasets

import (
	"fmt"
	"math/rand/v2"

	"github.com/nnlab/nnlab/tensor"
)

// Batcher deals a Dataset out in minibatches, in order or reshuffled every
// epoch, as PyTorch's DataLoader with shuffle=True or False and
// drop_last=False. It copies each batch into buffers it owns, so that a
// training loop allocates nothing per batch.
//
// Typical use:
//
//	b := datasets.NewBatcher(train, 32, rng)
//	for epoch := range epochs {
//		b.Reset()
//		for x, y, ok := b.Next(); ok; x, y, ok = b.Next() {
//			// x and y are valid until the next call to Next.
//		}
//	}
type Batcher struct {
	d     *Dataset
	size  int // rows in a full batch: the requested size, at most d.Len()
	rng   *rand.Rand
	order []int // the epoch's row order
	pos   int   // next index into order

	ybuf []int
	full *tensor.Tensor // [size, d] view of the batch buffer
	tail *tensor.Tensor // [n mod size, d] view of its start; nil when size divides n
}

// NewBatcher returns a Batcher over d in batches of batchSize rows; the last
// batch of an epoch holds the remainder. With a nil shuffle the rows come in
// d's order every epoch; otherwise every epoch, the first included, is a new
// permutation drawn from shuffle. Changing d's values between batches (say,
// standardising it in place) is seen by later batches, but d must keep its
// shape. NewBatcher panics if batchSize < 1 or d's X and Y disagree.
func NewBatcher(d *Dataset, batchSize int, shuffle *rand.Rand) *Batcher {
	if batchSize < 1 {
		panic(fmt.Sprintf("datasets: NewBatcher: batch size %d, want at least 1", batchSize))
	}
	n, c := d.X.Rows(), d.X.Cols()
	if n != len(d.Y) {
		panic(fmt.Sprintf("datasets: NewBatcher: X has shape %v but Y has %d labels", d.X.Shape(), len(d.Y)))
	}
	size := min(batchSize, n)
	b := &Batcher{d: d, size: size, rng: shuffle, order: make([]int, n), ybuf: make([]int, size)}
	buf := make([]float64, size*c)
	b.full = tensor.New(buf, size, c)
	if size > 0 && n%size != 0 {
		r := n % size
		b.tail = tensor.New(buf[:r*c], r, c)
	}
	b.Reset()
	return b
}

// Reset starts a new epoch, drawing a new row order when the Batcher
// shuffles. The order depends only on the generator's state, not on earlier
// epochs.
func (b *Batcher) Reset() {
	for i := range b.order {
		b.order[i] = i
	}
	if b.rng != nil {
		b.rng.Shuffle(len(b.order), func(i, j int) { b.order[i], b.order[j] = b.order[j], b.order[i] })
	}
	b.pos = 0
}

// Next returns the epoch's next batch: features x of shape [m, d] and labels
// y of length m, where m is the batch size or, for the last batch, the
// remainder. ok is false once the epoch is exhausted. x and y are the
// Batcher's own buffers, overwritten by the next call: copy them to keep
// them.
func (b *Batcher) Next() (x *tensor.Tensor, y []int, ok bool) {
	if b.pos >= len(b.order) {
		return nil, nil, false
	}
	x = b.full
	if rest := len(b.order) - b.pos; rest < b.size {
		x = b.tail
	}
	m := x.Rows()
	c := x.Cols()
	dst, src := x.Data(), b.d.X.Data()
	for k, r := range b.order[b.pos : b.pos+m] {
		copy(dst[k*c:(k+1)*c], src[r*c:(r+1)*c])
		b.ybuf[k] = b.d.Y[r]
	}
	b.pos += m
	return x, b.ybuf[:m], true
}

// NumBatches returns the number of batches in an epoch.
func (b *Batcher) NumBatches() int {
	if b.size == 0 {
		return 0
	}
	return (len(b.order) + b.size - 1) / b.size
}
