package train_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/nnlab/nnlab/autograd"
	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/optim"
	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train"
	"github.com/nnlab/nnlab/train/metrics"
)

// Train a classifier on a built-in data set, end to end: generate, split,
// standardise, build the network and fit it, then measure it on the
// held-out rows.
func ExampleTrainer() {
	rng := rand.New(rand.NewPCG(1, 2))
	all := datasets.Circle(1000, 0.1, rng)
	trainSet, testSet, _ := datasets.StratifiedSplit(all, 0.2, rng)
	std := datasets.FitStandardizer(trainSet.X) // fitted on the training rows only
	std.TransformInPlace(trainSet.X)
	std.TransformInPlace(testSet.X)

	net := layer.MLP([]int{2, 16, 16, 1}, layer.ReLU{}, layer.HeNormal{}, rng)
	loss := layer.BCEWithLogitsLoss{}
	cfg := optim.DefaultAdamConfig()
	cfg.LR = 0.01
	opt, _ := optim.NewAdam(net.Parameters(), cfg)
	tr := &train.Trainer{Net: net, Loss: loss, Optimizer: opt, Epochs: 40, BatchSize: 32, Shuffle: true, Seed: 1}
	if _, err := tr.Fit(context.Background(), train.ClassificationData(trainSet, loss, 1), nil); err != nil {
		fmt.Println(err)
		return
	}
	ev := train.Evaluate(net, loss, train.ClassificationData(testSet, loss, 1))
	// Circle's noise mislabels a few points near the disc's edge, which caps
	// any model at about 97%.
	fmt.Printf("test accuracy %.1f%%\n", 100*ev.Accuracy)
	// Output:
	// test accuracy 96.5%
}

// The ROC curve of a trained model, from its probabilities on raw
// (unstandardised) test rows: Model.PredictProba standardises them as in
// training, and package metrics turns the second class's probability into
// a curve.
func ExampleModel_PredictProba() {
	rng := rand.New(rand.NewPCG(3, 4))
	all := datasets.Moons(600, 0.2, rng)
	trainSet, testSet, _ := datasets.StratifiedSplit(all, 0.25, rng)
	std := datasets.FitStandardizer(trainSet.X)

	act := layer.Tanh{}
	net := layer.MLP([]int{2, 12, 1}, act, layer.XavierUniform{}, rng)
	loss := layer.BCEWithLogitsLoss{}
	cfg := optim.DefaultAdamConfig()
	cfg.LR = 0.02
	opt, _ := optim.NewAdam(net.Parameters(), cfg)
	tr := &train.Trainer{Net: net, Loss: loss, Optimizer: opt, Epochs: 60, BatchSize: 32, Shuffle: true, Seed: 3}
	data := train.ClassificationData(trainSet, loss, 1)
	data.X = std.Transform(data.X)
	if _, err := tr.Fit(context.Background(), data, nil); err != nil {
		fmt.Println(err)
		return
	}

	model, err := train.NewModel(net, loss, all, &std)
	if err != nil {
		fmt.Println(err)
		return
	}
	probs := model.PredictProba(testSet.X)
	scores := make([]float64, probs.Rows())
	for i := range scores {
		scores[i] = probs.At(i, 1)
	}
	curve, err := metrics.ROC(testSet.Y, scores)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("AUC %.2f\n", metrics.AUC(curve))
	// The curve starts at (0, 0) and ends at (1, 1).
	last := len(curve.FPR) - 1
	fmt.Println(curve.FPR[0], curve.TPR[0], curve.FPR[last], curve.TPR[last])
	// Output:
	// AUC 0.99
	// 0 0 1 1
}

// The main path without a Trainer: build an MLP, and repeat forward, loss,
// backward and an optimizer step, here on the four points of XOR.
func Example_trainingLoop() {
	x := tensor.New([]float64{0, 0, 0, 1, 1, 0, 1, 1}, 4, 2)
	y := tensor.New([]float64{0, 1, 1, 0}, 4, 1)

	rng := rand.New(rand.NewPCG(1, 1))
	net := layer.MLP([]int{2, 8, 1}, layer.Tanh{}, layer.XavierUniform{}, rng)
	loss := layer.BCEWithLogitsLoss{}
	cfg := optim.DefaultAdamConfig()
	cfg.LR = 0.05
	opt, _ := optim.NewAdam(net.Parameters(), cfg)
	for step := range 300 {
		opt.ZeroGrad()
		l := loss.Forward(net.Forward(autograd.Const(x)), y)
		l.Backward()
		opt.Step()
		if step == 0 {
			fmt.Printf("first loss %.2f\n", l.Item())
		}
	}
	// Predict records no graph; the outputs are logits.
	for i, logit := range net.Predict(x).Data() {
		class := 0
		if logit > 0 {
			class = 1
		}
		fmt.Printf("%v -> %d\n", x.Row(i), class)
	}
	// Output:
	// first loss 0.71
	// [0 0] -> 0
	// [0 1] -> 1
	// [1 0] -> 1
	// [1 1] -> 0
}

