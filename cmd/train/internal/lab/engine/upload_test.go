package engine

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/nnlab/nnlab/train"
)

// csvOf writes n rows of cols features, the label 1 when the first
// feature is positive.
func csvOf(n, cols int) []byte {
	var b strings.Builder
	for j := range cols {
		fmt.Fprintf(&b, "f%d,", j+1)
	}
	b.WriteString("y\n")
	for i := range n {
		v := float64(i%17)/8 - 1
		for j := range cols {
			fmt.Fprintf(&b, "%g,", v*float64(j+1)+float64(i%5)/10)
		}
		if v > 0 {
			b.WriteString("pos\n")
		} else {
			b.WriteString("neg\n")
		}
	}
	return []byte(b.String())
}

// TestUploadTrains checks that an uploaded CSV of two features trains
// with heatmaps and of three without, both learning the label.
func TestUploadTrains(t *testing.T) {
	for _, cols := range []int{2, 3} {
		ds, err := ReadUpload(csvOf(200, cols), "mine.csv", TaskClassification)
		if err != nil {
			t.Fatal(err)
		}
		c := DefaultConfig()
		c.Data, c.Hidden, c.Act, c.Opt, c.LR = UploadData, []int{6}, "relu", "adam", 0.03
		s, err := NewWithData(c, ds)
		if err != nil {
			t.Fatal(err)
		}
		h, err := s.Step(30)
		if err != nil {
			t.Fatal(err)
		}
		if acc := h.Last(train.ColValAccuracy); acc < 0.9 {
			t.Errorf("%d columns: test accuracy %v, want >= 0.9", cols, acc)
		}
		pic, setup := s.Picture(5, 1), s.Setup()
		if setup.Plottable != (cols == 2) || (len(pic.Output) == 25) != (cols == 2) || len(pic.Weights) != 2 {
			t.Errorf("%d columns: plottable %v, %d output cells, %d weight layers", cols, setup.Plottable, len(pic.Output), len(pic.Weights))
		}
		if got := strings.SplitN(string(s.DataCSV()), "\n", 2)[0]; !strings.HasPrefix(got, "f1,f2,") || !strings.HasSuffix(got, ",y,part") {
			t.Errorf("%d columns: CSV header %q", cols, got)
		}
		if cmd, _ := s.FitCommand(); !strings.HasPrefix(cmd, "train fit --data mine.csv --test") {
			t.Errorf("fit command %q", cmd)
		}
	}
}

func TestUploadRefused(t *testing.T) {
	big := make([]byte, MaxUploadBytes+1)
	for _, tc := range []struct {
		name string
		in   []byte
		want string
	}{
		{"garbage", []byte("\x00\x01PNG garbage\x00"), "bad.csv"},
		{"empty field", []byte("a,b,y\n1,,x\n2,3,y\n1,2,x\n4,4,y\n"), "column 2"},
		{"too big", big, "up to 20 MB"},
		{"too many rows", csvOf(MaxUploadRows+1, 1), "rows; the lab trains on up to"},
		{"too few rows", []byte("a,y\n1,x\n2,z\n"), "at least 4"},
	} {
		if _, err := ReadUpload(tc.in, "bad.csv", TaskClassification); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err %v, want it to say %q", tc.name, err, tc.want)
		}
	}
	c := DefaultConfig()
	c.Data = UploadData
	if _, err := NewWithData(c, nil); err == nil || !strings.Contains(err.Error(), "no CSV uploaded") {
		t.Errorf("upload without a CSV: %v", err)
	}
}

// TestROCMatchesHistory checks that the ROC curve the page draws has the
// AUC the history reports, and is thinned when long.
func TestROCMatchesHistory(t *testing.T) {
	s := mustSession(t, func(c *Config) { c.N = 2000 })
	h, err := s.Step(3)
	if err != nil {
		t.Fatal(err)
	}
	m := s.TestMetrics()
	if want := h.Last(train.ColValAUC); math.Abs(float64(m.AUC)-want) > 1e-12 {
		t.Errorf("ROC AUC %v, history's val_auc %v", m.AUC, want)
	}
	n := len(m.FPR)
	if m.ROCPoints <= MaxROCPoints || n > MaxROCPoints || n < MaxROCPoints/2 || m.FPR[0] != 0 || m.FPR[n-1] != 1 || m.TPR[n-1] != 1 {
		t.Errorf("ROC of %d points thinned to %d: ends (%v,%v), (%v,%v)", m.ROCPoints, n, m.FPR[0], m.TPR[0], m.FPR[n-1], m.TPR[n-1])
	}
	if r := s.StepReport(1); len(r.Test.FPR) == 0 || r.Test.AUC != s.TestMetrics().AUC {
		t.Errorf("the step report's ROC: %d points, AUC %v", len(r.Test.FPR), r.Test.AUC)
	}
}

// TestRegression checks the regression sets: one output, mse, RMSE and R²
// as metrics computes them from the loss, and a model file that loads as
// a regression model.
func TestRegression(t *testing.T) {
	for _, set := range []string{"reg-plane", "reg-gauss"} {
		s := mustSession(t, func(c *Config) { c.Data, c.Task, c.Act, c.Hidden = set, TaskRegression, "tanh", []int{8, 8} })
		h, err := s.Step(20)
		if err != nil {
			t.Fatal(err)
		}
		m := s.TestMetrics()
		if want := math.Sqrt(h.Last(train.ColValLoss)); math.Abs(float64(m.RMSE)-want) > 1e-9 {
			t.Errorf("%s: RMSE %v, sqrt(val_loss) %v", set, m.RMSE, want)
		}
		if set == "reg-plane" && m.R2 < 0.9 {
			t.Errorf("reg-plane: R² %v after 20 epochs, want >= 0.9", m.R2)
		}
		if !s.model.Regression || s.model.Sizes[len(s.model.Sizes)-1] != 1 || len(s.Picture(4, 1).Output) != 16 {
			t.Errorf("%s: not a one-output regression model", set)
		}
	}
	c := DefaultConfig()
	c.Data, c.Task = "circle", TaskRegression
	if _, err := New(c); err == nil || !strings.Contains(err.Error(), "not a built-in regression set") {
		t.Errorf("circle as regression: %v", err)
	}
}
