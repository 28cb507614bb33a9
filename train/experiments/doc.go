// Package experiments runs the lessons of a first ML course as small
// seeded experiments and decides from the data whether each claim holds.
//
// A tour:
//
//   - [List] and [Lookup] give the [Experiment]s: linear-collapse,
//     feature-nonlinearity, sparsity-depth, convergence, dying-relu, init,
//     bce-vs-ce and roc-auc.
//     Each has a Claim and a Run method taking [Options] (seeds, quick
//     settings, output folder, shard); start from [DefaultOptions] (20
//     seeds) or [QuickOptions]. [Experiment.TryIt] gives the `train fit`
//     command lines that show the lesson on one setting.
//   - A run lays out a grid of (setting, seed) cells. Every cell draws its
//     data and weights from its own generator, seeded by the seed and the
//     setting's name, and writes its output by index, so results depend
//     neither on the number of workers nor on the order cells finish in.
//   - The [Result] holds the settings, the seeds, the named tables (for
//     instance accuracy[dataset][activation] as [Stats]: median, its 95%
//     percentile-bootstrap interval over seeds, min and max) and a
//     [Verdict]: "yes", "no" or "partly", decided by a rule written in the
//     code before any run, stated in the result and the report. Every
//     interval comes from [Resamples] resamples drawn from a fixed seed, so
//     it reproduces bit for bit like the rest.
//   - With Options.OutDir a run writes NAME/results.json, NAME/report.md
//     and its PNG figures. With Shard K of Shards N it computes only the
//     cells i with i mod N = K−1 and writes a partial file; [Merge]
//     combines partial files into the result a single run gives, byte for
//     byte, so a sweep can run as a Kubernetes Indexed Job or a Slurm
//     array (docs/scaling.md).
//   - [RunDocs] runs them all and [WriteDocs] writes docs/experiments.md
//     and its Chinese translation from the results. [Result.Summary] is
//     the plain-text form that `train experiment` (in cmd/train) prints.
//   - The package writes nothing to a terminal: it reports through its
//     return values and the done callback of RunDocs, and stops when its
//     context is cancelled.
//
// The experiments live here, beside package train and above train/plots,
// because they use the whole library (datasets, layers, optimizers, the
// trainer, metrics and plots) and nothing in it uses them: a Go program can
// run one and read its tables without the command line.
package experiments
