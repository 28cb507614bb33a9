package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train"
	"github.com/nnlab/nnlab/train/safetensors"
)

// Every random source of a run is a PCG generator seeded with --seed on a
// stream of its own, so that changing one use (say, the split) never shifts
// the numbers another use (the generated points) sees, and nothing depends
// on the clock.
const (
	streamData  = 0x6e6e6c6162646174 // "nnlabdat"
	streamSplit = 0x6e6e6c616273706c // "nnlabspl"
	streamInit  = 0x6e6e6c6162696e69 // "nnlabini"
)

func newRand(seed, stream uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, stream)) }

// absPath returns path made absolute, or path itself if that fails.
func absPath(path string) string {
	if a, err := filepath.Abs(path); err == nil {
		return a
	}
	return path
}

// alignFeatures returns ds with its feature columns reordered to want,
// by name; a missing column is an error naming the file.
func alignFeatures(ds *datasets.Dataset, want []string, file string) (*datasets.Dataset, error) {
	idx := make([]int, len(want))
	var missing []string
	for i, name := range want {
		idx[i] = -1
		for j, have := range ds.Features {
			if have == name {
				idx[i] = j
			}
		}
		if idx[i] < 0 {
			missing = append(missing, fmt.Sprintf("%q", name))
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s: missing feature column(s) %s that the model was trained on; the data's features are %s",
			file, strings.Join(missing, ", "), quoteList(ds.Features))
	}
	n, c := ds.X.Rows(), ds.X.Cols()
	x := make([]float64, n*len(want))
	src := ds.X.Data()
	for r := 0; r < n; r++ {
		for i, j := range idx {
			x[r*len(want)+i] = src[r*c+j]
		}
	}
	out := *ds
	out.X = tensor.New(x, n, len(want))
	out.Features = append([]string(nil), want...)
	return &out, nil
}

// relabel maps ds's classes onto the model's by name; a class the model
// does not know is an error.
func relabel(ds *datasets.Dataset, classes []string, file string) (*datasets.Dataset, error) {
	m := make([]int, len(ds.Classes))
	for i, name := range ds.Classes {
		m[i] = -1
		for j, c := range classes {
			if c == name {
				m[i] = j
			}
		}
		if m[i] < 0 {
			return nil, fmt.Errorf("%s: class %q is not one of the model's classes %s", file, name, quoteList(classes))
		}
	}
	out := *ds
	out.Y = make([]int, len(ds.Y))
	for i, y := range ds.Y {
		out.Y[i] = m[y]
	}
	out.Classes = append([]string(nil), classes...)
	return &out, nil
}

// quoteList quotes names for a message, at most 20 of them.
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return boundedList(q, 20)
}

// loadCSVAs reads the labelled CSV file at path with the options opt,
// naming it in messages as the user wrote it. ctx stops the read (a Ctrl-C
// while a pipe is slow).
func loadCSVAs(ctx context.Context, path, name string, opt datasets.CSVOptions) (*datasets.Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return datasets.ReadCSVContext(ctx, f, name, opt)
}

// loadModel reads a model file, hinting at the likely mistake when the
// file is not one.
func loadModel(path string) (*train.Model, error) {
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() && !info.IsDir() {
		return nil, fmt.Errorf("%s: is %s, not a model file ('train fit' writes DIR/model.safetensors)", path, datasets.FileKind(info.Mode()))
	}
	m, err := train.LoadModel(path)
	if errors.Is(err, safetensors.ErrCorrupt) {
		return nil, fmt.Errorf("%v (is it a model file? 'train fit' writes DIR/model.safetensors)", err)
	}
	return m, err
}
