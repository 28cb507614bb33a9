// Package train turns nnlab's layers and optimizers into something that
// trains classifiers, measures them honestly and keeps their results safe.
//
// A tour:
//
//   - [Trainer] runs minibatch training: epochs, batch size, shuffling from
//     a seed, a learning-rate schedule, gradient clipping, callbacks per
//     step and per epoch, [EarlyStopping] on a validation metric, and a
//     progress bar. Every step runs on an autograd.Tape, so steady-state
//     steps allocate nothing. A NaN or infinite loss, gradient or update
//     stops training with a [NonFiniteError]; an update is undone whole,
//     the weights and the optimizer's state together, checked and undone
//     in the optimizer's own pass (optim.GuardedStepper) or from a
//     snapshot (optim.Snapshotter).
//     Its fields too are used as given: BatchSize is at least 1
//     ([FullBatch] takes the whole data set), a nil GradClip clips
//     nothing, and Fit checks the Schedule before the first step.
//   - [Data] is what a Trainer learns from; [ClassificationData] turns a
//     datasets.Dataset into the targets its loss says it takes.
//   - [History] records loss, accuracy, AUC and, with Diagnostics, each
//     hidden layer's dead fraction and activation rate per epoch; it
//     writes CSV and JSON.
//   - [Evaluate] measures a model in inference mode; [Probabilities] reads
//     its outputs as class probabilities the way its loss says to.
//   - [Model] bundles a trained network with its class and feature names and
//     standardisation; [Model.Save], [LoadModel], [SaveCheckpoint] and
//     [LoadCheckpoint] keep models and resumable training state in one
//     safetensors file (docs/checkpoints.md), written atomically. A run
//     stopped with ErrInterrupted and resumed from its [State] ends with the
//     same bits as one that never stopped.
//
// Sub-packages: train/metrics (accuracy, ROC/AUC as scikit-learn, ...),
// train/safetensors (the file format), train/plots (pictures) and
// train/experiments (the six lessons).
package train
