package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"

	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train"
	"github.com/nnlab/nnlab/train/metrics"
)

const evalHelp = `Usage: train eval --model DIR|FILE --data NAME|FILE.csv [flags]
       train eval --model DIR|FILE --split test|train|val|all [--json|--quiet]

Measures a saved model on a data set: accuracy, log loss, ROC AUC, the
confusion matrix and each class's precision, recall and F1.

With --split it measures the model on rows of the split 'train fit'
recorded in split.json next to the model: the data is read again (a
built-in set made again), checked to be the same bytes, and the rows of the
part taken; --split test gives fit's test metrics exactly. Given the file
fit trained on with --data instead, eval warns on stderr how many of its
rows trained the model (--json: training_rows).

Flags:
  --model DIR|FILE      a model file, or a directory holding model.safetensors
                        (as 'train fit --out DIR' writes)
  --split PART          test, train, val or all: the rows of that part of the
                        model's recorded split (no --data then)
  --data NAME|FILE.csv  a built-in data set or a CSV file; a CSV needs a column
                        for each of the model's features (matched by name, in
                        any order) and class labels the model knows
  --target COL          CSV: the column holding the class labels (default: the
                        one the model was trained on, else the last)
  --n 500               built-in: number of points
  --noise 0.1           built-in: noise
  --classes K           built-in: number of classes (default: the model's)
  --seed 1              built-in: seed of the points ('train fit' used the same
                        default, so pick another seed for fresh points)
  --json                print the metrics as one JSON object on stdout
  --quiet               print nothing but errors

The AUC of more than two classes is the one-vs-rest macro average; it is
n/a (null in JSON) when a class is missing from the data.

Examples:
  train eval --model run --split test
  train eval --model run --data circle --seed 7
  train eval --model iris/model.safetensors --data iris-test.csv --target species --json
`

// evalReport is what --json prints.
type evalReport struct {
	Model           string       `json:"model"`
	Data            string       `json:"data"`
	N               int          `json:"n"`
	Classes         []string     `json:"classes"`
	Accuracy        jsonFloat    `json:"accuracy"`
	LogLoss         jsonFloat    `json:"log_loss"`
	AUC             jsonFloat    `json:"auc"`
	ConfusionMatrix [][]int      `json:"confusion_matrix"` // rows: true class, columns: predicted
	PerClass        []classScore `json:"per_class"`
	MacroPrecision  jsonFloat    `json:"macro_precision"`
	MacroRecall     jsonFloat    `json:"macro_recall"`
	MacroF1         jsonFloat    `json:"macro_f1"`
	// Split is the part of the model's recorded split measured (--split).
	Split string `json:"split,omitempty"`
	// TrainingRows counts the rows measured that trained the model, when
	// the model's split record can tell (null when it cannot).
	TrainingRows *int `json:"training_rows"`
}

type classScore struct {
	Class     string    `json:"class"`
	Precision jsonFloat `json:"precision"`
	Recall    jsonFloat `json:"recall"`
	F1        jsonFloat `json:"f1"`
	Support   int       `json:"support"`
}

func runEval(e *env, args []string) error {
	f := newFlagSet("eval")
	modelArg := f.String("model", "")
	data := addDataFlags(f, dataGroup{csv: true, minN: 1})
	split := f.String("split", "")
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
	var rep evalReport
	if f.given["split"] {
		rep, err = evalOnSplit(f, *modelArg, *split)
	} else {
		if done, err := evalRegressionModel(e, data, *modelArg, om); done {
			return err
		}
		rep, err = evalOnData(e, data, *modelArg, *om.quiet)
	}
	if err != nil {
		return err
	}
	if *om.json {
		return printJSON(e.stdout, rep)
	}
	if !*om.quiet {
		printEval(e, rep)
	}
	return nil
}

// evalOnSplit measures the model of modelArg on a part of its recorded
// split.
func evalOnSplit(f *flagSet, modelArg, which string) (evalReport, error) {
	if err := oneOf("split", which, splitChoices...); err != nil {
		return evalReport{}, err
	}
	if extra := f.givenExcept("model", "split", "json", "quiet"); len(extra) > 0 {
		return evalReport{}, usagef("%s cannot be given with --split, which reads the data 'train fit' recorded", extra[0])
	}
	path := modelPath(modelArg)
	model, err := loadModel(path)
	if err != nil {
		return evalReport{}, err
	}
	if model.Regression {
		return evalReport{}, fmt.Errorf("%s is a regression model, which eval --split does not measure yet; use --data with the data it was trained on", path)
	}
	ds, name, rec, err := evalSplit(path, which, model)
	if err != nil {
		return evalReport{}, err
	}
	rep, err := evaluateModel(model, ds, name)
	if err != nil {
		return evalReport{}, err
	}
	rep.Model, rep.Data, rep.Split = path, name, which
	n := 0
	if which == "train" || which == "all" {
		n = len(rec.Rows.Train)
	}
	rep.TrainingRows = &n
	return rep, nil
}

