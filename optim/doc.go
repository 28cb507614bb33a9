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
//     [AdamWConfig], [RMSpropConfig]. A zero field means PyTorch's default
//     (so AdamConfig{} is torch.optim.Adam's defaults, and AdamWConfig{}
//     decays by 0.01); see each config for the exceptions, such as SGD's
//     required LR, and the flags that ask for a zero the zero value cannot
//     say: AdamW's NoWeightDecay, ZeroEps, RMSprop's ZeroAlpha.
//     Constructors return an error naming the offending field and value.
//   - Every optimizer can maximize instead of minimize, as PyTorch's
//     maximize flag.
//   - StateDict and LoadStateDict save and restore the learning rate, the
//     step counters and the moment buffers, keyed by parameter index with
//     PyTorch's buffer names ("0.step", "0.exp_avg", "1.momentum_buffer",
//     ...), so a resumed run continues with bit-identical updates.
//   - A [Schedule] ([StepLR], [ExponentialLR], [CosineAnnealingLR],
//     [LinearWarmup], [Constant]) computes an epoch's learning rate in
//     closed form; the trainer calls SetLR(s.LR(base, epoch)) at the start
//     of each epoch, and resuming needs only the epoch number.
//   - [ClipGradNorm] rescales gradients to a maximum total norm, as
//     torch.nn.utils.clip_grad_norm_.
//
// Steps allocate nothing once every parameter has taken its first step,
// which allocates its buffers.
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
