package main

import (
	"bufio"
	"io"

	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train"
	"github.com/nnlab/nnlab/train/atomicfile"
)

const predictHelp = `Usage: train predict --model DIR|FILE --in FILE.csv [--out FILE.csv]

Writes a saved model's predictions for every row of a CSV file: every input
column, unchanged and in order (ids, true labels, anything), then, for a
classifier, one column p_<class> per class with its probability (in the
model's class order), then predicted, the most probable class; for a
regression model, one column prediction. So 'train roc --label COL --score
p_<class>' can score the predictions against the file's own true labels.

Flags:
  --model DIR|FILE  a model file, or a directory holding model.safetensors
  --in FILE.csv     the rows to predict, with a header; the model's feature
                    columns are found by name; no column may be called
                    p_<class>, predicted or (for a regression model)
                    prediction, the names of the output's columns
  --out FILE.csv    where to write the predictions (default: stdout); the file
                    is replaced atomically
  --json            with --out: print {"model", "in", "out", "rows", "classes"}
                    ("task": "regression" instead of classes for a
                    regression model)
  --quiet           print nothing but errors (predict prints nothing else anyway)

Examples:
  train predict --model run --in points.csv
  train predict --model run --in test.csv --out pred.csv
  train roc --in pred.csv --label label --score p_1
`

func runPredict(e *env, args []string) error {
	f := newFlagSet("predict")
	modelArg := f.String("model", "")
	in := f.String("in", "")
	out := f.String("out", "")
	om := addOutputFlags(f)
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if err := noPositional(pos); err != nil {
		return err
	}
	if err := required("model", *modelArg, "a model file or the directory 'train fit' wrote"); err != nil {
		return err
	}
	if err := required("in", *in, "the CSV file of rows to predict"); err != nil {
		return err
	}
	if *om.json && (*out == "" || *out == "-") {
		return usagef("--json needs --out FILE: without it the predictions themselves go to stdout")
	}
	model, err := loadModel(modelPath(*modelArg))
	if err != nil {
		return err
	}
	if err := checkCSVFile(*in); err != nil {
		return err
	}
	x, rows, err := readPredictInput(*in, model)
	if err != nil {
		return err
	}
	write, err := predictionWriter(model, x, rows, *in)
	if err != nil {
		return err
	}
	if *out == "" || *out == "-" {
		bw := bufio.NewWriter(e.stdout)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	if err := atomicfile.Write(*out, write); err != nil {
		return err
	}
	if !*om.json {
		return nil
	}
	rep := predictReport{Model: modelPath(*modelArg), In: *in, Out: *out, Rows: x.Rows(), Classes: model.Classes}
	if model.Regression {
		rep.Task = taskRegression
	}
	return printJSON(e.stdout, rep)
}

// predictionWriter runs model over x and returns what writes the rows of
// the input in (rows) with the model's output columns after them: a
// classifier's probabilities and class, a regression model's value.
func predictionWriter(model *train.Model, x *tensor.Tensor, rows *passThrough, in string) (func(io.Writer) error, error) {
	if model.Regression {
		y := model.PredictValues(x)
		if err := checkFinite(y, in); err != nil {
			return nil, err
		}
		return func(w io.Writer) error { return writeValues(w, rows, model, y.Data()) }, nil
	}
	probs := model.PredictProba(x)
	if err := checkFinite(probs, in); err != nil {
		return nil, err
	}
	return func(w io.Writer) error { return writePredictions(w, rows, model, probs) }, nil
}

// predictReport is what 'train predict --json' prints.
type predictReport struct {
	Model   string   `json:"model"`
	In      string   `json:"in"`
	Out     string   `json:"out"`
	Rows    int      `json:"rows"`
	Classes []string `json:"classes,omitempty"`
	Task    string   `json:"task,omitempty"` // "regression" for a regression model
}
