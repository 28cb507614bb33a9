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
//     [Sequential.ForwardRows] runs the network on a batch picked from a
//     data set by an index list, model(x[idx]); a first layer that is a
//     [RowsLayer] (Dense, Sequential) reads those rows in place rather
//     than from a gathered copy.
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
//
// # Panics and errors
//
// Package layer follows package autograd's policy, as gonum's mat does:
// a call that is wrong whatever the data is a programmer error and panics
// at the door, with a message that starts with "layer: " and the function's
// name and shows the shapes or sizes it was handed. [NewDense] and [MLP]
// panic for sizes that are not positive, [RegisterActivation] for a
// malformed spec, and [Dense.Forward] for an input whose features are not
// the layer's ("layer: Dense.Forward: input [5 3] does not fit weight
// [1 4] ([out, in])"). [Sequential.Forward] passes such a panic on with the
// index and description of the layer that raised it in front, so that it
// says where in the network the shapes stopped fitting. A loss's Forward
// panics as the fused loss of package autograd it wraps does, naming that
// loss ("autograd: MSELoss: ...").
//
// What comes from a user or a file returns an error naming the input and
// what is wrong instead: [ParseActivation], [NewActivation] and [ParseInit]
// for names and parameters, [Sequential.LoadStateDict] for a state dict
// that does not fit the network.
package layer
