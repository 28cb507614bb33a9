package plots_test

import (
	"fmt"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train"
	"github.com/nnlab/nnlab/train/plots"
)

// pngSize reports the pixel size of the PNG at path.
func pngSize(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return err.Error()
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		return err.Error()
	}
	return fmt.Sprintf("%dx%d", cfg.Width, cfg.Height)
}

// A history as the trainer records it, validated every other epoch: the
// validation curve joins the epochs that have a value.
func ExampleLossCurves() {
	dir, err := os.MkdirTemp("", "plots")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	var h train.History
	for e := 1; e <= 20; e++ {
		vals := []train.NamedValue{
			{Name: train.ColEpoch, Value: float64(e)},
			{Name: train.ColTrainLoss, Value: math.Exp(-float64(e) / 5)},
			{Name: train.ColTrainAccuracy, Value: 1 - 0.5*math.Exp(-float64(e)/5)},
		}
		if e%2 == 0 {
			vals = append(vals,
				train.NamedValue{Name: train.ColValLoss, Value: 0.1 + math.Exp(-float64(e)/5)},
				train.NamedValue{Name: train.ColValAccuracy, Value: 0.95 - 0.5*math.Exp(-float64(e)/5)})
		}
		h.Add(vals)
	}
	path := filepath.Join(dir, "history.png")
	if err := plots.LossCurves(path, &h); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("loss and accuracy:", pngSize(path))

	// A history without the columns is an error, and no file.
	var empty train.History
	empty.Add([]train.NamedValue{{Name: train.ColLR, Value: 0.1}})
	err = plots.LossCurves(filepath.Join(dir, "empty.png"), &empty)
	fmt.Println(strings.ReplaceAll(err.Error(), dir, "DIR"))
	_, statErr := os.Stat(filepath.Join(dir, "empty.png"))
	fmt.Println("file written:", statErr == nil)
	// Output:
	// loss and accuracy: 1100x425
	// plots: LossCurves DIR/empty.png: history has none of the columns train_loss, val_loss, test_loss, train_accuracy, val_accuracy, test_accuracy (it has [lr])
	// file written: false
}

// A classifier is any function from a batch of points to class
// probabilities; here, a logistic model of the line x + y = 1.
func ExampleDecisionBoundary() {
	dir, err := os.MkdirTemp("", "plots")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	X := tensor.New([]float64{0, 0, 0.2, 0.5, 1, 1, 0.9, 0.6, 0.1, 0.3, 0.8, 0.9}, 6, 2)
	labels := []int{0, 0, 1, 1, 0, 1}
	proba := func(g *tensor.Tensor) *tensor.Tensor {
		P := tensor.Zeros(g.Rows(), 2)
		for i := range g.Rows() {
			p1 := 1 / (1 + math.Exp(-8*(g.At(i, 0)+g.At(i, 1)-1)))
			P.Set(1-p1, i, 0)
			P.Set(p1, i, 1)
		}
		return P
	}
	path := filepath.Join(dir, "boundary.png")
	err = plots.DecisionBoundary(path, proba, X, labels, []string{"below", "above"}, "logistic model")
	fmt.Println(err, pngSize(path))

	// Three features cannot be drawn on a plane.
	err = plots.DecisionBoundary(path, proba, tensor.Zeros(6, 3), labels, nil, "")
	fmt.Println(strings.ReplaceAll(err.Error(), dir, "DIR"))
	// Output:
	// <nil> 700x550
	// plots: DecisionBoundary DIR/boundary.png: X has shape [6 3], want [n 2]: two features, one per axis
}