// Save a model and load it back in another program: the file holds the
// weights and everything needed to use them on raw inputs.
func ExampleLoadModel() {
	rng := rand.New(rand.NewPCG(5, 5))
	act, _ := layer.ParseActivation("leaky_relu:0.1")
	net := layer.MLP([]int{3, 8, 3}, act, layer.HeNormal{}, rng)
	// NewModel reads only the names of a data set: one made of them will do.
	names := &datasets.Dataset{Classes: []string{"setosa", "versicolor", "virginica"}, Features: []string{"a", "b", "c"}}
	m, err := train.NewModel(net, layer.CrossEntropyLoss{}, names, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	dir, _ := os.MkdirTemp("", "nnlab-example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "iris.safetensors")
	if err := m.Save(path); err != nil {
		fmt.Println(err)
		return
	}
	loaded, err := train.LoadModel(path)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(loaded.Sizes, loaded.Activation, loaded.Loss, loaded.Classes)

	_, err = train.LoadModel(filepath.Join(dir, "missing.safetensors"))
	fmt.Println(err != nil)
	// Output:
	// [3 8 3] leaky_relu:0.1 cross_entropy [setosa versicolor virginica]
	// true
}

// Train, save, load and predict: NewModel takes what the network was
// trained with (the network, the loss, the data set and its
// standardisation), and the loaded model predicts class names from raw
// features, standardising them itself.
func ExampleNewModel() {
	rng := rand.New(rand.NewPCG(1, 2))
	all := datasets.Moons(400, 0.1, rng)
	std := datasets.FitStandardizer(all.X)
	net := layer.MLP([]int{2, 16, 1}, layer.Tanh{}, layer.XavierUniform{}, rng)
	loss := layer.BCEWithLogitsLoss{}
	cfg := optim.DefaultAdamConfig()
	cfg.LR = 0.02
	opt, _ := optim.NewAdam(net.Parameters(), cfg)
	data := train.ClassificationData(all, loss, 1)
	data.X = std.Transform(all.X) // the network trains on standardised rows
	tr := &train.Trainer{Net: net, Loss: loss, Optimizer: opt, Epochs: 50, BatchSize: 32, Shuffle: true, Seed: 1}
	if _, err := tr.Fit(context.Background(), data, nil); err != nil {
		fmt.Println(err)
		return
	}

	model, err := train.NewModel(net, loss, all, &std)
	if err != nil {
		fmt.Println(err)
		return
	}
	dir, _ := os.MkdirTemp("", "nnlab-example")
	defer os.RemoveAll(dir)
	if err := model.Save(dir); err != nil { // writes dir/model.safetensors
		fmt.Println(err)
		return
	}
	loaded, err := train.LoadModel(dir)
	if err != nil {
		fmt.Println(err)
		return
	}
	raw := tensor.New([]float64{-1, 0.2, 2, 0.2}, 2, 2) // raw features, as in the data set
	fmt.Println(loaded.Predict(raw))
	ev, _ := loaded.Evaluate(all)
	fmt.Printf("accuracy %.2f\n", ev.Accuracy)
	// Output:
	// [0 1]
	// accuracy 0.99
}

// stepCounter is a Callback of the user's own: it embeds NopCallback and
// implements only the events it needs.
type stepCounter struct {
	train.NopCallback
	steps int
}

func (c *stepCounter) StepEnd(train.StepInfo) error { c.steps++; return nil }

func (c *stepCounter) FitEnd(h *train.History, err error) {
	fmt.Printf("%d epochs, %d steps, error %v\n", h.Len(), c.steps, err)
}

// Callbacks watch a run and compose: here a step counter of the user's own
// and, on a terminal, a progress bar. The Trainer itself writes nothing.
func ExampleCallback() {
	rng := rand.New(rand.NewPCG(1, 2))
	all := datasets.Circle(200, 0.1, rng)
	net := layer.MLP([]int{2, 8, 1}, layer.ReLU{}, layer.HeNormal{}, rng)
	loss := layer.BCEWithLogitsLoss{}
	opt, _ := optim.NewAdam(net.Parameters(), optim.AdamConfig{LR: 0.01})
	tr := &train.Trainer{Net: net, Loss: loss, Optimizer: opt, Epochs: 3, BatchSize: 50}
	tr.Callbacks = append(tr.Callbacks, &stepCounter{})
	if fi, err := os.Stderr.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
		tr.Callbacks = append(tr.Callbacks, train.NewProgressBar(os.Stderr))
	}
	if _, err := tr.Fit(context.Background(), train.ClassificationData(all, loss, 1), nil); err != nil {
		fmt.Println(err)
	}
	// Output:
	// 3 epochs, 12 steps, error <nil>
}
