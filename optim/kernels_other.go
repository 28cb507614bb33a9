//go:build !amd64 || purego

package optim

// Without assembly the reference kernels run.

func adamKernel(a *adamArgs) bool       { return adamGo(a) }
func rmspropKernel(a *rmspropArgs) bool { return rmspropGo(a) }
func sgdKernel(a *sgdArgs) bool         { return sgdGo(a) }
