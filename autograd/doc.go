// Package autograd is nnlab's reverse-mode automatic differentiation,
// define-by-run in the manner of PyTorch and micrograd.
//
// A [Var] wraps a tensor value. Operations on Vars ([Linear], [MatMul],
// [Add], [Elementwise], [Rows], the losses, ...) compute their result at once and,
// when any operand requires a gradient, record the operands and a function
// that passes the result's gradient back to them. [Var.Backward] on a scalar
// walks that graph once, in reverse topological order, and accumulates
// gradients into every Var that requires one: a value used twice receives
// both contributions. Gradients of leaves (parameters) accumulate across
// calls until [Var.ZeroGrad], as in PyTorch.
//
// Each op lives in a file of its own, op_<name>.go or loss_<name>.go,
// its forward and its named backward side by side. The backward is a plain
// function reading the result's parents and the few fields an op saves (a
// loss's local gradient, a function), not a closure, so that recording an
// op allocates nothing but its Var.
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
// # Panics and errors
//
// As in gonum's mat, a call that cannot be right whatever the numbers is a
// programmer error and panics: operands whose shapes do not fit (autograd.Mul
// of [2 3] and [3 2] panics with "autograd: Mul: shapes [2 3] and [3 2]
// differ"), a Reduction out of range, Backward on a value that has no
// gradient. Every op checks its operands on entry, before any work, and its
// message starts with "autograd: " and the op's name and gives the shapes
// it was handed, so that a panic says which call was wrong rather than which
// kernel deep inside tripped. A value that is wrong for the op (a class
// index out of range, a probability outside [0, 1]) panics the same way,
// naming the element: data from a user is checked where it enters (package
// datasets returns errors naming the file, line and field), so a bad value
// that reaches an op is a bug upstream. What autograd itself takes from a
// user as text ([ParseReduction]), or a function under test that returns no
// scalar ([GradCheck]), comes back as an error instead. Each exported
// function that can panic says when in its doc comment.
//
// [GradCheck] compares the gradients of any function of Vars with central
// finite differences; the tests use it on every op, and users can use it on
// their own.
package autograd
