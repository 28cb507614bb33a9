package autograd

import "sync"

// freeList keeps the idle jobs of a split pass for reuse, so that a
// training step allocates nothing: a locked list rather than a sync.Pool,
// which every garbage collection empties.
type freeList[T any] struct {
	sync.Mutex
	list []*T
}

func (f *freeList[T]) get() *T {
	f.Lock()
	defer f.Unlock()
	k := len(f.list)
	if k == 0 {
		return new(T)
	}
	v := f.list[k-1]
	f.list = f.list[:k-1]
	return v
}

func (f *freeList[T]) put(v *T) {
	f.Lock()
	f.list = append(f.list, v)
	f.Unlock()
}
