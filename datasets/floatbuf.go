package datasets

// floatBuf collects numbers of unknown count. Appending to one slice would
// copy it as it grows and leave the outgrown copies to the garbage
// collector, several times the data's size at the peak; chunks are never
// copied until one final slice of the exact size is filled from them.
type floatBuf struct {
	cur  []float64   // the chunk being filled, or storage sized in advance
	full [][]float64 // filled chunks
	n    int         // numbers in full
}

func (b *floatBuf) add(v float64) {
	if len(b.cur) == cap(b.cur) {
		b.grow()
	}
	b.cur = append(b.cur, v)
}

func (b *floatBuf) grow() {
	const first, most = 1 << 10, 1 << 20
	size := first
	if len(b.cur) > 0 {
		b.full = append(b.full, b.cur)
		b.n += len(b.cur)
		size = min(2*len(b.cur), most)
	}
	b.cur = make([]float64, 0, size)
}

// slice returns the numbers in one slice of their own length.
func (b *floatBuf) slice() []float64 {
	if len(b.full) == 0 {
		if cap(b.cur)-len(b.cur) <= len(b.cur)/8+1024 {
			return b.cur
		}
		// A size estimate far too large: do not hoard the excess.
		return append(make([]float64, 0, len(b.cur)), b.cur...)
	}
	x := make([]float64, 0, b.n+len(b.cur))
	for i, c := range b.full {
		x = append(x, c...)
		b.full[i] = nil
	}
	return append(x, b.cur...)
}

// reserve moves the numbers into one slice with room for total numbers, when
// that is more than it holds, so that an estimate of the final count that
// proves right or a little high leaves slice nothing to copy.
func (b *floatBuf) reserve(total int) {
	if total <= b.n+len(b.cur) {
		return
	}
	x := make([]float64, 0, total)
	for _, c := range b.full {
		x = append(x, c...)
	}
	b.full, b.n, b.cur = nil, 0, append(x, b.cur...)
}

// len returns how many numbers b holds.
func (b *floatBuf) len() int { return b.n + len(b.cur) }
