//go:build amd64 && !purego

package tensor

import "golang.org/x/sys/cpu"

//go:noescape
func sumColumnsAVX2(d, x *float64, m, n, cols int)

// sumColumnsAVX2On is whether sumColumns runs the assembly; tests switch
// it off to compare with the Go loops.
var sumColumnsAVX2On = cpu.X86.HasAVX2

// sumColumns adds the m rows of the row-major m×n matrix x into d, column
// by column in row order, for the first columns it can do four at a time
// in AVX2, and returns how many columns it did: SumRows does the rest.
func sumColumns(d, x []float64, m, n int) int {
	cols := n &^ 3
	if !sumColumnsAVX2On || cols == 0 || m == 0 {
		return 0
	}
	_ = x[(m-1)*n+cols-1] // the assembly reads this far
	_ = d[cols-1]
	sumColumnsAVX2(&d[0], &x[0], m, n, cols)
	return cols
}
