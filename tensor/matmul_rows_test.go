package tensor

import (
	"fmt"
	"math/rand/v2"
	"sync/atomic"
	"testing"
)

// pickRows returns a random matrix x of n+extra rows and cols columns,
// n indexes of its rows, some repeated and out of order (as a shuffled
// epoch's last short batch or a sampler with replacement gives), and the
// rows they pick, gathered.
func pickRows(rng *rand.Rand, n, extra, cols int) (x *Tensor, rows []int, gathered *Tensor) {
	x = RandN(rng, n+extra, cols)
	rows = make([]int, n)
	for i := range rows {
		rows[i] = rng.IntN(n + extra)
	}
	gathered = Zeros(n, cols)
	GatherRows(gathered, x, rows)
	return x, rows, gathered
}

func TestRowsProductsHaveTheGatheredBitsEveryKernelAndSplit(t *testing.T) {
	// Every kernel that reads rows through an index list, whole and split
	// by rows and by columns over 1 to 4 goroutines, with odd shapes that
	// span several k blocks and edge tiles: x[rows]·op(b) from a bias and
	// op(a)·x[rows] with any alpha and beta have the bits of the same
	// kernel on the gathered rows.
	withMinMulAdds(t, 1)
	rng := rand.New(rand.NewPCG(51, 52))
	for _, g := range splittableGemms() {
		if g.rowsFn == nil {
			// A packed kernel (one with a biasFn) without a rowsFn
			// would gather every batch again, unnoticed by the bits.
			if g.biasFn != nil {
				t.Errorf("%s packs tile by tile but has no rowsFn", g.name)
			}
			continue
		}
		for _, d := range [][3]int{{3, 4, 5}, {37, 29, 23}, {29, 53, 60}, {64, 8, 40}} {
			m, k, n := d[0], d[1], d[2]
			for _, trans := range []bool{false, true} {
				name := fmt.Sprintf("%s %v trans=%v", g.name, d, trans)
				checkLeftRows(t, rng, g, name, m, k, n, trans)
				checkRightRows(t, rng, g, name, m, k, n, trans)
				checkTransposedRows(t, rng, g, name, m, k, n, trans)
			}
		}
	}
}

// checkLeftRows checks bias + x[rows]·op(b), x's rows picked for the m
// rows of the product.
func checkLeftRows(t *testing.T, rng *rand.Rand, g gemmImpl, name string, m, k, n int, transB bool) {
	t.Helper()
	x, rows, gathered := pickRows(rng, m, 7, k)
	b, ldb := RandN(rng, k, n), n
	if transB {
		b, ldb = RandN(rng, n, k), k
	}
	bias := RandN(rng, n).Data()
	want := make([]float64, m*n)
	g.biasFn(false, transB, m, n, k, gathered.Data(), k, b.Data(), ldb, bias, want, n)
	for th := 1; th <= 4; th++ {
		got := RandN(rng, m, n).Data() // old contents are ignored
		gemmSplit(g, th, gemmJob{transB: transB, m: m, n: n, k: k, alpha: 1, beta: 1,
			a: x.Data(), ia: rows, b: b.Data(), c: got, lda: k, ldb: ldb, ldc: n, bias: bias})
		assertBits(t, fmt.Sprintf("%s x[rows]·b threads=%d", name, th), got, want)
	}
}

// checkRightRows checks alpha·op(a)·x[rows] + beta·c, x's rows picked for
// the k rows of the sum.
func checkRightRows(t *testing.T, rng *rand.Rand, g gemmImpl, name string, m, k, n int, transA bool) {
	t.Helper()
	x, rows, gathered := pickRows(rng, k, 5, n)
	a, lda := RandN(rng, m, k), k
	if transA {
		a, lda = RandN(rng, k, m), m
	}
	c0 := RandN(rng, m, n).Data()
	for _, beta := range []float64{0, 0.5} {
		want := append([]float64(nil), c0...)
		g.fn(transA, false, m, n, k, 1.5, a.Data(), lda, gathered.Data(), n, beta, want, n)
		for th := 1; th <= 4; th++ {
			got := append([]float64(nil), c0...)
			gemmSplit(g, th, gemmJob{transA: transA, m: m, n: n, k: k, alpha: 1.5, beta: beta,
				a: a.Data(), b: x.Data(), ib: rows, c: got, lda: lda, ldb: n, ldc: n})
			assertBits(t, fmt.Sprintf("%s a·x[rows] beta=%v threads=%d", name, beta, th), got, want)
		}
	}
}

// checkTransposedRows checks op(a)·op(b) with the rows of the transposed
// operand picked by index: a's stored rows (the sum's k) when left, b's
// (the product's columns) otherwise, whole and split.
func checkTransposedRows(t *testing.T, rng *rand.Rand, g gemmImpl, name string, m, k, n int, left bool) {
	t.Helper()
	a, b := RandN(rng, m, k), RandN(rng, k, n)
	job := gemmJob{m: m, n: n, k: k, alpha: 1, a: a.Data(), b: b.Data(), lda: k, ldb: n, ldc: n}
	want := make([]float64, m*n)
	if left { // a stored as [k, m], its k rows picked
		x, rows, at := pickRows(rng, k, 4, m)
		job.ia = rows
		g.fn(true, false, m, n, k, 1, at.Data(), m, b.Data(), n, 0, want, n)
		job.transA, job.a, job.lda = true, x.Data(), m
	} else { // b stored as [n, k], its n rows picked
		x, rows, bt := pickRows(rng, n, 4, k)
		job.ib = rows
		g.fn(false, true, m, n, k, 1, a.Data(), k, bt.Data(), k, 0, want, n)
		job.transB, job.b, job.ldb = true, x.Data(), k
	}
	for th := 1; th <= 4; th++ {
		j := job
		j.c = make([]float64, m*n)
		gemmSplit(g, th, j)
		assertBits(t, fmt.Sprintf("%s transposed rows left=%v threads=%d", name, left, th), j.c, want)
	}
}

