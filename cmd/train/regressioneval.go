package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train"
	"github.com/nnlab/nnlab/train/atomicfile"
	"github.com/nnlab/nnlab/train/metrics"
)

// eval and predict of a regression model.

// regressionReport is what eval --json prints for a regression model.
type regressionReport struct {
	Model string    `json:"model"`
	Data  string    `json:"data"`
	Task  string    `json:"task"`
	N     int       `json:"n"`
	RMSE  jsonFloat `json:"rmse"`
	MAE   jsonFloat `json:"mae"`
	R2    jsonFloat `json:"r2"`
}

// evalRegression measures the regression model at path on src.
func evalRegression(e *env, model *train.Model, path string, src *dataSource, om outputMode) error {
	if !model.Regression {
		return usagef("--data %s is a regression set, but %s is a classifier; use a classification set or a CSV file of classes", src.name, path)
	}
	var ds *datasets.Dataset
	var err error
	if src.isCSV() {
		col := src.target
		if col == "" {
			col = model.Target
		}
		if err := checkCSVFile(src.name); err != nil {
			return err
		}
		ds, err = loadRegressionCSV(src.name, col, model.Inputs())
	} else if !isRegressionSet(src.name) {
		return usagef("--data %s is a classification set, but %s is a regression model; use reg-plane, reg-gauss or a CSV file", src.name, path)
	} else {
		ds, err = generate(*src.gen, src.opts, src.seed)
	}
	if err != nil {
		return err
	}
	if ds, err = alignFeatures(ds, model.Inputs(), src.name); err != nil {
		return err
	}
	out := model.PredictValues(ds.X)
	if err := checkFinite(out, src.name); err != nil {
		return err
	}
	pred := out.Data()
	rep := regressionReport{Model: path, Data: src.name, Task: taskRegression, N: ds.Len(),
		RMSE: jsonFloat(metrics.RMSE(ds.Values, pred)), MAE: jsonFloat(metrics.MAE(ds.Values, pred)), R2: jsonFloat(metrics.R2(ds.Values, pred))}
	if *om.json {
		return printJSON(e.stdout, rep)
	}
	w := om.text(e)
	fmt.Fprintf(w, "%s on %s: %d rows, regression\n", rep.Model, rep.Data, rep.N)
	writeTable(w, "  ", [][]string{
		{"RMSE", metric(float64(rep.RMSE))},
		{"MAE", metric(float64(rep.MAE))},
		{"R²", metric(float64(rep.R2))},
	})
	return nil
}

// loadRegressionCSV reads a CSV file with a numeric target column for
// eval, ignoring the columns that are neither the target nor an input, as
// loadEvalCSV does for a classifier.
func loadRegressionCSV(path, target string, inputs []string) (*datasets.Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := peekHeader(f)
	opts := datasets.CSVOptions{Target: target, Drop: otherColumns(head, target, inputs), Regression: true}
	in := &peekedFile{Reader: io.MultiReader(bytes.NewReader(head), f), f: f}
	return datasets.ReadCSVContext(context.Background(), in, path, opts)
}

// predictValues writes a regression model's predictions for x, one
// "prediction" column, to out (stdout for "" or "-").
func predictValues(e *env, model *train.Model, x *tensor.Tensor, in, out string) error {
	y := model.PredictValues(x)
	if err := checkFinite(y, in); err != nil {
		return err
	}
	write := func(w io.Writer) error {
		cw := csv.NewWriter(w)
		if err := cw.Write([]string{"prediction"}); err != nil {
			return err
		}
		for _, v := range y.Data() {
			if err := cw.Write([]string{strconv.FormatFloat(v, 'g', -1, 64)}); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	}
	if out == "" || out == "-" {
		bw := bufio.NewWriter(e.stdout)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	return atomicfile.Write(out, write)
}

// evalRegressionModel measures the model of modelArg on --data when either
// is for regression, and reports done; a classifier on classification
// data is not its business.
func evalRegressionModel(e *env, data *dataFlags, modelArg string, om outputMode) (done bool, err error) {
	src, err := data.resolve()
	if err != nil {
		return true, err
	}
	path := modelPath(modelArg)
	model, err := loadModel(path)
	if err != nil {
		return true, err
	}
	if !model.Regression && (src.isCSV() || !isRegressionSet(src.name)) {
		return false, nil
	}
	return true, evalRegression(e, model, path, src, om)
}
