package train

import (
	"fmt"
	"math"
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