// evalOnData measures the model of modelArg on the data of --data, warning
// (unless quiet) when rows of it trained the model.
func evalOnData(e *env, data *dataFlags, modelArg string, quiet bool) (evalReport, error) {
	src, err := data.resolve()
	if err != nil {
		return evalReport{}, err
	}
	path := modelPath(modelArg)
	model, err := loadModel(path)
	if err != nil {
		return evalReport{}, err
	}
	ds, err := evalData(src, model)
	if err != nil {
		return evalReport{}, err
	}
	rep, err := evaluateModel(model, ds, src.name)
	if err != nil {
		return evalReport{}, err
	}
	rep.Model, rep.Data = path, src.name
	if n, rec := trainingRows(path, ds); n >= 0 {
		rep.TrainingRows = &n
		if n > 0 && !quiet {
			warnTrainingRows(e.stderr, n, ds.Len(), src.name, modelArg, rec)
		}
	}
	return rep, nil
}

// evalData reads or makes the data src names and lines it up with the
// model: its feature columns in the model's order, its classes numbered
// as the model's.
func evalData(src *dataSource, model *train.Model) (*datasets.Dataset, error) {
	var ds *datasets.Dataset
	var err error
	if src.isCSV() {
		col := src.target
		if col == "" { // the column the model learned from, when it came from a CSV file
			col = model.Target
		}
		if err := checkCSVFile(src.name); err != nil {
			return nil, err
		}
		if ds, err = loadEvalCSV(src.name, col, model.Inputs()); err != nil {
			return nil, err
		}
	} else {
		o := src.opts
		if o.Classes == 0 && src.gen.Multiclass {
			o.Classes = len(model.Classes)
		}
		if ds, err = generate(*src.gen, o, src.seed); err != nil {
			return nil, err
		}
	}
	if ds, err = alignFeatures(ds, model.Inputs(), src.name); err != nil {
		return nil, err
	}
	return relabel(ds, model.Classes, src.name)
}

// modelPath resolves --model: a directory means its model.safetensors.
func modelPath(arg string) string {
	if info, err := os.Stat(arg); err == nil && info.IsDir() {
		return filepath.Join(arg, "model.safetensors")
	}
	return arg
}

// evaluateModel measures model on ds, whose classes are the model's,
// read from file; an output that is not finite is an error.
func evaluateModel(model *train.Model, ds *datasets.Dataset, file string) (evalReport, error) {
	k := len(model.Classes)
	probs := model.PredictProba(ds.X)
	if err := checkFinite(probs, file); err != nil {
		return evalReport{}, err
	}
	pred := tensor.ArgmaxRows(probs)
	cm := metrics.ConfusionMatrix(pred, ds.Y, k)
	sc := metrics.ScoresFromConfusion(cm)
	rep := evalReport{
		N:               ds.Len(),
		Classes:         model.Classes,
		Accuracy:        jsonFloat(metrics.Accuracy(pred, ds.Y)),
		LogLoss:         jsonFloat(metrics.LogLossTensor(probs, ds.Y)),
		AUC:             jsonFloat(aucOf(ds.Y, probs)),
		ConfusionMatrix: cm,
		MacroPrecision:  jsonFloat(sc.MacroPrecision),
		MacroRecall:     jsonFloat(sc.MacroRecall),
		MacroF1:         jsonFloat(sc.MacroF1),
	}
	for c, name := range model.Classes {
		rep.PerClass = append(rep.PerClass, classScore{
			Class: name, Precision: jsonFloat(sc.Precision[c]), Recall: jsonFloat(sc.Recall[c]),
			F1: jsonFloat(sc.F1[c]), Support: sc.Support[c],
		})
	}
	return rep, nil
}

// aucOf returns the ROC AUC of class probabilities for the labels, NaN
// where it is undefined (a class missing from the labels).
func aucOf(labels []int, probs *tensor.Tensor) float64 {
	auc, err := metrics.ProbaAUC(labels, probs)
	if err != nil {
		return math.NaN()
	}
	return auc
}

func printEval(e *env, r evalReport) {
	w := e.stdout
	fmt.Fprintf(w, "%s on %s: %d rows, %d classes\n", r.Model, r.Data, r.N, len(r.Classes))
	writeTable(w, "  ", [][]string{
		{"accuracy", metric(float64(r.Accuracy))},
		{"log loss", metric(float64(r.LogLoss))},
		{"AUC", metric(float64(r.AUC))},
	})
	fmt.Fprintln(w, "\nconfusion matrix (rows: true class, columns: predicted)")
	rows := [][]string{append([]string{""}, r.Classes...)}
	for t, row := range r.ConfusionMatrix {
		line := []string{r.Classes[t]}
		for _, v := range row {
			line = append(line, fmt.Sprint(v))
		}
		rows = append(rows, line)
	}
	writeTable(w, "  ", rows)
	fmt.Fprintln(w)
	rows = [][]string{{"class", "precision", "recall", "f1", "support"}}
	for _, c := range r.PerClass {
		rows = append(rows, []string{c.Class, metric(float64(c.Precision)), metric(float64(c.Recall)), metric(float64(c.F1)), fmt.Sprint(c.Support)})
	}
	rows = append(rows, []string{"macro avg", metric(float64(r.MacroPrecision)), metric(float64(r.MacroRecall)), metric(float64(r.MacroF1)), fmt.Sprint(r.N)})
	writeTable(w, "  ", rows)
}
