//go:build openblas && cgo

package openblas

/*
#cgo LDFLAGS: -lopenblas
void openblas_set_num_threads(int);
int openblas_get_num_threads(void);
*/
import "C"

// SetThreads sets the number of threads OpenBLAS runs a call on.
func SetThreads(n int) { C.openblas_set_num_threads(C.int(n)) }

// Threads returns the number of threads OpenBLAS runs a call on.
func Threads() int { return int(C.openblas_get_num_threads()) }
