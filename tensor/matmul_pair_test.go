package tensor

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// pairCase is a layer's gradient pair: dw = dyᵀ·x and dx = dy·w, for a
// batch of n, in inputs and out outputs.
func pairCase(rng *rand.Rand, n, in, out int, beta float64) (p, q Product) {
	dy, x, w := RandN(rng, n, out), RandN(rng, n, in), RandN(rng, out, in)
	p = Product{Dst: RandN(rng, out, in), A: dy, B: x, TransA: true, Alpha: 1, Beta: beta}
	q = Product{Dst: RandN(rng, n, in), A: dy, B: w, Alpha: 0.5, Beta: beta}
	return p, q
}

// oneByOne computes p and q with MatMul on copies of their outputs.
func oneByOne(p, q Product) (pd, qd []float64) {
	pc, qc := p.Dst.Clone(), q.Dst.Clone()
	MatMul(pc, p.A, p.B, p.TransA, p.TransB, p.Alpha, p.Beta)
	MatMul(qc, q.A, q.B, q.TransA, q.TransB, q.Alpha, q.Beta)
	return pc.Data(), qc.Data()
}

func TestMatMulPairSameBitsAnyThreadsAndCut(t *testing.T) {
	// Pairs small (each whole, side by side) and large (columns end to
	// end, cut by speeds as uneven as the bounds allow, either way round),
	// beta 0 and 1, on 1 to 8 goroutines: the bits of two MatMuls.
	withMinMulAdds(t, 1<<12)
	rng := rand.New(rand.NewPCG(81, 82))
	for _, sp := range [][]float64{nil, {0.25, 4}, {4, 0.25}, {1, 0.25, 4}} {
		if sp != nil {
			withSpeeds(t, sp...)
		}
		for _, d := range [][3]int{{5, 7, 3}, {64, 300, 200}, {128, 256, 10}, {37, 131, 67}} {
			for _, beta := range []float64{0, 1} {
				p, q := pairCase(rng, d[0], d[1], d[2], beta)
				wantP, wantQ := oneByOne(p, q)
				for _, th := range []int{1, 2, 3, 8} {
					pc, qc := p, q
					pc.Dst, qc.Dst = p.Dst.Clone(), q.Dst.Clone()
					MatMulPair(th, pc, qc)
					what := fmt.Sprintf("%v beta=%v speeds %v threads=%d", d, beta, sp, th)
					assertBits(t, what+" p", pc.Dst.Data(), wantP)
					assertBits(t, what+" q", qc.Dst.Data(), wantQ)
				}
			}
		}
	}
}

func TestMatMulPairCutsAcrossBothProducts(t *testing.T) {
	// With one goroutine four times the other's speed, the fast one's
	// chunk runs past the end of the first product into the second: each
	// output is computed by both goroutines' calls, block by block.
	withMinMulAdds(t, 1<<12)
	withSpeeds(t, 4, 1)
	if gemmActive.splitCols == 0 || gemmActive.sameBits != nil {
		t.Skipf("%s does not split by columns", gemmActive.name)
	}
	rng := rand.New(rand.NewPCG(83, 84))
	p, q := pairCase(rng, 128, 256, 256, 0)
	j := pairJob{p: p, q: q, threads: 2, impl: gemmActive,
		pu: ceilDiv(256, gemmActive.splitCols), qu: ceilDiv(256, gemmActive.splitCols)}
	j.cut(sitePair, j.pu+j.qu, 2)
	if lo, hi := j.Bounds(0); lo != 0 || hi <= j.pu {
		t.Fatalf("chunk 0 is units [%d, %d), want past the first product's %d", lo, hi, j.pu)
	}
	wantP, wantQ := oneByOne(p, q)
	MatMulPair(2, p, q)
	assertBits(t, "p", p.Dst.Data(), wantP)
	assertBits(t, "q", q.Dst.Data(), wantQ)
}

func TestMatMulPairRefusesSharedStorage(t *testing.T) {
	// Each case is a pair of the right shapes but for the one at fault,
	// so that each check must fire on its own: one product's output may
	// be neither the other's output nor one of its operands.
	rng := rand.New(rand.NewPCG(85, 86))
	p, q := pairCase(rng, 8, 6, 4, 0) // p: [4 6] = [8 4]ᵀ·[8 6]; q: [8 6] = [8 4]·[4 6]
	shared, dy2 := "shares storage", Zeros(8, 4)
	for name, c := range map[string]struct {
		p, q func(*Product)
		want string
	}{
		"threads 0":         {want: "0 threads"},
		"one output":        {p: func(p *Product) { p.Dst = q.Dst.RowSlice(0, 4) }, want: shared},
		"p's output as q.A": {p: func(p *Product) { p.Dst = dy2.Reshape(4, 8).RowSlice(0, 3).Reshape(4, 6) }, q: func(q *Product) { q.A = dy2 }, want: shared},
		"p's output as q.B": {q: func(q *Product) { q.B = p.Dst }, want: shared},
		"q's output as p.A": {p: func(p *Product) { p.A = q.Dst.Reshape(12, 4).RowSlice(0, 8) }, want: shared},
		"q's output as p.B": {p: func(p *Product) { p.B = q.Dst }, want: shared},
		"a bad shape":       {q: func(q *Product) { q.Dst = Zeros(3, 3) }, want: "do not give"},
	} {
		func() {
			defer func() {
				r := recover()
				if msg, ok := r.(string); !ok || !strings.Contains(msg, "MatMulPair") || !strings.Contains(msg, c.want) {
					t.Errorf("%s: panic %v, want one naming MatMulPair and saying %q", name, r, c.want)
				}
			}()
			p2, q2 := p, q
			if c.p != nil {
				c.p(&p2)
			}
			if c.q != nil {
				c.q(&q2)
			}
			th := 2
			if name == "threads 0" {
				th = 0
			}
			MatMulPair(th, p2, q2)
		}()
	}
}

func TestMatMulPairAllocatesNothing(t *testing.T) {
	withMinMulAdds(t, 1<<12)
	rng := rand.New(rand.NewPCG(87, 88))
	p, q := pairCase(rng, 64, 300, 200, 1)
	MatMulPair(2, p, q)
	if n := testing.AllocsPerRun(20, func() { MatMulPair(2, p, q) }); n != 0 {
		t.Errorf("%v allocations per pair, want 0", n)
	}
}
