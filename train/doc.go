// Package train turns nnlab's layers and optimizers into something that
// trains classifiers, measures them honestly and keeps their results safe.
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
//   - [Model] bundles a trained network with its class and feature names and
//     standardisation; [Model.Save], [LoadModel], [SaveCheckpoint] and
//     [LoadCheckpoint] keep models and resumable training state in one
//     safetensors file (docs/checkpoints.md), written atomically. A run
//     stopped with ErrInterrupted and resumed from its [State] ends with the
//     same bits as one that never stopped.
//
// Sub-packages: train/metrics (accuracy, ROC/AUC, R², MAE and RMSE as
// scikit-learn, ...), train/safetensors (the file format),
// train/atomicfile (files replaced whole or not at all), train/plots
// (pictures) and
// train/experiments (the six lessons).
package train
