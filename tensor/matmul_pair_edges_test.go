package tensor

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sync/atomic"
	"testing"
)

// randProduct is an m×n×k product with the given transposes, alpha and
// beta; its Dst is all NaN when beta is 0, which the product must ignore.
func randProduct(rng *rand.Rand, m, n, k int, transA, transB bool, alpha, beta float64) Product {
	a, b := RandN(rng, m, k), RandN(rng, k, n)
	if transA {
		a = RandN(rng, k, m)
	}
	if transB {
		b = RandN(rng, n, k)
	}
	dst := RandN(rng, m, n)
	if beta == 0 {
		for i := range dst.data {
			dst.data[i] = math.NaN()
		}
	}
	return Product{Dst: dst, A: a, B: b, TransA: transA, TransB: transB, Alpha: alpha, Beta: beta}
}

func TestMatMulPairSameBitsAtTheEdges(t *testing.T) {
	// Every splittable kernel (gonum's, whose blocks change its bits,
	// must fall back to whole products), every transpose of either
	// product, and pairs with a product of one column, of one unit, of
	// odd widths, a small one (MatMul's small path) beside a large one,
	// alpha 0, k 0, m or n 0: the bits of two MatMuls on 1 to 8
	// goroutines, cut at speeds as uneven as the bounds allow.
	saved := gemmActive
	defer func() { gemmActive = saved }()
	withMinMulAdds(t, 1<<10)
	rng := rand.New(rand.NewPCG(91, 92))
	type dims struct{ m, n, k int }
	// Large products (above the small path's 80³ when b is not
	// transposed) of widths 1, 9, 97 and 131, and the edge cases beside
	// one of them.
	large := []dims{{97, 1, 6000}, {130, 9, 500}, {90, 97, 67}, {70, 131, 60}, {200, 130, 30}}
	pairs := [][2]dims{{large[0], large[2]}, {large[1], large[3]}, {large[2], large[4]}, {large[4], large[1]},
		{{3, 200, 70}, large[3]}, {{0, 50, 50}, large[2]}, {{50, 50, 0}, large[1]}, {large[2], {50, 0, 50}}}
	speeds := [][]float64{{1, 1}, {0.25, 4}, {4, 0.25, 1, 4}}
	for _, g := range splittableGemms() {
		gemmActive = g
		for i, pr := range pairs {
			for tr := range 16 {
				alpha, beta, sp := 1.5, []float64{0, 1, 0.5}[tr%3], speeds[(tr+i)%3]
				if i == 3 && tr < 4 {
					alpha = 0
				}
				withSpeeds(t, sp...)
				p := randProduct(rng, pr[0].m, pr[0].n, pr[0].k, tr&1 != 0, tr&2 != 0, alpha, beta)
				q := randProduct(rng, pr[1].m, pr[1].n, pr[1].k, tr&4 != 0, tr&8 != 0, 1, beta)
				wantP, wantQ := oneByOne(p, q)
				for _, th := range []int{1, 2, 3, 8} {
					pc, qc := p, q
					pc.Dst, qc.Dst = p.Dst.Clone(), q.Dst.Clone()
					MatMulPair(th, pc, qc)
					what := fmt.Sprintf("%s %v transposes %04b alpha %v beta %v speeds %v threads %d",
						g.name, pr, tr, alpha, beta, sp, th)
					assertBits(t, what+" p", pc.Dst.Data(), wantP)
					assertBits(t, what+" q", qc.Dst.Data(), wantQ)
				}
			}
		}
	}
}

func TestMatMulPairCutsColumnsEndToEnd(t *testing.T) {
	// With the first goroutine four times the second's speed, the pair
	// is three kernel calls: chunk 0 all of p and q's first columns,
	// chunk 1 the rest of q. Each product whole on its own goroutine
	// would be two.
	saved := gemmActive
	defer func() { gemmActive = saved }()
	if saved.splitCols == 0 || saved.sameBits != nil {
		t.Skipf("%s does not split by columns", saved.name)
	}
	withMinMulAdds(t, 1<<12)
	withSpeeds(t, 4, 1)
	var calls atomic.Int64
	gemmActive = counted(saved, &calls)
	p, q := pairCase(rand.New(rand.NewPCG(93, 94)), 128, 256, 256, 0)
	MatMulPair(2, p, q)
	if n := calls.Load(); n != 3 {
		t.Errorf("%d kernel calls, want 3", n)
	}
}

func TestMatMulPairRunsATinyPairOnTheCaller(t *testing.T) {
	// Two products with less work between them than two chunks' worth
	// (parMinMulAdds) run one after the other on the caller's goroutine:
	// handing one to a helper would cost more than it saves. Nothing is
	// handed out (a job handed out takes a record from the pool's free
	// list, emptied here), and no cut is learned (no site takes a slot).
	p, q := pairCase(rand.New(rand.NewPCG(95, 96)), 5, 7, 3, 0)
	var drained []*jobRun
	for pool.free.Len() > 0 {
		drained = append(drained, pool.free.Get())
	}
	defer func() {
		for _, r := range drained {
			pool.free.Put(r)
		}
	}()
	forgetSite(sitePair)
	MatMulPair(2, p, q)
	if n := pool.free.Len(); n != 0 {
		t.Errorf("a pair of %d and %d multiply-adds was handed to a helper", 4*6*8, 8*6*4)
	}
	if forgetSite(sitePair) {
		t.Error("a pair of whole products took a site's slot")
	}
}

// forgetSite frees site's slot, and reports whether it had one.
func forgetSite(site uint64) bool {
	speeds.mu.Lock()
	defer speeds.mu.Unlock()
	for i, s := range speeds.site {
		if s == site {
			speeds.site[i] = 0
			return true
		}
	}
	return false
}
