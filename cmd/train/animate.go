package main

import (
	"fmt"

	"github.com/nnlab/nnlab/train"
	"github.com/nnlab/nnlab/train/plots"
)

// fit's --animate: training.gif, the decision boundary every few epochs
// with the epoch and the loss drawn in. Frames are collected by a
// train.Callback at the end of an epoch, so the Trainer knows nothing of
// pictures, and are small (animationSize² bytes each, at most
// maxAnimationFrames of them). A resumed run draws the epochs after its
// checkpoint only: the frames of an interrupted run are not saved.

const (
	animationSize      = 200
	maxAnimationFrames = 50
	maxAnimationPoints = 300
)

// animation is the --animate callback.
type animation struct {
	train.NopCallback
	model       *train.Model
	gif         *plots.Animation
	every, last int // a frame every so many epochs, and after the last
}

// setupAnimation adds the --animate callback to r's trainer.
func (r *fitRun) setupAnimation() error {
	if !r.s.Animate {
		return nil
	}
	if r.s.Task == taskRegression {
		return usagef("--animate draws a classifier's decision boundary; it does not apply to --task regression")
	}
	if n := r.inputs().NumFeatures(); n != 2 {
		return usagef("--animate draws the decision boundary over the plane of two input columns; %s has %d", r.s.Data, n)
	}
	shown := plotSample(r.inputs(), maxAnimationPoints)
	pts := shown.X
	if r.raw == nil {
		pts = rawFeatures(r.model.Standardizer, shown.X)
	}
	g, err := plots.NewAnimation(pts, shown.Y, r.ds.NumClasses(), animationSize)
	if err != nil {
		return err
	}
	r.anim = &animation{model: r.model, gif: g, every: max(1, (r.s.Epochs+maxAnimationFrames-1)/maxAnimationFrames), last: r.s.Epochs}
	r.trainer.Callbacks = append(r.trainer.Callbacks, r.anim)
	return nil
}

// EpochEnd draws a frame every a.every epochs and after the last.
func (a *animation) EpochEnd(epoch int, h *train.History) error {
	e := epoch + 1
	if e%a.every != 0 && e != a.last {
		return nil
	}
	caption := fmt.Sprintf("epoch %d  loss %.4f", e, h.Last(train.ColTrainLoss))
	return a.gif.AddFrame(a.model.PredictProba, caption)
}

// write writes training.gif to path.
func (a *animation) write(path string) error {
	if a.gif.Len() == 0 {
		return fmt.Errorf("--animate: no epoch was drawn")
	}
	return a.gif.WriteGIF(path)
}
