package main

import (
	"fmt"
	"math"
	"strings"

	"github.com/nnlab/nnlab/tensor"
)

// checkFinite reports rows whose class probabilities are NaN or infinite:
// features so large (say ±1e308) that the network's arithmetic overflows.
// Their argmax would be a class picked by NaN, not by the model, so eval
// and predict stop and say which rows (data rows, counted from 1 after the
// header) rather than report it.
func checkFinite(probs *tensor.Tensor, file string) error {
	var bad []int
	for i := range probs.Rows() {
		for _, p := range probs.Row(i) {
			if math.IsNaN(p) || math.IsInf(p, 0) {
				bad = append(bad, i+1)
				break
			}
		}
	}
	if len(bad) == 0 {
		return nil
	}
	const shown = 5
	parts := make([]string, 0, shown+1)
	for _, r := range bad[:min(len(bad), shown)] {
		parts = append(parts, fmt.Sprint(r))
	}
	if len(bad) > shown {
		parts = append(parts, "…")
	}
	return fmt.Errorf("%s: the model's output is NaN or infinite for %d of %d rows (data rows %s): their features are too large for its arithmetic (rescale them)",
		file, len(bad), probs.Rows(), strings.Join(parts, ", "))
}
