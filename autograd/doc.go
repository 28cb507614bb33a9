// Package autograd is nnlab's reverse-mode automatic differentiation,
// define-by-run in the manner of PyTorch and micrograd.
//
// A [Var] wraps a tensor value. Operations on Vars ([Linear], [MatMul],
// [Add], [Elementwise], the losses, ...) compute their result at once and,
// when any operand requires a gradient, record the operands and a closure
// that passes the result's gradient back to them. [Var.Backward] on a scalar
// walks that graph once, in reverse topological order, and accumulates
// gradients into every Var that requires one: a value used twice receives
// both contributions. Gradients of leaves (parameters) accumulate across
// calls until [Var.ZeroGrad], as in PyTorch.
//
// Each op keeps its forward and its backward side by side in one file.
//
// Inference records nothing: a Var made by [Inference] poisons every result
// computed from it, so a forward pass started from it builds no graph even
// through parameters. The mode travels with the data rather than living in
// a global switch, so concurrent training and inference cannot trip over
// each other.
//
// [GradCheck] compares the gradients of any function of Vars with central
// finite differences; the tests use it on every op, and users can use it on
// their own.
package autograd
