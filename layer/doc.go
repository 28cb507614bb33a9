// Package layer builds networks from autograd operations, with the names
// and layouts of PyTorch's torch.nn.
//
// A tour:
//
//   - [Layer] is anything with Forward; [Dense] is nn.Linear (weight
//     [out, in], bias [out]); every [Activation] is a Layer too.
//   - [Sequential] chains layers and names their parameters as
//     nn.Sequential's state dict does ("0.weight", "0.bias", "2.weight",
//     ...), so weights move between nnlab and PyTorch by name.
//     [Sequential.RegisterForwardHook] lets a caller watch every layer's
//     output, the pre-activations of the dense layers among them.
//   - [MLP] builds the usual dense/activation stack from layer sizes;
//     [MLPWithDropout] adds a [Dropout] after every hidden activation, at
//     the indices nn.Sequential gives it ("0.weight", "3.weight", ...).
//   - [Sequential.Train] and [Sequential.Eval] switch layers that behave
//     differently in training ([ModeLayer], such as Dropout), as PyTorch's
//     model.train() and model.eval(); [Sequential.Predict] runs in
//     evaluation mode. [Sequential.SetSource] gives the layers that draw
//     random numbers ([RandomLayer]) one seeded source.
//   - A [Penalty] ([L1], [L2], over the weights and not the biases) adds a
//     regularisation term to a loss in one line, on the loss's tape:
//     loss = layer.NewL2(model, 1e-4).AddTo(loss); [L1Penalty] and
//     [L2Penalty] return the term as a Var.
//   - Activations are an open set: [ParseActivation] reads specs such as
//     "relu", "leaky_relu:0.1" or "elu:0.5" from a registry to which
//     [RegisterActivation] adds a user's own.
//   - [Initializer]s set a dense layer's weights and bias: Xavier/Glorot,
//     He/Kaiming, LeCun, constants, and PyTorch's own nn.Linear default.
//   - [Loss] types wrap the fused losses of package autograd, as nn.MSELoss,
//     nn.CrossEntropyLoss and friends wrap torch.nn.functional; the
//     regression losses are [MSELoss], [L1Loss], [HuberLoss] and
//     [SmoothL1Loss]. A loss
//     describes itself through optional interfaces: the targets it takes
//     ([TargetKinder]), how a classifier's outputs read as probabilities
//     ([ProbabilityReader]) and its stable name ([NamedLoss]), under which
//     [RegisterLoss] files it and [ParseLoss] reads it back. Package train
//     asks a loss these and reports one that does not say, rather than
//     guessing.
package layer
