package tensor

// Where a micro-kernel finds op(a). A kernel call takes a table of its mr
// rows' addresses and a step: row i's value for p is rows[i][p·step]. So
// the kernel reads a packed panel (row i at i, step mr), a transposed a
// where it lies (op(a)'s rows are a's columns: row i at column i of a's
// row p, step lda), or a's own rows where they lie, picked by index or
// not (step 1), all with the same instructions and the same arithmetic:
// the bits of a product do not depend on which.

// inPlaceMaxStride bounds, in bytes, the row stride of an a that run
// reads in place rather than packs, unless its rows are picked by index.
// Reading a in place saves the packing, which a product split by columns
// repeats in every block (each block multiplies all of op(a)); but then
// a tile's mr rows lie a row stride apart, and they are read again for
// every tile of nr columns. At a stride of 4 KiB or more (the size of an
// L1 way on current x86 cores: 64 sets of 64 bytes) the lines a tile
// reads for one p, or for successive p of a transposed a, fall in the
// same L1 set and the re-reads thrash it: on two cores the wide
// workload's weight gradients (8 KiB) ran its step 2.2% slower in place,
// where the medium workload's (2 KiB) ran it 3.4% faster
// (docs/performance.md, tenth round). Picked rows lie where the data set
// has them, at no fixed stride.
const inPlaceMaxStride = 4096

// inPlaceMaxTiles bounds the tiles of nr columns whose products read a
// block of op(a) in place: a packed panel is one sequential stream, which
// the core fetches faster than a tile's mr rows of a, so packing pays
// once a panel is read for enough tiles. With every block of op(a) read
// in place, the wide workload (its first layer's and output layer's
// products in place, 1,024 columns: 43 tiles at one thread) ran its step
// 3.9% slower at one thread and 1.4% slower at two, while the medium
// workload (256 columns) ran 1.8% and 5.0% faster (docs/performance.md,
// tenth round).
const inPlaceMaxTiles = 20

// aRows says where the rows of one block of op(a) lie for macro: row i
// (from the block's first) starts at a[at(i)] and steps by step.
type aRows struct {
	a    []float64
	step int
	kind aLayout
	kb   int   // packed: the panels' depth
	off  int   // where row 0 starts (rows picked by idx: the block's first p)
	ld   int   // rows: a's row stride
	idx  []int // rows: a's stored rows by index, from the block's first; nil: in order
}

// aLayout is how a block of op(a) is laid out.
type aLayout uint8

const (
	aPacked     aLayout = iota // panels of mr rows, kb deep (packA)
	aTransposed                // a's columns, in place
	aInPlace                   // a's rows, in place
)

// at returns where row i starts.
func (r *aRows) at(i, mr int) int {
	switch r.kind {
	case aPacked:
		return i/mr*mr*r.kb + i%mr
	case aTransposed:
		return r.off + i
	}
	if r.idx != nil {
		return r.idx[i]*r.ld + r.off
	}
	return i*r.ld + r.off
}

// table fills t with the addresses of the mm rows of the tile from row
// ir, repeating the last for the rest of t, whose results macro drops,
// so that the kernel reads only a's own values. It checks that a holds
// each row's last value for kb p, as packing the row did: the kernel
// reads them unchecked.
func (r *aRows) table(t []*float64, ir, mm, kb int) {
	mr := len(t)
	for i := range t {
		s := r.at(ir+min(i, mm-1), mr)
		_ = r.a[s+(kb-1)*r.step]
		t[i] = &r.a[s]
	}
}
