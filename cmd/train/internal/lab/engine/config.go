package engine

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/layer"
)

// Config is a lab session's settings. The JSON names are the page's
// address keys (docs/lab.md).
type Config struct {
	Data     string  `json:"data"`     // a built-in data set (datasets.Lookup, datasets.LookupRegression) or UploadData
	Task     string  `json:"task"`     // TaskClassification or TaskRegression
	N        int     `json:"n"`        // points drawn
	Noise    float64 `json:"noise"`    // the generator's noise
	Ratio    float64 `json:"ratio"`    // fraction of the points used for training, in (0, 1)
	Features string  `json:"features"` // feature expressions over x1, x2 (datasets.ParseFeatures)
	Hidden   []int   `json:"hidden"`   // hidden layer sizes; empty is a linear model
	Act      string  `json:"act"`      // activation (layer.ParseActivation)
	LR       float64 `json:"lr"`
	Opt      string  `json:"opt"` // sgd, adam, adamw or rmsprop
	Batch    int     `json:"batch"`
	L1       float64 `json:"l1"`
	L2       float64 `json:"l2"`
	Dropout  float64 `json:"dropout"`
	Seed     uint64  `json:"seed"`
}

// The tasks a session learns: classes or values.
const (
	TaskClassification = "classification"
	TaskRegression     = "regression"
)

// UploadData is Config.Data for a session on an uploaded CSV (ReadUpload)
// rather than a built-in set.
const UploadData = "upload"

// Limits of what a page may ask for: a session must stay small enough for
// a browser tab.
const (
	MaxPoints = 100_000
	MaxLayers = 16
	MaxUnits  = 256
)

// DefaultConfig returns the page's starting settings.
func DefaultConfig() Config {
	return Config{
		Data: "circle", Task: TaskClassification, N: 500, Noise: 0.1, Ratio: 0.5, Features: "x1,x2",
		Hidden: []int{4, 2}, Act: "tanh", LR: 0.03, Opt: "sgd", Batch: 10, Seed: 1,
	}
}

// check reports the first setting out of range, naming its address key.
func (c *Config) check() error {
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	switch {
	case c.Task != TaskClassification && c.Task != TaskRegression:
		return fmt.Errorf("task is %q: want %q or %q", c.Task, TaskClassification, TaskRegression)
	case c.Data != UploadData && (c.N < 4 || c.N > MaxPoints):
		return fmt.Errorf("n is %d: want 4 to %d points", c.N, MaxPoints)
	case !(c.Ratio > 0 && c.Ratio < 1):
		return fmt.Errorf("ratio is %v: the training fraction must be above 0 and below 1", c.Ratio)
	case !finite(c.LR) || c.LR <= 0:
		return fmt.Errorf("lr is %v: the learning rate must be a positive number", c.LR)
	case c.Batch < 1:
		return fmt.Errorf("batch is %d: the batch size must be at least 1", c.Batch)
	case !finite(c.L1) || c.L1 < 0:
		return fmt.Errorf("l1 is %v: the L1 rate must be 0 or more", c.L1)
	case !finite(c.L2) || c.L2 < 0:
		return fmt.Errorf("l2 is %v: the L2 rate must be 0 or more", c.L2)
	case !(c.Dropout >= 0 && c.Dropout < 1):
		return fmt.Errorf("dropout is %v: want 0 or more and below 1", c.Dropout)
	case len(c.Hidden) > MaxLayers:
		return fmt.Errorf("hidden has %d layers: at most %d", len(c.Hidden), MaxLayers)
	}
	for i, u := range c.Hidden {
		if u < 1 || u > MaxUnits {
			return fmt.Errorf("hidden layer %d has %d units: want 1 to %d", i+1, u, MaxUnits)
		}
	}
	return nil
}

// ParseHidden reads a comma-separated list of hidden layer sizes, as the
// address key hidden holds it ("4,2"; "" is no hidden layer).
func ParseHidden(s string) ([]int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	var out []int
	for i, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return nil, fmt.Errorf("hidden %q: layer %d: %q is not a whole number", s, i+1, f)
		}
		out = append(out, n)
	}
	return out, nil
}

// generator resolves the built-in data set for the task.
func (c *Config) generator() (datasets.Generator, error) {
	lookup, list := datasets.Lookup, datasets.Builtin
	if c.Task == TaskRegression {
		lookup, list = datasets.LookupRegression, datasets.BuiltinRegression
	}
	g, ok := lookup(c.Data)
	if !ok {
		var names []string
		for _, b := range list() {
			names = append(names, b.Name)
		}
		return g, fmt.Errorf("data %q: not a built-in %s set (known: %s)", c.Data, c.Task, strings.Join(names, ", "))
	}
	return g, nil
}

// parts resolves the feature map over the raw columns and the activation.
// An uploaded data set's features are its columns as they are.
func (c *Config) parts(columns []string) (*datasets.FeatureMap, layer.Activation, error) {
	fm := datasets.RawFeatures(columns)
	if c.Data != UploadData {
		var err error
		if fm, err = datasets.ParseFeatures(c.Features, columns); err != nil {
			return nil, nil, err
		}
	}
	if fm.NumFeatures() == 0 {
		return nil, nil, errors.New("features: choose at least one feature")
	}
	act, err := layer.ParseActivation(c.Act)
	if err != nil {
		return nil, nil, fmt.Errorf("act: %v", err)
	}
	return fm, act, nil
}
