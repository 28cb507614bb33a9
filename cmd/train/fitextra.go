package main

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/optim"
	"github.com/nnlab/nnlab/train"
)

// fitExtras are the settings of fit's flags that reach the library's
// schedules, gradient clipping, class weights and CSV options. They are
// part of fitSettings (flattened in its JSON), so that --resume rebuilds
// them; each is omitted when unset, so checkpoints of earlier versions
// read as runs without them.
type fitExtras struct {
	Schedule     string   `json:"schedule,omitempty"`       // --schedule, lower case; "" for none
	ClipGradNorm *float64 `json:"clip_grad_norm,omitempty"` // --clip-grad-norm
	ClassWeight  string   `json:"class_weight,omitempty"`   // "balanced" or the weights as given
	Drop         []string `json:"drop,omitempty"`           // --drop
	DropMissing  bool     `json:"drop_missing,omitempty"`   // --drop-missing
}

// extraFlags are the flags of fitExtras.
type extraFlags struct {
	schedule, classWeight, drop *string
	clip                        *float64
	dropMissing                 *bool
}

func addExtraFlags(f *flagSet) *extraFlags {
	return &extraFlags{
		schedule:    f.String("schedule", "none"),
		clip:        f.Float("clip-grad-norm", 0),
		classWeight: f.String("class-weight", ""),
		drop:        f.String("drop", ""),
		dropMissing: f.Bool("drop-missing"),
	}
}

// check reads the flags into x; epochs is the run's length, which a
// cosine schedule spans.
func (ef *extraFlags) check(f *flagSet, x *fitExtras, epochs int, csv bool) error {
	spec := strings.ToLower(strings.TrimSpace(*ef.schedule))
	if spec != "none" && spec != "" {
		if _, err := parseSchedule(spec, epochs); err != nil {
			return err
		}
		x.Schedule = spec
	}
	if f.given["clip-grad-norm"] {
		if err := positive("clip-grad-norm", *ef.clip); err != nil {
			return err
		}
		x.ClipGradNorm = ef.clip
	}
	if f.given["class-weight"] {
		cw := strings.ToLower(strings.TrimSpace(*ef.classWeight))
		if cw != "balanced" {
			if _, err := parseWeights(cw); err != nil {
				return err
			}
		}
		x.ClassWeight = cw
	}
	if (f.given["drop"] || f.given["drop-missing"]) && !csv {
		return usagef("--drop and --drop-missing apply to CSV files only")
	}
	if f.given["drop"] {
		for _, c := range strings.Split(*ef.drop, ",") {
			if c = strings.TrimSpace(c); c == "" {
				return usagef("--drop %q: a column name is empty; want names separated by commas", *ef.drop)
			}
			x.Drop = append(x.Drop, c)
		}
	}
	x.DropMissing = *ef.dropMissing
	return nil
}

// parseSchedule reads --schedule, named and parameterised as PyTorch's
// lr_scheduler classes: step:STEP_SIZE[:GAMMA] (StepLR),
// exponential:GAMMA (ExponentialLR), cosine[:T_MAX[:ETA_MIN]]
// (CosineAnnealingLR, by default over the rest of the run) and
// warmup:EPOCHS[:START_FACTOR][+SCHEDULE] (LinearLR, then SCHEDULE as
// SequentialLR runs it).
func parseSchedule(spec string, epochs int) (optim.Schedule, error) {
	bad := func(format string, args ...any) error {
		return usagef("--schedule %q: %s", spec, fmt.Sprintf(format, args...))
	}
	sch, err := scheduleOf(spec, epochs, bad)
	if err != nil {
		return nil, err
	}
	if err := sch.Validate(); err != nil {
		return nil, bad("%v", err)
	}
	return sch, nil
}

