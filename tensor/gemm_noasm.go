//go:build !amd64 || purego

package tensor

// Without assembly the packing routines are the portable Go ones.

func copyPanel(dst, src []float64, ld, kb, w int) { copyPanelGo(dst, src, ld, kb, w) }

func gatherRows4(dst, x0, x1, x2, x3 []float64, w int) { gatherRows4Go(dst, x0, x1, x2, x3, 0, w) }
