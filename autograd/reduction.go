package autograd

import "fmt"

// Reduction says how a loss turns per-element losses into its result, as
// PyTorch's reduction argument does.
type Reduction int

const (
	// ReduceMean averages (PyTorch's default, and the zero value).
	ReduceMean Reduction = iota
	// ReduceSum adds.
	ReduceSum
	// ReduceNone keeps one loss per element (per sample for class losses).
	ReduceNone
)

// String returns PyTorch's name for the reduction.
func (r Reduction) String() string {
	switch r {
	case ReduceMean:
		return "mean"
	case ReduceSum:
		return "sum"
	case ReduceNone:
		return "none"
	}
	return fmt.Sprintf("Reduction(%d)", int(r))
}

// ParseReduction maps PyTorch's names "mean", "sum" and "none" to a
// Reduction.
func ParseReduction(s string) (Reduction, error) {
	switch s {
	case "mean":
		return ReduceMean, nil
	case "sum":
		return ReduceSum, nil
	case "none":
		return ReduceNone, nil
	}
	return 0, fmt.Errorf("unknown reduction %q (want mean, sum or none)", s)
}
