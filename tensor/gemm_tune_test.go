//go:build gemmtune

package tensor

import (
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"testing"
	"time"
	"unsafe"
)

func minTime(reps int, f func()) time.Duration {
	best := time.Duration(1 << 62)
	for i := 0; i < reps; i++ {
		t := time.Now()
		f()
		if d := time.Since(t); d < best {
			best = d
		}
	}
	return best
}

func TestTune(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	names := []string{}
	for _, g := range gemmImpls {
		names = append(names, g.name)
	}
	if s := os.Getenv("IMPLS"); s != "" {
		names = []string{s}
	}
	reps, _ := strconv.Atoi(os.Getenv("REPS"))
	if reps == 0 {
		reps = 200
	}
	if kc, _ := strconv.Atoi(os.Getenv("KC")); kc > 0 {
		gemmAVX512.kc, gemmAVX2.kc = kc, kc
	}
	if mc, _ := strconv.Atoi(os.Getenv("MC")); mc > 0 {
		gemmAVX512.mc, gemmAVX2.mc = mc, mc
	}
	for _, name := range names {
		g, _ := gemmByName(name)
		total := time.Duration(0)
		flops := 0.0
		line := ""
		for _, sh := range mediumShapes {
			a, b, c := sh.operands(rng)
			clear(c)
			lda, ldb := sh.lds()
			d := minTime(reps, func() { g.fn(sh.transA, sh.transB, sh.m, sh.n, sh.k, 1, a, lda, b, ldb, sh.beta, c, sh.n) })
			f := 2 * float64(sh.m*sh.n*sh.k)
			total += d
			flops += f
			line += fmt.Sprintf(" %5.1f", f/d.Seconds()/1e9)
		}
		fmt.Printf("%-8s step %6.1fus %5.1f GF/s |%s\n", name, total.Seconds()*1e6, flops/total.Seconds()/1e9, line)
	}
}

func TestTuneTile(t *testing.T) {
	for name, k := range asmKernels() {
		kc := 256
		a := alignedFloats(kc * k.mr)
		b := alignedFloats(kc * k.nr)
		c := alignedFloats(k.mr * k.nr)
		for i := range a {
			a[i] = 1e-3
		}
		for i := range b {
			b[i] = 1e-3
		}
		n := 1000
		d := minTime(50, func() {
			for i := 0; i < n; i++ {
				k.tile(kc, &a[0], &b[0], &c[0], k.nr, 1, 1)
			}
		})
		fmt.Printf("tile %s: %.1f GF/s\n", name, float64(n)*2*float64(kc*k.mr*k.nr)/d.Seconds()/1e9)
		// packing speed
		src := make([]float64, 256*784)
		dst := alignedFloats(256 * 800)
		for _, w := range []int{4, 8, 12, 24} {
			dg := minTime(50, func() { packGather(dst, src, 784, 0, 256, 0, 256, w) })
			dcp := minTime(50, func() { packCopy(dst, src, 784, 0, 256, 0, 768, w) })
			fmt.Printf("w=%d gather %.2f ns/elt copy %.2f ns/elt\n", w, float64(dg.Nanoseconds())/(256*256), float64(dcp.Nanoseconds())/(256*768))
		}
		_ = unsafe.Pointer(nil)
		_ = sort.Ints
	}
}
