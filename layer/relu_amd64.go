//go:build amd64 && !purego

package layer

import "golang.org/x/sys/cpu"

// ReLU's slice paths in AVX2 (relu_amd64.s), four elements at a time: a
// compare gives a mask and the mask selects bits, so every element gets
// exactly the bits of the Go loops (reluGo, reluGradGo), which take the
// remaining one to three. Build with -tags purego to leave them out.

//go:noescape
func reluAVX2(y, x *float64, n int)

//go:noescape
func reluGradAVX2(gx, gy, x *float64, n int)

// useAVX2 is whether the CPU runs the kernels; tests switch it off to
// compare them with the Go loops.
var useAVX2 = cpu.X86.HasAVX2

// reluSlice sets y = ReLU(x); y has x's length.
func reluSlice(y, x []float64) {
	k := len(x) &^ 3
	if !useAVX2 || k == 0 {
		reluGo(y, x)
		return
	}
	reluAVX2(&y[0], &x[0], k)
	reluGo(y[k:], x[k:])
}

// reluGrad adds gy where x > 0 to gx; gx and gy have x's length.
func reluGrad(gx, gy, x []float64) {
	k := len(x) &^ 3
	if !useAVX2 || k == 0 {
		reluGradGo(gx, gy, x)
		return
	}
	reluGradAVX2(&gx[0], &gy[0], &x[0], k)
	reluGradGo(gx[k:], gy[k:], x[k:])
}
