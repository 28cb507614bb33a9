package main

import (
	"fmt"

	"github.com/nnlab/nnlab/datasets"
)

// fit's --preset playground: TensorFlow Playground's defaults as flag
// values, each applied only where its flag is not given, so that a flag
// given explicitly wins.

// presetFlags are the flag values of each preset, in order.
var presetFlags = map[string][][2]string{
	"playground": {
		{"data", "circle"},
		{"n", "500"},
		{"noise", "0"},
		{"playground-units", "true"},
		{"no-standardize", "true"},
		{"test", "0.5"},
		{"batch", "10"},
		{"lr", "0.03"},
		{"opt", "sgd"},
		{"act", "tanh"},
		{"hidden", "4,2"},
		{"loss", "tanh_square"},
		{"init", "uniform:-0.5:0.5:0.1"},
	},
}

// applyPreset sets the flags of --preset that were not given.
func (ff *fitFlags) applyPreset() error {
	name := *ff.preset
	if name == "" {
		return nil
	}
	vals, ok := presetFlags[name]
	if !ok {
		return usagef("--preset %q: want playground", name)
	}
	for _, kv := range vals {
		if ff.f.given[kv[0]] {
			continue
		}
		if kv[0] == "n" || kv[0] == "noise" || kv[0] == "playground-units" {
			if d := *ff.data.data; d != "" && isCSVArg(d) {
				continue // built-in data only
			}
		}
		if err := ff.f.fs.Set(kv[0], kv[1]); err != nil {
			return fmt.Errorf("--preset %s: --%s %s: %v", name, kv[0], kv[1], err)
		}
	}
	return nil
}

// playgroundUnits multiplies a built-in set's coordinates by 5 when o
// asks for Playground's own units: the sets are drawn in about [−1, 1]²,
// Playground's in [−6, 6]² (datasets' playgroundScale).
func playgroundUnits(ds *datasets.Dataset, o genOptions) {
	if !o.PlaygroundUnits {
		return
	}
	ds.X.Scale(playgroundScale)
}

// playgroundScale is datasets' factor between Playground's units and its
// sets'.
const playgroundScale = 5

// checkPlaygroundUnits rejects --playground-units with a CSV file.
func (ff *fitFlags) checkPlaygroundUnits(isCSV bool) error {
	if isCSV && ff.f.given["playground-units"] {
		return usagef("--playground-units applies to built-in data sets only, not to the CSV file %s", *ff.data.data)
	}
	return nil
}
