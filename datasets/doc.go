// Package datasets supplies nnlab's data: synthetic classification sets,
// labelled CSV files, a stratified train/test split and standardisation.
// It depends on package tensor only. Minibatches are the trainer's business
// (package train gathers a batch's rows into reused buffers with
// tensor.GatherRows).
//
// A tour:
//
//   - [Dataset] is features X ([n, d]) with a class index per row and names
//     for both; [Dataset.Validate] checks one built by hand.
//   - The generators [XOR], [Circle], [Gauss] and [Spiral] follow TensorFlow
//     Playground, [Moons] and [Blobs] scikit-learn. Each draws from a
//     caller's *rand.Rand, deals rows to classes in turn so that counts
//     differ by at most one, and panics on bad arguments. [Builtin] and
//     [Lookup] list them for a command line; their Make funcs return an
//     error naming a bad n, noise or classes instead.
//   - [LoadCSV] and [ReadCSV] stream a CSV file with a header row straight
//     into X's storage; [ReadFeaturesCSV] reads the feature columns a model
//     needs, by name, for prediction. Bad input is a [*CSVError] naming the
//     file, line, column and problem; no input panics.
//   - [StratifiedSplit] holds out a fraction of every class; fit a
//     [Standardizer] on the training part and apply it to both.
//
// Labels stay []int: a loss that wants float targets (one-hot or a 0/1
// column) builds them from the batch's labels into its own buffer.
package datasets
