package main

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train"
	"github.com/nnlab/nnlab/train/atomicfile"
	"github.com/nnlab/nnlab/train/metrics"
	"github.com/nnlab/nnlab/train/plots"
)

// fitMetrics is metrics.json, and what --json prints. A part the run does
// not have (--test 0, no validation split) has no metrics.
type fitMetrics struct {
	Dataset       string     `json:"dataset"`
	Classes       []string   `json:"classes"`
	Features      []string   `json:"features"`
	NTrain        int        `json:"n_train"`
	NVal          int        `json:"n_val,omitempty"`
	NTest         int        `json:"n_test"`
	RowsDropped   int        `json:"rows_dropped,omitempty"` // --drop-missing: rows skipped for an empty field
	Epochs        int        `json:"epochs"`                 // epochs completed
	Seed          uint64     `json:"seed"`
	TrainAccuracy jsonFloat  `json:"train_accuracy"`
	TrainLoss     jsonFloat  `json:"train_loss"`
	TrainAUC      jsonFloat  `json:"train_auc"`
	ValAccuracy   *jsonFloat `json:"val_accuracy,omitempty"`
	ValLoss       *jsonFloat `json:"val_loss,omitempty"`
	ValAUC        *jsonFloat `json:"val_auc,omitempty"`
	TestAccuracy  *jsonFloat `json:"test_accuracy,omitempty"`
	TestLoss      *jsonFloat `json:"test_loss,omitempty"` // the training loss (--loss) on the test part
	TestLogLoss   *jsonFloat `json:"test_log_loss,omitempty"`
	TestAUC       *jsonFloat `json:"test_auc,omitempty"` // one-vs-rest macro average for more than two classes
	// BestEpoch is the epoch of the lowest validation loss, whose weights
	// the model holds; StoppedEpoch the last epoch trained when early
	// stopping ended the run before --epochs. Both with --early-stop only.
	BestEpoch    int         `json:"best_epoch,omitempty"`
	StoppedEpoch int         `json:"stopped_epoch,omitempty"`
	Settings     fitSettings `json:"settings"`
	// Weights counts the weights that are zero and near it, which --l1
	// should raise.
	Weights weightCount `json:"weight_count"`
}

// fitResults is a trained run measured: the metrics and the evaluations
// of the parts they come from (nil for a part the run does not have).
type fitResults struct {
	m                fitMetrics
	trEv, vaEv, teEv *train.Evaluation
}

// writeFitResults measures the trained model and writes every output file,
// then prints the summary (or the JSON). Nothing is written before this
// point, so a failed run leaves the directory as it was.
func writeFitResults(e *env, r *fitRun, hist *train.History, out fitOutput) error {
	if r.s.Task == taskRegression {
		return writeRegressionResults(e, r, hist, out)
	}
	res := measureFit(r, hist)
	written, err := writeFitFiles(r, hist, res, out.dir)
	if err != nil {
		return err
	}
	switch {
	case out.json:
		return printJSON(e.stdout, res.m)
	case out.quiet:
		return nil
	}
	printFitSummary(e.stdout, r, res)
	if c := res.m.Weights; r.s.L1 > 0 {
		fmt.Fprintf(e.stdout, "weights: %d of %d exactly zero, %d below %g in magnitude\n", c.Zero, c.Weights, c.Small, smallWeight)
	}
	fmt.Fprintf(e.stdout, "wrote %s: %s\n", printable(out.dir), strings.Join(written, ", "))
	return nil
}

// printFitSummary prints the run and a table of the metrics of its parts.
func printFitSummary(w io.Writer, r *fitRun, res fitResults) {
	m := res.m
	rows := fmt.Sprintf("%d training and %d test rows", m.NTrain, m.NTest)
	if m.NVal > 0 {
		rows = fmt.Sprintf("%d training, %d validation and %d test rows", m.NTrain, m.NVal, m.NTest)
	}
	fmt.Fprintf(w, "%s: %s, %d features, %d classes; %s, %d epochs\n",
		m.Dataset, rows, len(m.Features), len(m.Classes), describeNet(&r.s), m.Epochs)
	if m.RowsDropped > 0 {
		fmt.Fprintf(w, "skipped %d row(s) with an empty field (--drop-missing)\n", m.RowsDropped)
	}
	if m.BestEpoch > 0 {
		stop := fmt.Sprintf("ran all %d epochs", m.Epochs)
		if m.StoppedEpoch > 0 {
			stop = fmt.Sprintf("stopped after epoch %d, %d without improvement", m.StoppedEpoch, r.s.EarlyStop)
		}
		fmt.Fprintf(w, "early stopping: lowest validation loss at epoch %d (%s); the model holds that epoch's weights\n", m.BestEpoch, stop)
	}
	table := [][]string{{""}, {"accuracy"}, {"loss"}, {"AUC"}}
	for _, p := range []struct {
		name string
		ev   *train.Evaluation
	}{{"train", res.trEv}, {"validation", res.vaEv}, {"test", res.teEv}} {
		if p.ev == nil {
			continue
		}
		table[0] = append(table[0], p.name)
		table[1] = append(table[1], metric(p.ev.Accuracy))
		table[2] = append(table[2], metric(p.ev.Loss))
		table[3] = append(table[3], metric(p.ev.AUC))
	}
	writeTable(w, "  ", table)
	if res.teEv == nil {
		fmt.Fprintln(w, "no test metrics: every row of the data trained or validated the model (--test 0)")
	}
}

