package main

import (
	"bufio"
	"encoding/csv"
	"io"
	"strconv"

	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train/atomicfile"
)

const predictHelp = `Usage: train predict --model DIR|FILE --in FILE.csv [--out FILE.csv]

Writes a saved model's predictions for every row of a CSV file: one column
p_<class> per class with its probability (in the model's class order), then
label, the most probable class.

Flags:
  --model DIR|FILE  a model file, or a directory holding model.safetensors
  --in FILE.csv     the rows to predict, with a header; the model's feature
                    columns are found by name, other columns are ignored
  --out FILE.csv    where to write the predictions (default: stdout); the file
                    is replaced atomically

Examples:
  train predict --model run --in points.csv
  train predict --model run --in points.csv --out predictions.csv
`

func runPredict(e *env, args []string) error {
	f := newFlagSet("predict")
	modelArg := f.String("model", "")
	in := f.String("in", "")
	out := f.String("out", "")
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
	model, err := loadModel(modelPath(*modelArg))
	if err != nil {
		return err
	}
	if err := checkCSVFile(*in); err != nil {
		return err
	}
	x, err := datasets.LoadFeaturesCSV(*in, model.Features)
	if err != nil {
		return err
	}
	probs := model.PredictProba(x)
	if err := checkFinite(probs, *in); err != nil {
		return err
	}
	write := func(w io.Writer) error { return writePredictions(w, model.Classes, probs) }
	if *out == "" || *out == "-" {
		bw := bufio.NewWriter(e.stdout)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	return atomicfile.Write(*out, write)
}

// writePredictions writes the header p_<class>..., label and one row per
// row of probs, each probability in the shortest form that reads back to
// the same bits.
func writePredictions(w io.Writer, classes []string, probs *tensor.Tensor) error {
	cw := csv.NewWriter(w)
	k := len(classes)
	rec := make([]string, k+1)
	for j, c := range classes {
		rec[j] = "p_" + c
	}
	rec[k] = "label"
	if err := cw.Write(rec); err != nil {
		return err
	}
	pred := tensor.ArgmaxRows(probs)
	for i := range probs.Rows() {
		for j, p := range probs.Row(i) {
			rec[j] = strconv.FormatFloat(p, 'g', -1, 64)
		}
		rec[k] = classes[pred[i]]
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
