// Package plots draws the pictures of a training run as PNG files, with
// gonum.org/v1/plot: how the loss fell, where a classifier splits the
// plane, how its ROC curve bends.
//
// A tour:
//
//   - [LossCurves] charts a [train.History]: loss and accuracy per epoch,
//     training against validation.
//   - [Scatter] draws a two-feature data set by class, and
//     [DecisionBoundary] paints the classes a model predicts over the
//     plane under it. [DecisionBoundarySplits] does the same with the
//     rows of each split (training, test) in a marker style of its own,
//     named in the legend. [DecisionBoundaryGrid] lays many of those out
//     as a table, one data set per row and one model variant per column.
//   - [ROC] draws ROC curves from train/metrics with their AUCs.
//   - [Lines] is the general chart for experiments: named series on
//     linear or log axes.
//
// Every picture uses the same colour-blind-friendly palette ([Color], the
// Okabe–Ito colours) in the same order, so class 1 or the validation curve
// has one colour everywhere; classes also differ in marker shape. Pictures
// are deterministic: the same input gives the same bytes.
//
// A legend never hides data. On a chart of lines ([LossCurves], [ROC]) it
// takes the first corner of the data area, in the order top right, top
// left, bottom right, bottom left, that no line passes through, and goes
// beside the chart when every corner has a line in it; on charts of
// points and painted regions, and on [Lines], it always stands beside the
// chart. Legends name what each line or marker shows, including the split
// of the data (training, validation, test) where a picture has more than
// one.
//
// A picture is rendered completely in memory before its file is written,
// and the file is replaced atomically (atomicfile.Write), so a
// failure never leaves a partial PNG or clobbers the previous one. Data
// that cannot be drawn (no points, the wrong number of columns, a
// probability that is NaN) is the caller's input, not a bug: the functions
// return an error naming the file and what is wrong, and never panic.
package plots