func TestAddMMRowsAndMatMulRowsAreTheGatheredProducts(t *testing.T) {
	// The public functions, on every registered implementation (those
	// without a rowsFn, gonum's and OpenBLAS, gather the rows) and on the
	// small and gathering paths (a product too small to split, k = 0,
	// alpha = 0).
	saved := gemmActive
	defer func() { gemmActive = saved }()
	rng := rand.New(rand.NewPCG(53, 54))
	for _, g := range gemmImpls {
		gemmActive = g
		t.Run(g.name, func(t *testing.T) { checkRowsProducts(t, rng) })
	}
}

func checkRowsProducts(t *testing.T, rng *rand.Rand) {
	for _, d := range [][3]int{{2, 3, 1}, {128, 100, 60}, {40, 0, 7}, {200, 33, 90}} {
		m, k, n := d[0], d[1], d[2]
		x, rows, gathered := pickRows(rng, m, 3, k)
		w, bias := RandN(rng, n, k), RandN(rng, n)
		want, got := Zeros(m, n), RandN(rng, m, n)
		AddMM(want, bias, gathered, w, false, true)
		AddMMRows(got, bias, x, rows, w, true)
		assertBits(t, fmt.Sprintf("AddMMRows %v", d), got.Data(), want.Data())

		dy := RandN(rng, m, n)
		for _, alpha := range []float64{1, 0} {
			want, got := RandN(rng, n, k), Zeros(n, k)
			got.CopyFrom(want)
			MatMul(want, dy, gathered, true, false, alpha, 1)
			MatMulRows(got, dy, x, rows, true, alpha, 1)
			assertBits(t, fmt.Sprintf("MatMulRows %v alpha=%v", d, alpha), got.Data(), want.Data())
		}
	}
}

func TestRowsProductsReadTheRowsInPlace(t *testing.T) {
	// A large product on a kernel with a rowsFn reads the picked rows
	// through it, forward and backward, and never through fn on a
	// gathered copy.
	saved := gemmActive
	defer func() { gemmActive = saved }()
	if saved.rowsFn == nil {
		t.Skipf("%s has no rowsFn", saved.name)
	}
	var fnCalls, rowsCalls atomic.Int64
	g := counted(saved, &fnCalls)
	g.biasFn = nil // not for indexed operands either
	rowsFn := saved.rowsFn
	g.rowsFn = func(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int, ia []int,
		b []float64, ldb int, ib []int, beta float64, bias, c []float64, ldc int) {
		rowsCalls.Add(1)
		rowsFn(transA, transB, m, n, k, alpha, a, lda, ia, b, ldb, ib, beta, bias, c, ldc)
	}
	gemmActive = g
	rng := rand.New(rand.NewPCG(55, 56))
	x, rows, _ := pickRows(rng, 128, 172, 100)
	w, bias := RandN(rng, 60, 100), RandN(rng, 60)
	AddMMRows(Zeros(128, 60), bias, x, rows, w, true)
	MatMulRows(Zeros(60, 100), RandN(rng, 128, 60), x, rows, true, 1, 0)
	if fnCalls.Load() != 0 || rowsCalls.Load() < 2 {
		t.Errorf("%d calls of fn and %d of rowsFn, want none and at least 2", fnCalls.Load(), rowsCalls.Load())
	}
}

func TestRowsProductsPanicOnBadInput(t *testing.T) {
	x, w, bias := Zeros(4, 3), Zeros(5, 3), Zeros(5)
	mustPanicWith(t, "AddMMRows", "row index 4 (at 1) is outside the 4 rows", func() {
		AddMMRows(Zeros(2, 5), bias, x, []int{0, 4}, w, true)
	})
	mustPanicWith(t, "AddMMRows", "row index -1", func() {
		AddMMRows(Zeros(2, 5), bias, x, []int{-1, 0}, w, true)
	})
	mustPanicWith(t, "AddMMRows", "do not fit", func() { AddMMRows(Zeros(2, 5), bias, x, []int{0, 1}, w, false) })
	mustPanicWith(t, "AddMMRows", "dst is [3 5]", func() { AddMMRows(Zeros(3, 5), bias, x, []int{0, 1}, w, true) })
	mustPanicWith(t, "AddMMRows", "bias [4]", func() { AddMMRows(Zeros(2, 5), Zeros(4), x, []int{0, 1}, w, true) })
	mustPanicWith(t, "MatMulRows", "do not fit", func() { MatMulRows(Zeros(5, 3), Zeros(3, 5), x, []int{0, 1}, true, 1, 0) })
	mustPanicWith(t, "MatMulRows", "shares storage", func() { MatMulRows(x, Zeros(2, 4), x, []int{0, 1}, true, 1, 0) })
}
