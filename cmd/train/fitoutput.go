package main

import (
	"fmt"
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

// fitMetrics is metrics.json, and what --json prints.
type fitMetrics struct {
	Dataset       string      `json:"dataset"`
	Classes       []string    `json:"classes"`
	Features      []string    `json:"features"`
	NTrain        int         `json:"n_train"`
	NTest         int         `json:"n_test"`
	Epochs        int         `json:"epochs"` // epochs completed
	Seed          uint64      `json:"seed"`
	TrainAccuracy jsonFloat   `json:"train_accuracy"`
	TrainLoss     jsonFloat   `json:"train_loss"`
	TrainAUC      jsonFloat   `json:"train_auc"`
	TestAccuracy  jsonFloat   `json:"test_accuracy"`
	TestLoss      jsonFloat   `json:"test_loss"` // the training loss (--loss) on the test part
	TestLogLoss   jsonFloat   `json:"test_log_loss"`
	TestAUC       jsonFloat   `json:"test_auc"` // one-vs-rest macro average for more than two classes
	Settings      fitSettings `json:"settings"`
}

// fitResults is a trained run measured: the metrics and the evaluations
// of the two parts they come from.
type fitResults struct {
	m          fitMetrics
	trEv, teEv train.Evaluation
}

// writeFitResults measures the trained model and writes every output file,
// then prints the summary (or the JSON). Nothing is written before this
// point, so a failed run leaves the directory as it was.
func writeFitResults(e *env, r *fitRun, hist *train.History, out fitOutput) error {
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
	m, w := res.m, e.stdout
	fmt.Fprintf(w, "%s: %d training and %d test rows, %d features, %d classes; %s, %d epochs\n",
		m.Dataset, m.NTrain, m.NTest, len(m.Features), len(m.Classes), describeNet(&r.s), m.Epochs)
	writeTable(w, "  ", [][]string{
		{"", "train", "test"},
		{"accuracy", metric(res.trEv.Accuracy), metric(res.teEv.Accuracy)},
		{"loss", metric(res.trEv.Loss), metric(res.teEv.Loss)},
		{"AUC", metric(res.trEv.AUC), metric(res.teEv.AUC)},
	})
	fmt.Fprintf(w, "wrote %s: %s\n", printable(out.dir), strings.Join(written, ", "))
	return nil
}

// measureFit evaluates the trained model on both parts.
func measureFit(r *fitRun, hist *train.History) fitResults {
	loss := r.model.Loss
	trEv := train.Evaluate(r.model.Net, loss, r.trainData)
	teEv := train.Evaluate(r.model.Net, loss, r.testData)
	m := fitMetrics{
		Dataset:       r.s.Data,
		Classes:       r.model.Classes,
		Features:      r.model.Features,
		NTrain:        r.trainDS.Len(),
		NTest:         r.testDS.Len(),
		Epochs:        hist.Len(),
		Seed:          r.s.Seed,
		TrainAccuracy: jsonFloat(trEv.Accuracy),
		TrainLoss:     jsonFloat(trEv.Loss),
		TrainAUC:      jsonFloat(trEv.AUC),
		TestAccuracy:  jsonFloat(teEv.Accuracy),
		TestLoss:      jsonFloat(teEv.Loss),
		TestLogLoss:   jsonFloat(metrics.LogLossTensor(teEv.Probs, r.testDS.Y)),
		TestAUC:       jsonFloat(teEv.AUC),
		Settings:      r.s,
	}
	if r.s.Generate == nil {
		m.Dataset = filepath.Base(r.s.Data)
	}
	return fitResults{m: m, trEv: trEv, teEv: teEv}
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
	defer st.discard()
	if err := st.write("model.safetensors", r.model.Save); err != nil {
		return nil, err
	}
	if err := st.write("metrics.json", func(p string) error { return writeFileAtomic(p, mj) }); err != nil {
		return nil, err
	}
	if err := st.write("history.csv", func(p string) error { return atomicfile.Write(p, hist.WriteCSV) }); err != nil {
		return nil, err
	}
	if err := st.write("loss.png", func(p string) error { return plots.LossCurves(p, hist) }); err != nil {
		return nil, err
	}
	if r.ds.NumFeatures() == 2 {
		title := fmt.Sprintf("%s: %s, test accuracy %s", res.m.Dataset, describeNet(&r.s), metric(res.teEv.Accuracy))
		shown := plotSample(r.ds, maxPlotPoints)
		pts := rawFeatures(r.model.Standardizer, shown.X)
		if err := st.write("boundary.png", func(p string) error {
			return plots.DecisionBoundary(p, r.model.PredictProba, pts, shown.Y, r.model.Classes, title, r.model.Features...)
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

// writeROCPlot draws the ROC curves of a two-class model's training and
// test parts; a part missing a class has no curve, and with neither it
// draws nothing and reports false.
func writeROCPlot(path string, r *fitRun, res fitResults) (bool, error) {
	var curves []plots.NamedCurve
	for _, part := range []struct {
		name   string
		labels []int
		ev     train.Evaluation
	}{{"train", r.trainDS.Y, res.trEv}, {"test", r.testDS.Y, res.teEv}} {
		scores := make([]float64, part.ev.Probs.Rows())
		for i := range scores {
			scores[i] = part.ev.Probs.At(i, 1)
		}
		if c, err := metrics.ROC(part.labels, scores); err == nil {
			curves = append(curves, plots.NamedCurve{Name: part.name, Curve: c, AUC: part.ev.AUC})
		}
	}
	if len(curves) == 0 {
		return false, nil
	}
	title := fmt.Sprintf("%s: ROC (positive class %q)", res.m.Dataset, r.model.Classes[1])
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
