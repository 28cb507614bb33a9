// Package autograd is nnlab's reverse-mode automatic differentiation,
// define-by-run in the manner of PyTorch and micrograd.
//
// A [Var] wraps a tensor value. Operations on Vars ([Linear], [MatMul],
// [Add], [Elementwise], the losses, ...) compute their result at once and,
// when any operand requires a gradient, record the operands and a function
// that passes the result's gradient back to them. [Var.Backward] on a scalar
// walks that graph once, in reverse topological order, and accumulates
// gradients into every Var that requires one: a value used twice receives
// both contributions. Gradients of leaves (parameters) accumulate across
// calls until [Var.ZeroGrad], as in PyTorch.
//
// Each op keeps its forward and its backward side by side in one file. The
// backward is a plain function reading the result's parents and the few
// fields an op saves (a loss's local gradient, a function), not a
// closure, so that recording an op allocates nothing but its Var.
//
// Inference records nothing: a Var made by [Inference] poisons every result
// computed from it, so a forward pass started from it builds no graph even
// through parameters. The mode travels with the data rather than living in
// a global switch, so concurrent training and inference cannot trip over
// each other.
//
// # Steps that allocate nothing
//
// A training step builds the same graph every time; only its storage need
// not be new. A [Tape] holds that storage. Start the step from a leaf on
// the tape, [Tape.Const] (or [Tape.Inference]), and every op whose operand
// is on the tape takes its result, its gradient buffer and its Var from
// there, as the inference mode travels: the model's code does not change.
// [Tape.Reset] at the start of the next step recycles everything; the ops
// find their buffers again by position, so from the second step on a step
// allocates nothing (TestTapeStepAllocatesNothing, and the trainer's
// TestStepAllocatesNothing). Parameters stay off the tape, so their values
// and gradients persist. Without a tape, everything is allocated afresh
// and lives as long as it is referenced.
//
//	var tape autograd.Tape
//	for step := range steps {
//		tape.Reset() // the previous step's Vars and tensors are now invalid
//		loss := lossOf(model.Forward(tape.Const(batch(step))))
//		loss.Backward()
//		...
//	}
//
// [GradCheck] compares the gradients of any function of Vars with central
// finite differences; the tests use it on every op, and users can use it on
// their own.
package autograd
