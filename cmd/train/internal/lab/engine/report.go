package engine

import (
	"math"
	"strconv"

	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/train"
)

// Num is a float64 that encodes to JSON as a number, or null when it is
// NaN or infinite (JSON has no such numbers; a diverged loss is one).
type Num float64

// MarshalJSON writes n as the shortest decimal that reads back to the
// same bits, or null.
func (n Num) MarshalJSON() ([]byte, error) {
	f := float64(n)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'g', -1, 64), nil
}

// StepReport is what the page learns from one step: the history rows the
// step added, by column name, and the error that stopped it, if any.
type StepReport struct {
	Epoch   int      `json:"epoch"`
	Columns []string `json:"columns"`
	Rows    [][]Num  `json:"rows"`
	// Test holds the measures of the test part after the step.
	Test  TestMetrics `json:"test"`
	Error string      `json:"error,omitempty"`
}

// StepReport trains n more epochs and reports them.
func (s *Session) StepReport(n int) StepReport {
	before := 0
	if s.hist != nil {
		before = s.hist.Len()
	}
	h, err := s.Step(n)
	r := StepReport{}
	if h != nil {
		r = reportRows(h, before)
	}
	r.Test = s.TestMetrics()
	if err != nil {
		r.Error = err.Error()
	}
	return r
}

// reportRows returns h's rows from the index from on.
func reportRows(h *train.History, from int) StepReport {
	r := StepReport{Epoch: h.Len(), Columns: h.Columns, Rows: [][]Num{}}
	for _, row := range h.Rows[from:] {
		nums := make([]Num, len(row))
		for j, v := range row {
			nums[j] = Num(v)
		}
		r.Rows = append(r.Rows, nums)
	}
	return r
}

func nums(v []float64) []Num {
	out := make([]Num, len(v))
	for i, x := range v {
		out[i] = Num(x)
	}
	return out
}

func nums2(v [][]float64) [][]Num {
	out := make([][]Num, len(v))
	for i, x := range v {
		out[i] = nums(x)
	}
	return out
}

func nums3(v [][][]float64) [][][]Num {
	out := make([][][]Num, len(v))
	for i, x := range v {
		out[i] = nums2(x)
	}
	return out
}

// Setup is what the page learns when a session starts.
type Setup struct {
	Points     Points   `json:"points"`
	FitCommand string   `json:"fitCommand"`
	FitNote    string   `json:"fitNote,omitempty"`
	Features   []string `json:"features"`
	Sizes      []int    `json:"sizes"`
	Task       string   `json:"task"`
	// Plottable says whether the data has the two raw columns the
	// heatmaps need; Columns names the raw columns.
	Plottable bool     `json:"plottable"`
	Columns   []string `json:"columns"`
	Rows      int      `json:"rows"`
	// Test holds the test part's measures before training.
	Test TestMetrics `json:"test"`
}

// Setup describes the new session.
func (s *Session) Setup() Setup {
	cmd, note := s.FitCommand()
	return Setup{Points: s.Points(), FitCommand: cmd, FitNote: note, Features: s.features.Names(), Sizes: s.model.Sizes,
		Task: s.cfg.Task, Plottable: s.Plottable(), Columns: s.raw.Features, Rows: s.raw.Len(), Test: s.TestMetrics()}
}

// Catalogue lists the names the page offers: the built-in data sets and
// every registered activation.
type Catalogue struct {
	Data        []string `json:"data"`
	Regression  []string `json:"regression"`
	Activations []string `json:"activations"`
}

// NewCatalogue returns the names the library has now.
func NewCatalogue() Catalogue {
	var c Catalogue
	for _, g := range datasets.Builtin() {
		c.Data = append(c.Data, g.Name)
	}
	for _, g := range datasets.BuiltinRegression() {
		c.Regression = append(c.Regression, g.Name)
	}
	for _, a := range layer.ActivationSpecs() {
		c.Activations = append(c.Activations, a.Name)
	}
	return c
}