// measureFit evaluates the trained model on its parts.
func measureFit(r *fitRun, hist *train.History) fitResults {
	loss := r.model.Loss
	eval := func(d *train.Data) *train.Evaluation {
		if d == nil {
			return nil
		}
		ev := train.Evaluate(r.model.Net, loss, d)
		return &ev
	}
	res := fitResults{trEv: eval(r.trainData), vaEv: eval(r.valData), teEv: eval(r.testData)}
	m := fitMetrics{
		Dataset:       r.s.Data,
		Classes:       r.model.Classes,
		Features:      r.model.Features,
		NTrain:        r.trainDS.Len(),
		Epochs:        hist.Len(),
		Seed:          r.s.Seed,
		TrainAccuracy: jsonFloat(res.trEv.Accuracy),
		TrainLoss:     jsonFloat(res.trEv.Loss),
		TrainAUC:      jsonFloat(res.trEv.AUC),
		Settings:      r.s,
		RowsDropped:   droppedRows(r),
	}
	if ev := res.vaEv; ev != nil {
		m.NVal = r.valDS.Len()
		m.ValAccuracy, m.ValLoss, m.ValAUC = jf(ev.Accuracy), jf(ev.Loss), jf(ev.AUC)
	}
	if ev := res.teEv; ev != nil {
		m.NTest = r.testDS.Len()
		m.TestAccuracy, m.TestLoss, m.TestAUC = jf(ev.Accuracy), jf(ev.Loss), jf(ev.AUC)
		m.TestLogLoss = jf(metrics.LogLossTensor(ev.Probs, r.testDS.Y))
	}
	if r.trainer.EarlyStopping != nil {
		st := r.trainer.State()
		m.BestEpoch = st.BestEpoch
		if st.Stopped {
			m.StoppedEpoch = hist.Len()
		}
	}
	if r.s.Generate == nil {
		m.Dataset = filepath.Base(r.s.Data)
	}
	m.Weights = countWeights(r.model.Net)
	res.m = m
	return res
}

// jf is v for JSON, by pointer.
func jf(v float64) *jsonFloat {
	f := jsonFloat(v)
	return &f
}

// writeFitFiles writes the model, the metrics, the history and the plots
// into dir, staged until every one is written, and returns the names of
// the files written.
func writeFitFiles(r *fitRun, hist *train.History, res fitResults, dir string) ([]string, error) {
	mj, err := marshalIndent(res.m)
	if err != nil {
		return nil, err
	}
	st, err := newStaging(dir)
	if err != nil {
		return nil, err
	}
	sj, err := marshalIndent(r.splitRecord())
	if err != nil {
		return nil, err
	}
	defer st.discard()
	if err := st.write("model.safetensors", r.model.Save); err != nil {
		return nil, err
	}
	if err := st.write("metrics.json", func(p string) error { return writeFileAtomic(p, mj) }); err != nil {
		return nil, err
	}
	if err := st.write(splitName, func(p string) error { return writeFileAtomic(p, sj) }); err != nil {
		return nil, err
	}
	// The epochs were measured on the test part when there is no
	// validation part: its columns say so.
	if r.valData == nil {
		hist = heldOutAsTest(hist)
	}
	if err := st.write("history.csv", func(p string) error { return atomicfile.Write(p, hist.WriteCSV) }); err != nil {
		return nil, err
	}
	if err := st.write("loss.png", func(p string) error { return plots.LossCurves(p, hist) }); err != nil {
		return nil, err
	}
	if r.inputs().NumFeatures() == 2 {
		title := fmt.Sprintf("%s: %s, train accuracy %s", res.m.Dataset, describeNet(&r.s), metric(res.trEv.Accuracy))
		if res.teEv != nil {
			title = fmt.Sprintf("%s: %s, test accuracy %s", res.m.Dataset, describeNet(&r.s), metric(res.teEv.Accuracy))
		}
		splits := r.boundarySplits()
		if err := st.write("boundary.png", func(p string) error {
			return plots.DecisionBoundarySplits(p, r.model.PredictProba, splits, r.model.Classes, title, r.model.Inputs()...)
		}); err != nil {
			return nil, err
		}
	}
	if r.ds.NumClasses() == 2 {
		drawn := false
		if err := st.write("roc.png", func(p string) error {
			drawn, err = writeROCPlot(p, r, res)
			return err
		}); err != nil {
			return nil, err
		}
		if !drawn {
			st.names = slices.DeleteFunc(st.names, func(n string) bool { return n == "roc.png" })
		}
	}
	if err := st.commit(); err != nil {
		return nil, err
	}
	return append(slices.Clone(st.names), manifestName), nil
}

