// Package tensor holds nnlab's dense float64 tensors: a shape and a row-major
// slice of numbers, and the handful of kernels a multilayer perceptron needs.
//
// A tour:
//
//   - [New], [Zeros], [Full] and [Scalar] make tensors; [Tensor.Data] and
//     [Tensor.Shape] expose their storage without copying.
//   - [MatMul] multiplies on the tensors' own slices, with either operand
//     transposed by a flag rather than by a copy: small products in
//     unpacked AVX2/AVX-512 tiles on amd64, larger ones in a packed kernel
//     in assembly on amd64, OpenBLAS under the openblas build tag, and
//     elsewhere fma-go, the kernels' arithmetic in Go with their bits
//     (docs/performance.md). A large product is split by blocks of output
//     rows or columns over [Threads] goroutines (see [SetThreads]), never
//     along its sums, so its bits do not depend on the thread count.
//     [MatMulPair] runs two independent products side by side, as a
//     layer's two gradient products are. [AddMMRows] and [MatMulRows]
//     multiply a batch picked from a data set by an index list in place,
//     with [GatherRows]' bits and without its copy.
//   - [Parallel] lends the goroutines to other packages' passes; a job
//     that embeds a [Split] and runs under [ParallelSplit] is cut in
//     proportion to how fast each goroutine has run it lately, which on
//     a shared machine differs from core to core and from pass to pass.
//   - [AddRowVector] broadcasts a bias row over a batch; [SumRows] is its
//     adjoint. [Map], [Apply] and [ArgmaxRows] cover elementwise work.
//   - [Tensor.FillNormal] and [Tensor.FillUniform] draw from a caller's
//     *rand.Rand, so that every random number in nnlab comes from a seed.
//
// Most kernels take their destination as the first argument, as gonum's do,
// so that a training loop can reuse buffers and allocate nothing in steady
// state; an [Arena] hands out such buffers by position and takes them all
// back at once. Wrong shapes are programmer errors: they panic at the door with a
// message that names the operation and both shapes.
package tensor
