package main

import (
	"bufio"
	"io"

	"github.com/nnlab/nnlab/train/atomicfile"
)

const predictHelp = `Usage: train predict --model DIR|FILE --in FILE.csv [--out FILE.csv]

Writes a saved model's predictions for every row of a CSV file: every input
column, unchanged and in order (ids, true labels, anything), then one column
p_<class> per class with its probability (in the model's class order), then
predicted, the most probable class. So 'train roc --label COL --score
p_<class>' can score the predictions against the file's own true labels.

Flags:
  --model DIR|FILE  a model file, or a directory holding model.safetensors
  --in FILE.csv     the rows to predict, with a header; the model's feature
                    columns are found by name; no column may be called
                    p_<class> or predicted, the names of the output's columns
  --out FILE.csv    where to write the predictions (default: stdout); the file
                    is replaced atomically
  --json            with --out: print {"model", "in", "out", "rows", "classes"}
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
	if model.Regression {
		if err := predictValues(e, model, x, *in, *out); err != nil || !*om.json {
			return err
		}
		return printJSON(e.stdout, predictReport{Model: modelPath(*modelArg), In: *in, Out: *out, Rows: x.Rows(), Task: taskRegression})
	}
	probs := model.PredictProba(x)
	if err := checkFinite(probs, *in); err != nil {
		return err
	}
	write := func(w io.Writer) error { return writePredictions(w, rows, model.Classes, probs) }
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
	if *om.json {
		return printJSON(e.stdout, predictReport{Model: modelPath(*modelArg), In: *in, Out: *out, Rows: probs.Rows(), Classes: model.Classes})
	}
	return nil
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