// writeROCPlot draws the ROC curves of a two-class model's parts, each
// named for its split; a part missing a class has no curve, and with none
// it draws nothing and reports false.
func writeROCPlot(path string, r *fitRun, res fitResults) (bool, error) {
	var curves []plots.NamedCurve
	for _, part := range []struct {
		name string
		ds   *datasets.Dataset
		ev   *train.Evaluation
	}{{"training split", r.trainDS, res.trEv}, {"validation split", r.valDS, res.vaEv}, {"test split", r.testDS, res.teEv}} {
		if part.ev == nil {
			continue
		}
		scores := make([]float64, part.ev.Probs.Rows())
		for i := range scores {
			scores[i] = part.ev.Probs.At(i, 1)
		}
		if c, err := metrics.ROC(part.ds.Y, scores); err == nil {
			curves = append(curves, plots.NamedCurve{Name: part.name, Curve: c, AUC: part.ev.AUC})
		}
	}
	if len(curves) == 0 {
		return false, nil
	}
	title := fmt.Sprintf("%s: ROC by split (positive class %q)", res.m.Dataset, r.model.Classes[1])
	return true, plots.ROC(path, curves, title)
}

// rawFeatures returns the features x, standardised in place by buildFit,
// back in the data's own units (to within rounding), for a plot whose axes
// the user can read; x itself if it was not standardised.
func rawFeatures(std *datasets.Standardizer, x *tensor.Tensor) *tensor.Tensor {
	if std == nil {
		return x
	}
	out := x.Clone()
	data, c := out.Data(), len(std.Mean)
	for i := 0; i < len(data); i += c {
		for j, v := range data[i : i+c] {
			data[i+j] = v*std.Std[j] + std.Mean[j]
		}
	}
	return out
}

// describeNet names the architecture and optimizer briefly.
func describeNet(s *fitSettings) string {
	hidden := "no hidden layer"
	if len(s.Hidden) > 0 {
		parts := make([]string, len(s.Hidden))
		for i, h := range s.Hidden {
			parts[i] = fmt.Sprint(h)
		}
		hidden = "hidden " + strings.Join(parts, ",") + " " + s.Act
	}
	return fmt.Sprintf("%s, %s lr %g", hidden, s.Opt, s.LR)
}

// maxPlotPoints bounds the points drawn on a decision boundary: more make
// no visible difference and cost seconds per hundred thousand.
const maxPlotPoints = 5000

// namedPart is a part of the data named for a plot: "training", "test".
type namedPart struct {
	name string
	ds   *datasets.Dataset
}

// boundarySplits returns the parts as the splits of a decision boundary,
// in the data's own units, in order (training first, so that the held-out
// rows lie on top); a part the run does not have (nil) is left out. The
// rows are sampled evenly, at most maxPlotPoints in all, each part in
// proportion to its size.
func boundarySplits(std *datasets.Standardizer, parts []namedPart) []plots.Split {
	parts = slices.DeleteFunc(slices.Clone(parts), func(p namedPart) bool { return p.ds == nil })
	total := 0
	for _, p := range parts {
		total += p.ds.Len()
	}
	splits := make([]plots.Split, len(parts))
	for i, p := range parts {
		shown := p.ds
		if total > maxPlotPoints {
			shown = plotSample(p.ds, max(1, maxPlotPoints*p.ds.Len()/total))
		}
		splits[i] = plots.Split{Name: p.name, X: rawFeatures(std, shown.X), Labels: shown.Y}
	}
	return splits
}

// boundarySplits returns the points of the boundary plot, in the data's
// own units: each split apart (test rows hollow with or without a
// validation part, which comes last), or, with --features, whose raw
// columns are kept for the whole data set only, every row as one set.
func (r *fitRun) boundarySplits() []plots.Split {
	if r.raw != nil {
		shown, pts := r.plotPoints()
		return []plots.Split{{Name: "all rows", X: pts, Labels: shown.Y}}
	}
	return boundarySplits(r.model.Standardizer,
		[]namedPart{{"training", r.trainDS}, {"test", r.testDS}, {"validation", r.valDS}})
}

// plotSample returns d itself, or every k-th row of it when it has more
// than max rows: a deterministic, evenly spread sample.
func plotSample(d *datasets.Dataset, max int) *datasets.Dataset {
	if d.Len() <= max {
		return d
	}
	step := (d.Len() + max - 1) / max
	idx := make([]int, 0, max)
	for i := 0; i < d.Len(); i += step {
		idx = append(idx, i)
	}
	return d.Subset(idx)
}
