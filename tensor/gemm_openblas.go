//go:build openblas && cgo

package tensor

// The openblas build: MatMul calls OpenBLAS's dgemm through gonum's cgo
// binding. Build and test with
//
//	CGO_LDFLAGS=-lopenblas go test -tags openblas ./...
//
// (Debian: apt-get install libopenblas-dev). OpenBLAS runs on one thread
// unless OPENBLAS_NUM_THREADS (or OMP_NUM_THREADS) asks for more, so that
// its figures compare with the one-thread kernels and with PyTorch on one
// thread.

import (
	"os"

	"github.com/nnlab/nnlab/tensor/internal/openblas"
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/netlib/blas/netlib"
)

func init() {
	if os.Getenv("OPENBLAS_NUM_THREADS") == "" && os.Getenv("OMP_NUM_THREADS") == "" {
		openblas.SetThreads(1)
	}
	registerGemm(gemmImpl{name: "openblas", rank: 30, fn: openblasGemm})
}

func openblasGemm(transA, transB bool, m, n, k int, alpha float64, a []float64, lda int,
	b []float64, ldb int, beta float64, c []float64, ldc int) {
	ta, tb := blas.NoTrans, blas.NoTrans
	if transA {
		ta = blas.Trans
	}
	if transB {
		tb = blas.Trans
	}
	netlib.Implementation{}.Dgemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}
