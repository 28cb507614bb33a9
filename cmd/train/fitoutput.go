package main

import (
	"fmt"
	"os"
	"path/filepath"
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

// writeFitResults measures the trained model and writes every output file,
// then prints the summary (or the JSON). Nothing is written before this
// point, so a failed run leaves the directory as it was.
func writeFitResults(e *env, r *fitRun, hist *train.History, out fitOutput) error {
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
	mj, err := marshalIndent(m)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out.dir, 0o755); err != nil {
		return err
	}
	path := func(name string) string { return filepath.Join(out.dir, name) }
	written := []string{"model.safetensors", "metrics.json", "history.csv", "loss.png"}
	if err := r.model.Save(path("model.safetensors")); err != nil {
		return err
	}
	if err := writeFileAtomic(path("metrics.json"), mj); err != nil {
		return err
	}
	if err := atomicfile.Write(path("history.csv"), hist.WriteCSV); err != nil {
		return err
	}
	if err := plots.LossCurves(path("loss.png"), hist); err != nil {
		return err
	}
	if r.ds.NumFeatures() == 2 {
		title := fmt.Sprintf("%s: %s, test accuracy %s", m.Dataset, describeNet(&r.s), metric(teEv.Accuracy))
		shown := plotSample(r.ds, maxPlotPoints)
		pts := rawFeatures(r.model.Standardizer, shown.X)
		if err := plots.DecisionBoundary(path("boundary.png"), r.model.PredictProba, pts, shown.Y, r.model.Classes, title, r.model.Features...); err != nil {
			return err
		}
		written = append(written, "boundary.png")
	}
	if r.ds.NumClasses() == 2 {
		var curves []plots.NamedCurve
		for _, part := range []struct {
			name   string
			labels []int
			ev     train.Evaluation
		}{{"train", r.trainDS.Y, trEv}, {"test", r.testDS.Y, teEv}} {
			scores := make([]float64, part.ev.Probs.Rows())
			for i := range scores {
				scores[i] = part.ev.Probs.At(i, 1)
			}
			// A part missing a class has no curve; the other part still does.
			if c, err := metrics.ROC(part.labels, scores); err == nil {
				curves = append(curves, plots.NamedCurve{Name: part.name, Curve: c, AUC: part.ev.AUC})
			}
		}
		if len(curves) > 0 {
			title := fmt.Sprintf("%s: ROC (positive class %q)", m.Dataset, r.model.Classes[1])
			if err := plots.ROC(path("roc.png"), curves, title); err != nil {
				return err
			}
			written = append(written, "roc.png")
		}
	}
	switch {
	case out.json:
		return printJSON(e.stdout, m)
	case out.quiet:
		return nil
	}
	w := e.stdout
	fmt.Fprintf(w, "%s: %d training and %d test rows, %d features, %d classes; %s, %d epochs\n",
		m.Dataset, m.NTrain, m.NTest, len(m.Features), len(m.Classes), describeNet(&r.s), m.Epochs)
	writeTable(w, "  ", [][]string{
		{"", "train", "test"},
		{"accuracy", metric(trEv.Accuracy), metric(teEv.Accuracy)},
		{"loss", metric(trEv.Loss), metric(teEv.Loss)},
		{"AUC", metric(trEv.AUC), metric(teEv.AUC)},
	})
	fmt.Fprintf(w, "wrote %s: %s\n", out.dir, strings.Join(written, ", "))
	return nil
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
