// Package optim holds nnlab's optimizers, learning-rate schedules and
// gradient clipping, with the update rules of PyTorch 1.13's torch.optim
// (its single-tensor for-loop implementation).
//
// A tour:
//
//   - An [Optimizer] owns a list of autograd parameters. After a backward
//     pass, Step updates each parameter that has a gradient in place and
//     ZeroGrad clears the gradients for the next batch. Parameters whose
//     Grad is nil are skipped, as PyTorch skips p.grad None.
//   - [SGD] (momentum, dampening, Nesterov, L2 decay), [Adam] (L2 decay,
//     AMSGrad), [AdamW] (decoupled decay) and [RMSprop] (momentum,
//     centered) each take a typed config: [SGDConfig], [AdamConfig],
//     [AdamWConfig], [RMSpropConfig]. A config's fields are used as given,
//     zero included: an LR of 0 leaves the parameters where they are, an
//     AdamW WeightDecay of 0 is no decay. PyTorch's keyword defaults come
//     from [DefaultSGDConfig] (which takes the learning rate PyTorch
//     requires), [DefaultAdamConfig], [DefaultAdamWConfig] and
//     [DefaultRMSpropConfig]; change the fields wanted on their result.
//     Constructors only validate, accepting every value torch.optim 1.13
//     accepts (finite, lr >= 0, eps >= 0, betas in [0, 1), ...), and
//     return an error naming the config type, the field and its value.
//   - Every optimizer can maximize instead of minimize, as PyTorch's
//     maximize flag.
//   - StateDict and LoadStateDict save and restore the learning rate, the
//     step counters and the moment buffers, keyed by parameter index with
//     PyTorch's buffer names ("0.step", "0.exp_avg", "1.momentum_buffer",
//     ...), so a resumed run continues with bit-identical updates.
//   - Every optimizer is a [GuardedStepper]: GuardedStep applies a step
//     only if every gradient and every new value is finite, and otherwise
//     leaves parameters and state bit for bit as they were and returns a
//     [NonFiniteError]. The check and the undo live in the update's own
//     pass over each parameter: the new state goes into spare buffers
//     that are swapped in, the old values into a buffer kept for an undo.
//     Every optimizer is also a [Snapshotter]: Snapshot before a step and
//     RestoreSnapshot after it undo the step's change to the state, for
//     callers that check a step themselves.
//   - A [Schedule] ([StepLR], [ExponentialLR], [CosineAnnealingLR],
//     [LinearWarmup], [Constant]) computes an epoch's learning rate in
//     closed form; the trainer checks it with Validate before the first
//     step, calls SetLR(s.LR(base, epoch)) at the start of each epoch, and
//     resuming needs only the epoch number. Its fields too are used as
//     given; [DefaultStepLR] and [DefaultLinearWarmup] fill in PyTorch's
//     defaults.
//   - [ClipGradNorm] rescales gradients to a maximum total norm, as
//     torch.nn.utils.clip_grad_norm_.
//
// Steps allocate nothing once every parameter has taken its first step,
// which allocates its buffers.
//
// On amd64 CPUs with AVX2 and FMA the updates run in assembly four values
// at a time (kernels_amd64.s), the same operations in the same order as
// the plain Go loops of kernels.go, which other architectures and builds
// with -tags purego run: IEEE multiplication, division, square root and
// fused multiply-add are correctly rounded in SIMD as in scalar code, so
// the bits are the same (tests compare them, special values included).
//
// The arithmetic follows PyTorch's to the bit, not just to the formula:
// PyTorch's CPU kernels compute an update such as m·β + (1-β)·g as a
// rounded product followed by a fused multiply-add, so the loops here call
// math.FMA at the same places, and the bias corrections and decay factors
// use a correctly rounded integer power, as C's pow gives Python, rather
// than math.Pow, which drifts by a few ulps. The optimizer conformance
// cases (computed with PyTorch 1.13 in float64) match exactly. Since
// math.FMA is exact on every architecture and the other products are
// rounded explicitly, a run gives the same bits everywhere.
package optim
