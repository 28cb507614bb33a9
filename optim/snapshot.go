package optim

// Snapshotter is implemented by optimizers that can go back to an earlier
// state, so that a trainer can undo a rejected step whole: parameters and
// optimizer state together. Every optimizer in this package implements it.
// A trainer takes a snapshot before each step, so it must be cheap: the
// first Snapshot allocates room for the whole state, and later ones copy
// into it without allocating.
type Snapshotter interface {
	// Snapshot saves the state Step changes (the step counters and the
	// buffers, and the learning rate), replacing the previous snapshot.
	Snapshot()
	// RestoreSnapshot returns the state to that of the last Snapshot, bit
	// for bit, so that StateDict gives what it gave then. It panics if
	// Snapshot was never called.
	RestoreSnapshot()
}

var (
	_ Snapshotter = (*SGD)(nil)
	_ Snapshotter = (*Adam)(nil)
	_ Snapshotter = (*AdamW)(nil)
	_ Snapshotter = (*RMSprop)(nil)
)

// snapshot is the saved state of a base: a slot per parameter, whose
// buffers are allocated once, in full, by the first Snapshot.
type snapshot struct {
	lr    float64
	slots []slot
}

// Snapshot saves the step counters, buffers and learning rate.
func (b *base) Snapshot() {
	if b.saved == nil {
		b.saved = &snapshot{slots: make([]slot, len(b.slots))}
		for i := range b.saved.slots {
			bufs := make([][]float64, len(b.bufNames))
			for k := range bufs {
				bufs[k] = make([]float64, b.params[i].Value().Len())
			}
			b.saved.slots[i].bufs = bufs
		}
	}
	b.saved.lr = b.lr
	for i := range b.slots {
		s, d := &b.slots[i], &b.saved.slots[i]
		d.started, d.step = s.started, s.step
		if s.started {
			for k := range s.bufs {
				copy(d.bufs[k], s.bufs[k])
			}
		}
	}
}

// RestoreSnapshot returns to the state of the last Snapshot. A parameter
// that took its first step since then starts afresh again.
func (b *base) RestoreSnapshot() {
	if b.saved == nil {
		panic("optim: " + b.name + ": RestoreSnapshot without a Snapshot")
	}
	b.lr = b.saved.lr
	for i := range b.slots {
		s, d := &b.slots[i], &b.saved.slots[i]
		if !d.started {
			b.slots[i] = slot{}
			continue
		}
		if s.bufs == nil { // LoadStateDict has cleared it since the snapshot
			s.bufs = make([][]float64, len(d.bufs))
			for k := range s.bufs {
				s.bufs[k] = make([]float64, len(d.bufs[k]))
			}
		}
		s.started, s.step = true, d.step
		for k := range s.bufs {
			copy(s.bufs[k], d.bufs[k])
		}
	}
}