func scheduleOf(spec string, epochs int, bad func(string, ...any) error) (optim.Schedule, error) {
	head, then, chained := strings.Cut(spec, "+")
	parts := strings.Split(head, ":")
	name, args := parts[0], parts[1:]
	nums := make([]float64, len(args))
	for i, a := range args {
		v, err := strconv.ParseFloat(strings.TrimSpace(a), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, bad("parameter %q is not a number", a)
		}
		nums[i] = v
	}
	if chained && name != "warmup" {
		return nil, bad("only a warm-up is followed by another schedule (warmup:5+cosine)")
	}
	arity := map[string][2]int{"step": {1, 2}, "exponential": {1, 1}, "cosine": {0, 2}, "warmup": {1, 2}}
	a, ok := arity[name]
	switch {
	case !ok:
		return nil, bad("want step:STEP_SIZE[:GAMMA], exponential:GAMMA, cosine[:T_MAX[:ETA_MIN]] or warmup:EPOCHS[:START_FACTOR][+SCHEDULE]")
	case len(nums) < a[0] || len(nums) > a[1]:
		return nil, bad("%s takes %d to %d parameter(s), got %d", name, a[0], a[1], len(nums))
	}
	for i, v := range nums {
		if (name == "step" && i == 0 || name == "warmup" && i == 0 || name == "cosine" && i == 0) && v != math.Trunc(v) {
			return nil, bad("%s's first parameter is a number of epochs, got %v", name, v)
		}
	}
	switch name {
	case "step":
		s := optim.DefaultStepLR(int(nums[0]))
		if len(nums) > 1 {
			s.Gamma = nums[1]
		}
		return s, nil
	case "exponential":
		return optim.ExponentialLR{Gamma: nums[0]}, nil
	case "cosine":
		s := optim.CosineAnnealingLR{TMax: epochs}
		if len(nums) > 0 {
			s.TMax = int(nums[0])
		}
		if len(nums) > 1 {
			s.EtaMin = nums[1]
		}
		return s, nil
	}
	w := optim.DefaultLinearWarmup(int(nums[0]), nil)
	if len(nums) > 1 {
		w.StartFactor = nums[1]
	}
	if chained {
		next, err := scheduleOf(then, max(epochs-w.Epochs, 1), bad)
		if err != nil {
			return nil, err
		}
		w.Then = next
	}
	return w, nil
}

// parseWeights reads --class-weight's list of weights, one per class.
func parseWeights(spec string) ([]float64, error) {
	var ws []float64
	for _, p := range strings.Split(spec, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || !(v > 0) || math.IsInf(v, 0) {
			return nil, usagef("--class-weight %q: %q is not a positive number; want balanced or one weight per class, such as 1,3", spec, p)
		}
		ws = append(ws, v)
	}
	return ws, nil
}

// classWeights returns the weights --class-weight gives the classes of
// the training rows: "balanced" is scikit-learn's
// n_samples / (n_classes · count of the class).
func classWeights(spec string, trainDS *datasets.Dataset) ([]float64, error) {
	k := trainDS.NumClasses()
	if spec != "balanced" {
		ws, err := parseWeights(spec)
		if err == nil && len(ws) != k {
			err = usagef("--class-weight %q: %d weight(s) for %d classes (%s)", spec, len(ws), k, strings.Join(trainDS.Classes, ", "))
		}
		return ws, err
	}
	ws := make([]float64, k)
	for c, n := range trainDS.ClassCounts() {
		if n == 0 {
			return nil, fmt.Errorf("--class-weight balanced: class %q has no training rows", trainDS.Classes[c])
		}
		ws[c] = float64(trainDS.Len()) / float64(k*n)
	}
	return ws, nil
}

