package datasets

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
)

// orderLabels sorts the distinct labels names, numerically when all are
// numbers and by bytes otherwise, and renumbers rows (indices into names in
// place) to index the sorted list, which it returns as the class names.
func orderLabels(names []string, rows []int) (classes []string, y []int) {
	numeric := true
	values := make([]float64, len(names))
	for i, s := range names {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(v) {
			numeric = false
			break
		}
		values[i] = v
	}
	perm := make([]int, len(names)) // perm[k] = first-appearance index of class k
	for i := range perm {
		perm[i] = i
	}
	slices.SortFunc(perm, func(a, b int) int {
		if numeric {
			if c := cmp.Compare(values[a], values[b]); c != 0 {
				return c
			}
		}
		return strings.Compare(names[a], names[b])
	})
	classes = make([]string, len(names))
	rank := make([]int, len(names))
	for k, i := range perm {
		classes[k] = names[i]
		rank[i] = k
	}
	for j, id := range rows {
		rows[j] = rank[id]
	}
	return classes, rows
}
