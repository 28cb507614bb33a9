package main

import (
	"fmt"
	"math"
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

// regressionMetrics is metrics.json of a regression run, and what --json
// prints: the loss of --loss, and RMSE, MAE and R² as scikit-learn
// computes them, on both parts.
type regressionMetrics struct {
	Dataset     string      `json:"dataset"`
	Task        string      `json:"task"`
	Features    []string    `json:"features"`
	NTrain      int         `json:"n_train"`
	NTest       int         `json:"n_test"`
	Epochs      int         `json:"epochs"`
	Seed        uint64      `json:"seed"`
	TrainLoss   jsonFloat   `json:"train_loss"`
	TrainRMSE   jsonFloat   `json:"train_rmse"`
	TrainMAE    jsonFloat   `json:"train_mae"`
	TrainR2     jsonFloat   `json:"train_r2"`
	TestLoss    jsonFloat   `json:"test_loss"`
	TestRMSE    jsonFloat   `json:"test_rmse"`
	TestMAE     jsonFloat   `json:"test_mae"`
	TestR2      jsonFloat   `json:"test_r2"`
	Settings    fitSettings `json:"settings"`
	WeightCount weightCount `json:"weight_count"`
}

// regressionScores are one part's measurements.
type regressionScores struct {
	loss, rmse, mae, r2 float64
	pred                []float64
}

// scoreRegression measures a part, NaN for a part the run does not have
// (--test 0).
func scoreRegression(r *fitRun, d *train.Data) regressionScores {
	if d == nil {
		nan := math.NaN()
		return regressionScores{loss: nan, rmse: nan, mae: nan, r2: nan}
	}
	ev := train.Evaluate(r.model.Net, r.model.Loss, d)
	pred := predictRows(r, d.X)
	truth := d.Target.Data()
	return regressionScores{loss: ev.Loss, rmse: metrics.RMSE(truth, pred), mae: metrics.MAE(truth, pred), r2: metrics.R2(truth, pred), pred: pred}
}

// predictRows runs the network, in evaluation mode, over rows x that are
// already the network's inputs (features computed, standardised), a chunk
// at a time, and returns its single output per row.
func predictRows(r *fitRun, x *tensor.Tensor) []float64 {
	const chunk = 8192
	out := make([]float64, 0, x.Rows())
	for lo := 0; lo < x.Rows(); lo += chunk {
		out = append(out, r.model.Net.Predict(x.RowSlice(lo, min(lo+chunk, x.Rows()))).Data()...)
	}
	return out
}

// writeRegressionResults is writeFitResults for a regression run.
func writeRegressionResults(e *env, r *fitRun, hist *train.History, out fitOutput) error {
	tr, te := scoreRegression(r, r.trainData), scoreRegression(r, r.testData)
	m := regressionMetrics{
		Dataset: r.s.Data, Task: taskRegression, Features: r.model.Features,
		NTrain: r.trainDS.Len(), NTest: partLen(r.testDS), Epochs: hist.Len(), Seed: r.s.Seed,
		TrainLoss: jsonFloat(tr.loss), TrainRMSE: jsonFloat(tr.rmse), TrainMAE: jsonFloat(tr.mae), TrainR2: jsonFloat(tr.r2),
		TestLoss: jsonFloat(te.loss), TestRMSE: jsonFloat(te.rmse), TestMAE: jsonFloat(te.mae), TestR2: jsonFloat(te.r2),
		Settings: r.s, WeightCount: countWeights(r.model.Net),
	}
	if r.s.Generate == nil {
		m.Dataset = filepath.Base(r.s.Data)
	}
	written, err := writeRegressionFiles(r, hist, m, te, out.dir)
	if err != nil {
		return err
	}
	switch {
	case out.json:
		return printJSON(e.stdout, m)
	case out.quiet:
		return nil
	}
	w := e.stdout
	fmt.Fprintf(w, "%s: %d training and %d test rows, %d features, regression (%s); %s, %d epochs\n",
		m.Dataset, m.NTrain, m.NTest, len(m.Features), r.s.Loss, describeNet(&r.s), m.Epochs)
	writeTable(w, "  ", [][]string{
		{"", "train", "test"},
		{"loss", metric(tr.loss), metric(te.loss)},
		{"RMSE", metric(tr.rmse), metric(te.rmse)},
		{"MAE", metric(tr.mae), metric(te.mae)},
		{"R²", metric(tr.r2), metric(te.r2)},
	})
	if c := m.WeightCount; r.s.L1 > 0 {
		fmt.Fprintf(w, "weights: %d of %d exactly zero, %d below %g in magnitude\n", c.Zero, c.Weights, c.Small, smallWeight)
	}
	fmt.Fprintf(w, "wrote %s: %s\n", printable(out.dir), strings.Join(written, ", "))
	return nil
}

// writeRegressionFiles writes a regression run's outputs, staged as
// writeFitFiles does: the model, metrics, history, loss.png,
// predicted.png (test predictions against the truth) and, for two
// inputs, heatmap.png (the output over the plane).
func writeRegressionFiles(r *fitRun, hist *train.History, m regressionMetrics, te regressionScores, dir string) ([]string, error) {
	mj, err := marshalIndent(m)
	if err != nil {
		return nil, err
	}
	sj, err := marshalIndent(r.splitRecord())
	if err != nil {
		return nil, err
	}
	st, err := newStaging(dir)
	if err != nil {
		return nil, err
	}
	defer st.discard()
	title := fmt.Sprintf("%s: %s, test R² %s", m.Dataset, describeNet(&r.s), metric(float64(m.TestR2)))
	files := []struct {
		name  string
		write func(string) error
	}{
		{"model.safetensors", r.model.Save},
		{"metrics.json", func(p string) error { return writeFileAtomic(p, mj) }},
		{splitName, func(p string) error { return writeFileAtomic(p, sj) }},
		{"history.csv", func(p string) error { return atomicfile.Write(p, hist.WriteCSV) }},
		{"loss.png", func(p string) error { return plots.LossCurves(p, hist) }},
	}
	if r.testDS != nil {
		files = append(files, struct {
			name  string
			write func(string) error
		}{"predicted.png", func(p string) error { return plots.PredictedVsTrue(p, r.testDS.Values, te.pred, title) }})
	}
	if r.inputs().NumFeatures() == 2 {
		shown, pts := r.plotPoints()
		files = append(files, struct {
			name  string
			write func(string) error
		}{"heatmap.png", func(p string) error {
			return plots.OutputHeatmap(p, r.model.PredictValues, pts, shown.Values, title, r.model.Inputs()...)
		}})
	}
	for _, f := range files {
		if err := st.write(f.name, f.write); err != nil {
			return nil, err
		}
	}
	if err := st.commit(); err != nil {
		return nil, err
	}
	return append(slices.Clone(st.names), manifestName), nil
}

// partLen is the rows of a part, 0 for none.
func partLen(d *datasets.Dataset) int {
	if d == nil {
		return 0
	}
	return d.Len()
}