// weighLoss returns the loss named lossName (one of cliLosses) with the
// class weights of --class-weight, as PyTorch's losses take them:
// cross-entropy's weight per class; for BCE with logits,
// pos_weight = w1/w0, which weighs the two classes in the same ratio (the
// loss differs from per-class weights only by the constant factor w0).
func weighLoss(loss layer.Loss, lossName, spec string, trainDS *datasets.Dataset) (layer.Loss, error) {
	if spec == "" {
		return loss, nil
	}
	if lossName != "cross_entropy" && lossName != "bce_with_logits" {
		return nil, usagef("--class-weight applies to --loss cross_entropy and bce_with_logits, not %s", lossName)
	}
	ws, err := classWeights(spec, trainDS)
	if err != nil {
		return nil, err
	}
	if lossName == "cross_entropy" {
		return layer.CrossEntropyLoss{Weight: ws}, nil
	}
	return layer.BCEWithLogitsLoss{PosWeight: []float64{ws[1] / ws[0]}}, nil
}

// applyExtras sets the schedule, the gradient clipping and the class
// weights of s on the run r, whose split is made.
func applyExtras(r *fitRun, s *fitSettings) error {
	if s.Schedule != "" {
		sch, err := parseSchedule(s.Schedule, s.Epochs)
		if err != nil {
			return err
		}
		r.trainer.Schedule = sch
	}
	if s.ClipGradNorm != nil {
		r.trainer.GradClip = &train.GradClip{MaxNorm: *s.ClipGradNorm}
	}
	return nil
}

// loadFitCSV reads a CSV file of the run (its data or a part's) with
// opt, which carries --target, --drop and --drop-missing; an empty field
// without --drop-missing says that the flag would skip its row.
func loadFitCSV(ctx context.Context, path, name string, opt datasets.CSVOptions) (*datasets.Dataset, error) {
	ds, err := loadCSVAs(ctx, path, name, opt)
	var ce *datasets.CSVError
	if errors.As(err, &ce) && !opt.DropMissing && (strings.HasPrefix(ce.Msg, "empty field") || strings.HasPrefix(ce.Msg, "empty class label")) {
		return nil, fmt.Errorf("%w (--drop-missing skips rows with an empty field)", err)
	}
	return ds, err
}

// csvOptions are the options a run's CSV files are read with, the labels
// in the column target.
func (s *fitSettings) csvOptions(target string) datasets.CSVOptions {
	return datasets.CSVOptions{Target: target, Drop: s.Drop, DropMissing: s.DropMissing, Regression: s.Task == taskRegression}
}

// checkExtras holds the extras of settings s to the bounds of their
// flags, for --resume, which trusts a checkpoint's settings only once
// checked: a schedule, clipping norm or class weights that --schedule,
// --clip-grad-norm or --class-weight would refuse, and CSV options on a
// built-in set, are errors.
func checkExtras(s *fitSettings) error {
	x := &s.fitExtras
	if x.Schedule != "" {
		if _, err := parseSchedule(x.Schedule, s.Epochs); err != nil {
			return err
		}
	}
	if x.ClipGradNorm != nil {
		if err := positive("clip-grad-norm", *x.ClipGradNorm); err != nil {
			return err
		}
	}
	if x.ClassWeight != "" && x.ClassWeight != "balanced" {
		if _, err := parseWeights(x.ClassWeight); err != nil {
			return err
		}
	}
	if (len(x.Drop) > 0 || x.DropMissing) && s.Generate != nil {
		return usagef("--drop and --drop-missing apply to CSV files only")
	}
	for _, c := range x.Drop {
		if strings.TrimSpace(c) == "" {
			return usagef("--drop: a column name is empty; want names separated by commas")
		}
	}
	return nil
}

// droppedRows returns how many rows --drop-missing skipped in the run's
// CSV files: the data's, and the parts' read from their own files.
func droppedRows(r *fitRun) int {
	n := 0
	for _, ds := range []*datasets.Dataset{r.ds, r.fileDS(r.s.ValFile, r.valDS), r.fileDS(r.s.TestFile, r.testDS)} {
		if ds != nil && ds.Source != nil {
			n += ds.Source.Dropped
		}
	}
	return n
}

// fileDS is ds when the part was read from its own file f, else nil.
func (r *fitRun) fileDS(f *dataFile, ds *datasets.Dataset) *datasets.Dataset {
	if f == nil {
		return nil
	}
	return ds
}
