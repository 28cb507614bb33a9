package plots

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train"
	"github.com/nnlab/nnlab/train/metrics"
)

// drawer is one call of the package's API, writing to path.
type drawer struct {
	name string
	draw func(path string) error
	w, h int // expected picture size in pixels
}

func goodDrawers(t *testing.T) []drawer {
	X, labels := moons(300)
	X3, labels3, centres := blobs(300)
	classes := []string{"upper", "lower"}
	sigmoid := func(g *tensor.Tensor) *tensor.Tensor { // one column: P(class 1)
		P := wavyProba(g)
		out := tensor.Zeros(g.Rows(), 1)
		for i := range g.Rows() {
			out.Set(P.At(i, 1), i, 0)
		}
		return out
	}
	curves := rocCurves(t)
	return []drawer{
		{"LossCurves", func(p string) error { return LossCurves(p, history(30, true)) }, 1100, 425},
		{"LossCurves/loss only", func(p string) error { return LossCurves(p, history(30, false)) }, 550, 425},
		{"LossCurves/one epoch", func(p string) error { return LossCurves(p, history(1, true)) }, 1100, 425},
		{"Scatter", func(p string) error { return Scatter(p, X, labels, classes, "moons") }, 700, 550},
		{"Scatter/unnamed classes", func(p string) error { return Scatter(p, X3, labels3, nil, "blobs") }, 700, 550},
		{"Scatter/one point", func(p string) error {
			return Scatter(p, tensor.New([]float64{1, 2}, 1, 2), []int{0}, nil, "")
		}, 700, 550},
		{"DecisionBoundary", func(p string) error {
			return DecisionBoundary(p, wavyProba, X, labels, classes, "moons")
		}, 700, 550},
		{"DecisionBoundary/sigmoid column", func(p string) error {
			return DecisionBoundary(p, sigmoid, X, labels, nil, "moons")
		}, 700, 550},
		{"DecisionBoundary/three classes", func(p string) error {
			return DecisionBoundary(p, nearestProba(centres), X3, labels3, []string{"a", "b", "c"}, "blobs")
		}, 700, 550},
		{"DecisionBoundarySplits", func(p string) error {
			return DecisionBoundarySplits(p, wavyProba, []Split{
				{Name: "training", X: X.RowSlice(0, 240), Labels: labels[:240]},
				{Name: "test", X: X.RowSlice(240, 300), Labels: labels[240:]},
			}, classes, "moons")
		}, 700, 550},
		{"DecisionBoundarySplits/empty test split", func(p string) error {
			return DecisionBoundarySplits(p, wavyProba, []Split{
				{Name: "training", X: X, Labels: labels}, {Name: "test", X: tensor.Zeros(0, 2)},
			}, classes, "moons")
		}, 700, 550},
		{"DecisionBoundaryGrid", func(p string) error {
			return DecisionBoundaryGrid(p, [][]BoundaryCell{
				{{Proba: wavyProba, X: X, Labels: labels, Title: "A"}, {}},
				{{Proba: nearestProba(centres), X: X3, Labels: labels3, Title: "B"},
					{Proba: sigmoid, X: X, Labels: labels, Title: "C"}},
			}, []string{"moons", "blobs"}, []string{"relu", "tanh"})
		}, 560, 560},
		{"DecisionBoundaryGrid/no names", func(p string) error {
			return DecisionBoundaryGrid(p, [][]BoundaryCell{{{Proba: wavyProba, X: X, Labels: labels}}}, nil, nil)
		}, 260, 260},
		{"ROC", func(p string) error { return ROC(p, curves, "moons") }, 600, 600},
		{"ROC/no AUC", func(p string) error {
			return ROC(p, []NamedCurve{{Name: "x", Curve: curves[0].Curve, AUC: math.NaN()}}, "")
		}, 600, 600},
		{"Lines", func(p string) error {
			return Lines(p, "loss", "epoch", "loss", false, false, []Series{
				{Name: "a", X: []float64{1, 2, 3}, Y: []float64{3, 2, 1}},
				{Name: "b", X: []float64{1, 2, 3}, Y: []float64{2, math.NaN(), 0.5}},
			})
		}, 800, 500},
		{"Lines/log axes", func(p string) error {
			return Lines(p, "sweep", "learning rate", "final loss", true, true, []Series{
				{Name: "adam", X: []float64{1e-4, 1e-3, 1e-2, 1e-1, 1}, Y: []float64{0.9, 0.3, 0.05, 0.2, math.Inf(1)}},
				{Name: "sgd", X: []float64{1e-4, 1e-3, 1e-2, 1e-1, 1}, Y: []float64{1, 0.8, 0.4, 0.1, 0}},
				{Name: "diverged", X: []float64{1}, Y: []float64{math.NaN()}},
			})
		}, 800, 500},
		{"Lines/single point on log axes", func(p string) error {
			return Lines(p, "", "", "", true, true, []Series{{Name: "a", X: []float64{1}, Y: []float64{0.5}}})
		}, 800, 500},
	}
}

