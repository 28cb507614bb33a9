// Package train turns nnlab's layers and optimizers into something that
// trains classifiers and regressors, measures them honestly and keeps
// their results safe.
//
// A tour:
//
//   - [Trainer] runs minibatch training: epochs, batch size, shuffling from
//     a seed, a learning-rate schedule, gradient clipping, hooks per step
//     and per epoch, [EarlyStopping] on a validation metric. Penalties
//     (layer.L1, layer.L2) join every step's loss and are logged apart as
//     train_penalty. Steps run the network in training mode and the
//     per-epoch measurements in evaluation mode; dropout masks come from a
//     generator seeded from Seed and saved in [State]. Every step runs on
//     an autograd.Tape, so steady-state
//     steps allocate nothing. A NaN or infinite loss, gradient or update
//     stops training with a [NonFiniteError]; an update is undone whole,
//     the weights and the optimizer's state together, checked and undone
//     in the optimizer's own pass (optim.GuardedStepper) or from a
//     snapshot (optim.Snapshotter).
//     Its fields too are used as given: BatchSize is at least 1
//     ([FullBatch] takes the whole data set), a nil GradClip clips
//     nothing, and Fit checks the Schedule before the first step.
//   - A Trainer writes nothing to a terminal. [Callback]s, Keras-style,
//     watch a run's start, steps, epochs and end and compose with each
//     other; [NewProgressBar] makes the one that draws a progress bar.
//   - [Data] is what a Trainer learns from; [ClassificationData] turns a
//     datasets.Dataset into the targets its loss says it takes.
//   - [History] records loss, accuracy, AUC and, with Diagnostics, each
//     hidden layer's dead fraction and activation rate per epoch; it
//     writes CSV and JSON.
//   - [Evaluate] measures a model in inference and evaluation mode;
//     [Probabilities] reads its outputs as class probabilities the way its
//     loss says to.
//   - [Model] bundles a trained network with its class and feature names,
//     feature expressions ([Model.FeatureMap]) and standardisation;
//     [NewModel] makes one in one call from the network, the loss and the
//     data set it was trained on (a data set of values makes a regression
//     model). [Model.Predict], [Model.PredictProba],
//     [Model.PredictValues] and [Model.Evaluate] take raw inputs, the
//     columns [Model.Inputs] names.
//     [Model.Save], [LoadModel] (a file, or a model directory holding
//     [ModelFile]), [SaveCheckpoint] and
//     [LoadCheckpoint] keep models and resumable training state in one
//     safetensors file (docs/checkpoints.md), written atomically. A run
//     stopped with ErrInterrupted and resumed from its [State] ends with the
//     same bits as one that never stopped.
//
// One rule says which features are standardised: what takes a bare
// network ([Trainer], [Evaluate], [Probabilities]) sees the rows exactly as
// given, so they must already be standardised as the network was trained;
// what takes a [Model] takes raw rows, as they are in the data set or CSV
// file, and applies the model's own standardisation.
//
// One rule says which method predicts: a classifier's [Model.Predict]
// returns class names and [Model.PredictProba] class probabilities; a
// regression model's ([Model.Regression]) [Model.PredictValues] returns
// the predicted values. Each panics, naming the one to use, on the other
// kind of model. [Model.Evaluate] measures either kind: a regressor's
// Evaluation has its loss, and NaN accuracy and AUC.
//
// A Trainer's Epochs counts the epochs of the whole run and must be at
// least 1. Fit on a finished run returns [ErrFinished], never nothing;
// raising Epochs and calling Fit again trains the further epochs.
//
// Sub-packages: train/metrics (accuracy, ROC/AUC, R², MAE and RMSE as
// scikit-learn, ...), train/safetensors (the file format),
// train/atomicfile (files replaced whole or not at all), train/plots
// (pictures) and
// train/experiments (the six lessons).
package train
