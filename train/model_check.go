package train

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/tensor"
)

// checkMetadata reports names and standardisation that would make a model
// answer wrongly without a word: a duplicate feature name (a reader would
// feed one column twice), a duplicate class name, and a standardisation
// whose mean is not finite or whose standard deviation is not a finite,
// normal, positive number (a negative one flips the feature, zero or a
// subnormal one blows it up to infinity, NaN makes every prediction NaN).
func (m *Model) checkMetadata() error {
	if err := distinct(MetaClasses, "class", m.Classes); err != nil {
		return err
	}
	if err := distinct(MetaFeatures, "feature", m.Features); err != nil {
		return err
	}
	s := m.Standardizer
	if s == nil {
		return nil
	}
	for j, name := range m.Features {
		if mean := s.Mean[j]; math.IsNaN(mean) || math.IsInf(mean, 0) {
			return fmt.Errorf("%w: metadata %q: the mean of feature %q is %v, want a finite number", ErrBadModel, MetaMean, name, mean)
		}
		if std := s.Std[j]; !(std >= minStd) || math.IsInf(std, 1) {
			return fmt.Errorf("%w: metadata %q: the standard deviation of feature %q is %v, want a finite number >= %v (positive and not subnormal)",
				ErrBadModel, MetaStd, name, std, minStd)
		}
	}
	return nil
}

// minStd is the smallest normal float64: a standard deviation below it is
// subnormal, and dividing by it overflows ordinary values to infinity.
const minStd = 0x1p-1022

// distinct reports the first name that appears twice in a list.
func distinct(key, what string, names []string) error {
	seen := make(map[string]int, len(names))
	for i, n := range names {
		if j, dup := seen[n]; dup {
			return fmt.Errorf("%w: metadata %q: %s names %d and %d are both %q", ErrBadModel, key, what, j+1, i+1, n)
		}
		seen[n] = i
	}
	return nil
}

// loadStandardizer reads the standardisation metadata, if any, for n
// features. The values are read as jsonFloat, so that "NaN" or "+Inf" is
// reported by Validate as the value it is rather than as unreadable.
func loadStandardizer(meta map[string]string, n int) (*datasets.Standardizer, error) {
	if meta[MetaMean] == "" && meta[MetaStd] == "" {
		return nil, nil
	}
	var mean, std []jsonFloat
	if json.Unmarshal([]byte(meta[MetaMean]), &mean) != nil || json.Unmarshal([]byte(meta[MetaStd]), &std) != nil ||
		len(mean) != n || len(std) != n {
		return nil, fmt.Errorf("standardisation metadata must list %d means and %d standard deviations", n, n)
	}
	s := &datasets.Standardizer{Mean: make([]float64, n), Std: make([]float64, n)}
	for j := range mean {
		s.Mean[j], s.Std[j] = float64(mean[j]), float64(std[j])
	}
	return s, nil
}

// loadState decodes and checks a checkpoint's trainer state.
func loadState(raw string) (*State, error) {
	s := &State{}
	if err := json.Unmarshal([]byte(raw), s); err != nil {
		return nil, err
	}
	if err := s.validate(); err != nil {
		return nil, errors.New(strings.TrimPrefix(err.Error(), "train: restored state: "))
	}
	return s, nil
}

// splitTensors parts a file's tensors into the model's weights, the
// optimizer's state and the best epoch's weights (State.BestWeights), their
// prefixes removed. Training stops before a non-finite update, so no file
// it writes holds NaN or infinity in a weight or a best weight; one that
// does would predict NaN without a word. Best weights, if any, must have
// the layout of the model's (see checkLayout): a resumed run loads them
// into its network when it stops.
func splitTensors(all map[string]*tensor.Tensor, sizes []int, period int) (weights, opt, best map[string]*tensor.Tensor, err error) {
	weights, opt, best = map[string]*tensor.Tensor{}, map[string]*tensor.Tensor{}, map[string]*tensor.Tensor{}
	for name, t := range all {
		if rest, ok := strings.CutPrefix(name, optimPrefix); ok {
			opt[rest] = t
		} else if rest, ok := strings.CutPrefix(name, bestPrefix); ok {
			best[rest] = t
		} else {
			weights[name] = t
		}
	}
	for _, name := range sortedKeys(weights) {
		if !weights[name].IsFinite() {
			return nil, nil, nil, fmt.Errorf("tensor %q holds NaN or infinite values; a trained model's weights are finite", name)
		}
	}
	if msg := checkLayout(best, sizes, period); len(best) > 0 && msg != "" {
		return nil, nil, nil, fmt.Errorf("the best epoch's weights (tensors %q…): %s", bestPrefix, msg)
	}
	for _, name := range sortedKeys(best) {
		if !best[name].IsFinite() {
			return nil, nil, nil, fmt.Errorf("tensor %q holds NaN or infinite values; the best epoch's weights are finite", bestPrefix+name)
		}
	}
	return weights, opt, best, nil
}
