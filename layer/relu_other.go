//go:build !amd64 || purego

package layer

// Without assembly the Go loops run.

func reluSlice(y, x []float64)     { reluGo(y, x) }
func reluGrad(gx, gy, x []float64) { reluGradGo(gx, gy, x) }