func TestDrawersWritePNG(t *testing.T) {
	for _, d := range goodDrawers(t) {
		t.Run(d.name, func(t *testing.T) {
			dir, path := outPath(t, "out.png")
			if err := d.draw(path); err != nil {
				t.Fatal(err)
			}
			decodePNG(t, path, d.w, d.h)
			assertNothingWritten(t, dir, "out.png")
		})
	}
}

// The same input must give the same bytes, so that pictures can be
// compared across runs and committed without churn.
func TestDrawersAreDeterministic(t *testing.T) {
	for _, d := range goodDrawers(t) {
		t.Run(d.name, func(t *testing.T) {
			dir := t.TempDir()
			a, b := filepath.Join(dir, "a.png"), filepath.Join(dir, "b.png")
			if err := d.draw(a); err != nil {
				t.Fatal(err)
			}
			if err := d.draw(b); err != nil {
				t.Fatal(err)
			}
			ba, _ := os.ReadFile(a)
			bb, _ := os.ReadFile(b)
			if !bytes.Equal(ba, bb) {
				t.Errorf("two drawings of the same input differ (%d and %d bytes)", len(ba), len(bb))
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	X, labels := moons(20)
	X3 := tensor.Zeros(4, 3)
	curves := rocCurves(t)
	nanX := tensor.New([]float64{0, 1, math.NaN(), 2}, 2, 2)
	constProba := func(k int, v float64) func(*tensor.Tensor) *tensor.Tensor {
		return func(g *tensor.Tensor) *tensor.Tensor { return tensor.Full(v, g.Rows(), k) }
	}
	cell := BoundaryCell{Proba: wavyProba, X: X, Labels: labels}
	var noEpochs train.History
	var otherColumns train.History
	otherColumns.Add([]train.NamedValue{{Name: "lr", Value: 0.1}})
	var allNaN train.History
	allNaN.Add([]train.NamedValue{{Name: train.ColTrainLoss, Value: math.NaN()}})
	tests := []struct {
		name string
		draw func(path string) error
		want string
	}{
		{"LossCurves/nil", func(p string) error { return LossCurves(p, nil) }, "history is nil"},
		{"LossCurves/no epochs", func(p string) error { return LossCurves(p, &noEpochs) }, "no epochs"},
		{"LossCurves/no columns", func(p string) error { return LossCurves(p, &otherColumns) }, "none of the columns"},
		{"LossCurves/all NaN", func(p string) error { return LossCurves(p, &allNaN) }, "no finite"},
		{"Scatter/nil X", func(p string) error { return Scatter(p, nil, nil, nil, "") }, "X is nil"},
		{"Scatter/3 columns", func(p string) error { return Scatter(p, X3, make([]int, 4), nil, "") }, "want [n 2]"},
		{"Scatter/1-D", func(p string) error { return Scatter(p, tensor.Zeros(4), make([]int, 4), nil, "") }, "want [n 2]"},
		{"Scatter/empty", func(p string) error { return Scatter(p, tensor.Zeros(0, 2), nil, nil, "") }, "no rows"},
		{"Scatter/label count", func(p string) error { return Scatter(p, X, labels[1:], nil, "") }, "19 labels for the 20 rows"},
		{"Scatter/negative label", func(p string) error {
			return Scatter(p, tensor.Zeros(1, 2), []int{-1}, nil, "")
		}, "negative"},
		{"Scatter/unnamed label", func(p string) error {
			return Scatter(p, tensor.Zeros(1, 2), []int{2}, []string{"a", "b"}, "")
		}, "no name"},
		{"Scatter/NaN", func(p string) error { return Scatter(p, nanX, []int{0, 1}, nil, "") }, "row 1 of X is not finite"},
		{"DecisionBoundary/3 columns", func(p string) error {
			return DecisionBoundary(p, wavyProba, X3, make([]int, 4), nil, "")
		}, "want [n 2]"},
		{"DecisionBoundary/empty", func(p string) error {
			return DecisionBoundary(p, wavyProba, tensor.Zeros(0, 2), nil, nil, "")
		}, "no rows"},
		{"DecisionBoundary/nil proba", func(p string) error {
			return DecisionBoundary(p, nil, X, labels, nil, "")
		}, "proba is nil"},
		{"DecisionBoundary/proba nil result", func(p string) error {
			return DecisionBoundary(p, func(*tensor.Tensor) *tensor.Tensor { return nil }, X, labels, nil, "")
		}, "returned nil"},
		{"DecisionBoundary/proba wrong rows", func(p string) error {
			return DecisionBoundary(p, func(*tensor.Tensor) *tensor.Tensor { return tensor.Zeros(3, 2) }, X, labels, nil, "")
		}, "returned shape [3 2]"},
		{"DecisionBoundary/proba too few classes", func(p string) error {
			return DecisionBoundary(p, constProba(2, 0.5), tensor.Zeros(1, 2), []int{2}, nil, "")
		}, "label 2 appears, but proba gives 2 classes"},
		{"DecisionBoundary/class names mismatch", func(p string) error {
			return DecisionBoundary(p, constProba(3, 0.3), X, labels, []string{"a", "b"}, "")
		}, "3 classes"},
		{"DecisionBoundary/NaN probability", func(p string) error {
			return DecisionBoundary(p, constProba(2, math.NaN()), X, labels, nil, "")
		}, "non-finite"},
		{"DecisionBoundarySplits/no splits", func(p string) error {
			return DecisionBoundarySplits(p, wavyProba, nil, nil, "")
		}, "no splits"},
		{"DecisionBoundarySplits/too many", func(p string) error {
			s := Split{X: X, Labels: labels}
			return DecisionBoundarySplits(p, wavyProba, []Split{s, s, s, s}, nil, "")
		}, "4 splits, but at most 3"},
		{"DecisionBoundarySplits/bad split", func(p string) error {
			return DecisionBoundarySplits(p, wavyProba, []Split{{Name: "a", X: X, Labels: labels},
				{Name: "b", X: X3, Labels: make([]int, 4)}}, nil, "")
		}, `split 1 ("b"): X has shape [4 3]`},
		{"DecisionBoundarySplits/all empty", func(p string) error {
			return DecisionBoundarySplits(p, wavyProba, []Split{{Name: "a", X: tensor.Zeros(0, 2)},
				{Name: "b", X: tensor.Zeros(0, 2)}}, nil, "")
		}, "every split is empty"},
		{"DecisionBoundaryGrid/no cells", func(p string) error { return DecisionBoundaryGrid(p, nil, nil, nil) }, "no cells"},
		{"DecisionBoundaryGrid/ragged", func(p string) error {
			return DecisionBoundaryGrid(p, [][]BoundaryCell{{cell, cell}, {cell}}, nil, nil)
		}, "row 1 has 1 cells"},
		{"DecisionBoundaryGrid/row names", func(p string) error {
			return DecisionBoundaryGrid(p, [][]BoundaryCell{{cell}}, []string{"a", "b"}, nil)
		}, "2 row names for 1 rows"},
		{"DecisionBoundaryGrid/column names", func(p string) error {
			return DecisionBoundaryGrid(p, [][]BoundaryCell{{cell}}, nil, []string{"a", "b"})
		}, "2 column names for 1 columns"},
		{"DecisionBoundaryGrid/all blank", func(p string) error {
			return DecisionBoundaryGrid(p, [][]BoundaryCell{{{}, {}}}, nil, nil)
		}, "every cell is blank"},
		{"DecisionBoundaryGrid/bad cell", func(p string) error {
			return DecisionBoundaryGrid(p, [][]BoundaryCell{{cell}, {{X: X3, Labels: make([]int, 4), Title: "t"}}}, nil, nil)
		}, `cell (1, 0) "t"`},
		{"ROC/no curves", func(p string) error { return ROC(p, nil, "") }, "no curves"},
		{"ROC/length mismatch", func(p string) error {
			return ROC(p, []NamedCurve{{Name: "a", Curve: metrics.ROCCurve{FPR: []float64{0, 1}, TPR: []float64{0}}}}, "")
		}, `curve 0 ("a") has 2 FPR and 1 TPR`},
		{"ROC/one point", func(p string) error {
			return ROC(p, []NamedCurve{curves[0], {Curve: metrics.ROCCurve{FPR: []float64{0}, TPR: []float64{0}}}}, "")
		}, "curve 1"},
		{"ROC/not a rate", func(p string) error {
			return ROC(p, []NamedCurve{{Curve: metrics.ROCCurve{FPR: []float64{0, 1.5}, TPR: []float64{0, 1}}}}, "")
		}, "point 1 (1.5, 1)"},
		{"ROC/NaN", func(p string) error {
			return ROC(p, []NamedCurve{{Curve: metrics.ROCCurve{FPR: []float64{0, 1}, TPR: []float64{math.NaN(), 1}}}}, "")
		}, "point 0"},
		{"Lines/no series", func(p string) error { return Lines(p, "", "", "", false, false, nil) }, "no series"},
		{"Lines/length mismatch", func(p string) error {
			return Lines(p, "", "", "", false, false, []Series{{Name: "a", X: []float64{1, 2}, Y: []float64{1}}})
		}, `series 0 ("a") has 2 x and 1 y`},
		{"Lines/empty series", func(p string) error {
			return Lines(p, "", "", "", false, false, []Series{{Name: "a"}})
		}, "no series has a point"},
		{"Lines/nothing positive on log axis", func(p string) error {
			return Lines(p, "", "", "", false, true, []Series{{Name: "a", X: []float64{1, 2}, Y: []float64{0, -1}}})
		}, "no series has a point"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, path := outPath(t, "out.png")
			err := tt.draw(path)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want the path and %q", err, tt.want)
			}
			assertNothingWritten(t, dir)

			// A failed drawing keeps the picture already there.
			old := []byte("previous picture")
			if err := os.WriteFile(path, old, 0o644); err != nil {
				t.Fatal(err)
			}
			if tt.draw(path) == nil {
				t.Fatal("no error the second time")
			}
			if got, _ := os.ReadFile(path); !bytes.Equal(got, old) {
				t.Errorf("failed drawing changed the existing file to %q", got)
			}
			assertNothingWritten(t, dir, "out.png")
		})
	}
}

func TestUnwritablePath(t *testing.T) {
	for _, d := range goodDrawers(t) {
		t.Run(d.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, path := range []string{
				filepath.Join(dir, "missing", "out.png"), // no such directory
				dir,                                      // a directory, not a file
			} {
				err := d.draw(path)
				if err == nil {
					t.Fatalf("%s: no error", path)
				}
				if !strings.Contains(err.Error(), path) {
					t.Errorf("error %q does not name %s", err, path)
				}
			}
			assertNothingWritten(t, dir)
			if err := d.draw(""); err == nil || !strings.Contains(err.Error(), "empty output path") {
				t.Errorf("empty path: error %v", err)
			}
		})
	}
}
