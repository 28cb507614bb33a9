package main

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/train"
)

// fit --task regression: a network of one output trained on a number per
// row (Playground's reg-plane and reg-gauss, or a CSV column read as
// numbers), split at random rather than by class.

const (
	taskClassification = "classification"
	taskRegression     = "regression"
)

// regressionLosses are the --loss names of a regression run; the first is
// the default.
var regressionLosses = []string{"mse", "l1", "huber", "smooth_l1"}

// resolveTask checks --task against the data in s: a regression set
// (reg-plane, reg-gauss) means regression unless --task says otherwise,
// which is an error, as is --task regression on a classification set. It
// records the task in s, "" for classification (as earlier versions'
// settings, which have no task, mean).
func resolveTask(s *fitSettings, src *dataSource, task string, given bool) error {
	task = strings.ToLower(strings.TrimSpace(task))
	if err := oneOf("task", task, taskClassification, taskRegression); err != nil {
		return err
	}
	regSet := src.gen != nil && isRegressionSet(src.gen.Name)
	switch {
	case regSet && given && task != taskRegression:
		return usagef("--data %s is a regression set (its targets are numbers); use --task regression or a classification set", src.name)
	case src.gen != nil && !regSet && task == taskRegression:
		return usagef("--data %s is a classification set; --task regression needs reg-plane, reg-gauss or a CSV file with a numeric target", src.name)
	case regSet || task == taskRegression:
		s.Task = taskRegression
	}
	return nil
}

func isRegressionSet(name string) bool {
	_, ok := datasets.LookupRegression(name)
	return ok
}

// canonicalTaskLoss is canonicalLoss for the task of s: a regression run
// takes mse (auto), l1, huber or smooth_l1.
func canonicalTaskLoss(s *fitSettings) (string, error) {
	if s.Task != taskRegression {
		return canonicalLoss(s.Loss)
	}
	name := strings.ToLower(strings.TrimSpace(s.Loss))
	if name == "auto" {
		return regressionLosses[0], nil
	}
	if !slices.Contains(regressionLosses, name) {
		return "", usagef("--loss %q: a regression model takes one of auto (mse), %s", s.Loss, strings.Join(regressionLosses, ", "))
	}
	return name, nil
}

// resolveTaskLoss is resolveLoss for either task: a regression network has
// one output.
func resolveTaskLoss(s *fitSettings, ds *datasets.Dataset) (layer.Loss, int, error) {
	if s.Task != taskRegression {
		if ds.IsRegression() { // a hand-edited checkpoint's settings
			return nil, 0, fmt.Errorf("%s holds numbers to regress on, but the settings ask for classification", s.Data)
		}
		return resolveLoss(s, ds.NumClasses())
	}
	if !ds.IsRegression() {
		return nil, 0, fmt.Errorf("%s holds classes, but the settings ask for regression", s.Data)
	}
	name, err := canonicalTaskLoss(s)
	if err != nil {
		return nil, 0, err
	}
	s.Loss = name
	loss, err := layer.ParseLoss(name)
	if err != nil {
		return nil, 0, usagef("--loss: %v", err)
	}
	return loss, 1, nil
}

// taskData is the part d in the form the network trains on.
func taskData(d *datasets.Dataset, loss layer.Loss, outputs int) *train.Data {
	if d.IsRegression() {
		return train.RegressionData(d)
	}
	return train.ClassificationData(d, loss, outputs)
}

// splitFuncs returns the split of d's task: stratified by class, or at
// random for regression, whose targets have no classes.
func splitFuncs(d *datasets.Dataset) (
	indices func(*datasets.Dataset, float64, *rand.Rand) ([]int, []int, error),
	inPlace func(*datasets.Dataset, float64, *rand.Rand) (*datasets.Dataset, *datasets.Dataset, error),
) {
	if d.IsRegression() {
		return datasets.RandomIndices, datasets.RandomSplitInPlace
	}
	return datasets.StratifiedIndices, datasets.StratifiedSplitInPlace
}
