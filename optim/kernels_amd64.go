//go:build amd64 && !purego

package optim

import "golang.org/x/sys/cpu"

// The AVX2 kernels of kernels_amd64.s run a parameter's elements four at a
// time, and the reference kernel the remaining one to three. Build with
// -tags purego to leave them out.

//go:noescape
func adamAVX2(a *adamArgs, n int) bool

//go:noescape
func rmspropAVX2(a *rmspropArgs, n int) bool

//go:noescape
func sgdAVX2(a *sgdArgs, n int) bool

// useAVX2 is whether the CPU runs the kernels; tests switch it off to
// compare them with the reference.
var useAVX2 = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// checkLens panics unless every buffer has n elements, which the assembly
// relies on.
func checkLens(n int, bufs ...[]float64) {
	for _, b := range bufs {
		if len(b) != n {
			panic("optim: internal error: kernel buffers of unequal lengths")
		}
	}
}

func adamKernel(a *adamArgs) bool {
	n := len(a.g)
	k := n &^ 3
	if !useAVX2 || k == 0 {
		return adamGo(a)
	}
	checkLens(n, a.p, a.pold, a.m, a.v, a.m2, a.v2)
	if a.amsgrad {
		checkLens(n, a.vmax, a.vmax2)
	}
	ok := adamAVX2(a, k)
	if k == n {
		return ok
	}
	t := *a
	t.p, t.g, t.pold = a.p[k:], a.g[k:], a.pold[k:]
	t.m, t.v, t.vmax = a.m[k:], a.v[k:], from(a.vmax, k)
	t.m2, t.v2, t.vmax2 = a.m2[k:], a.v2[k:], from(a.vmax2, k)
	return adamGo(&t) && ok
}

func rmspropKernel(a *rmspropArgs) bool {
	n := len(a.g)
	k := n &^ 3
	if !useAVX2 || k == 0 {
		return rmspropGo(a)
	}
	checkLens(n, a.p, a.pold, a.sq, a.sq2)
	if a.momentum {
		checkLens(n, a.buf, a.buf2)
	}
	if a.centered {
		checkLens(n, a.gavg, a.gavg2)
	}
	ok := rmspropAVX2(a, k)
	if k == n {
		return ok
	}
	t := *a
	t.p, t.g, t.pold = a.p[k:], a.g[k:], a.pold[k:]
	t.sq, t.buf, t.gavg = a.sq[k:], from(a.buf, k), from(a.gavg, k)
	t.sq2, t.buf2, t.gavg2 = a.sq2[k:], from(a.buf2, k), from(a.gavg2, k)
	return rmspropGo(&t) && ok
}

func sgdKernel(a *sgdArgs) bool {
	n := len(a.g)
	k := n &^ 3
	if !useAVX2 || k == 0 {
		return sgdGo(a)
	}
	checkLens(n, a.p, a.pold)
	if a.momentum {
		checkLens(n, a.buf, a.buf2)
	}
	ok := sgdAVX2(a, k)
	if k == n {
		return ok
	}
	t := *a
	t.p, t.g, t.pold = a.p[k:], a.g[k:], a.pold[k:]
	t.buf, t.buf2 = from(a.buf, k), from(a.buf2, k)
	return sgdGo(&t) && ok
}
