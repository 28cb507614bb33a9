// Package datasets supplies nnlab's data: synthetic classification and
// regression sets, labelled CSV files, feature expressions, a stratified
// train/test split and standardisation. It depends on package tensor only.
// Minibatches are the trainer's business (package train gathers a batch's
// rows into reused buffers with tensor.GatherRows).
//
// A tour:
//
//   - [Dataset] is features X ([n, d]) with a class index per row (Y,
//     Classes) or, for regression, a number per row (Values), and names for
//     both; [Dataset.Validate] checks one built by hand.
//   - The generators [XOR], [Circle], [Gauss] and [Spiral] follow TensorFlow
//     Playground, [Moons] and [Blobs] scikit-learn. Each draws from a
//     caller's *rand.Rand, deals rows to classes in turn so that counts
//     differ by at most one, and panics on bad arguments. [Builtin] and
//     [Lookup] (case-insensitive) list them for a command line; their Make
//     funcs return an error naming a bad n, noise or classes instead.
//     [RegPlane] and [RegGauss] are Playground's regression sets, listed
//     apart by [BuiltinRegression] and [LookupRegression]. [Suggest] and
//     [Closest] find the nearest name for a "did you mean" hint.
//   - [LoadCSV] and [ReadCSV] ([ReadCSVContext] to stop on a context) read a
//     CSV file with a header row once, streaming the numbers straight into
//     X's storage and hashing the bytes as they are parsed into
//     [Dataset.Source] ([CSVInfo]). [ReadFeaturesCSV] reads the feature
//     columns a model needs, by name, for prediction. Bad input is a
//     [*CSVError] naming the file, line, column and problem, quoting at most
//     40 bytes of a field and escaping control characters; no input panics.
//   - [FeatureMap] computes features from raw columns by expressions such as
//     x1^2, x1*x2 and sin(x1), as Playground's inputs do.
//   - [StratifiedSplit] holds out a fraction of every class; fit a
//     [Standardizer] on the training part and apply it to both.
//
// # CSV limits and rules
//
// A record (the header or a row, line breaks inside quotes included) may
// take at most [MaxCSVRecord] bytes, 1 MiB; a header at most
// [MaxCSVColumns] columns, 100,000; a target column at most [MaxClasses]
// distinct classes, 1,000, as many as a built-in set may have. A NUL byte
// marks binary data. So /dev/zero, /dev/urandom or an endless line stop
// with an error after reading about 1 MiB, and a pipe or FIFO is read once,
// as a file is. Column names and class labels must be UTF-8; a byte that is
// not is reported by line, column and byte within the field. A leading
// UTF-8 byte-order mark is skipped, also before a quoted name. A file whose
// lines end in CR alone is reported as such.
//
// Memory: when the input is a regular file, X is reserved once from the
// file's length and the bytes its first 1,024 rows took, with 3% to spare;
// from a stream it grows in chunks that are copied into one slice at the
// end, so reading a pipe peaks at about twice the numbers' size.
//
// Class labels: when every label in the target column is a finite number,
// labels of equal value are one class ("1", "1.0", "01" and "1e0" are one
// class, as are "0" and "-0"), named by its canonical spelling
// ([NumericLabel]: "1") and ordered by value; otherwise each distinct
// string is a class and classes are in byte order.
//
// Labels stay []int: a loss that wants float targets (one-hot or a 0/1
// column) builds them from the batch's labels into its own buffer.
package datasets
