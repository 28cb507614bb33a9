package datasets

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
)

// NumericLabel reports whether the class label s is a finite number, and
// if so returns its canonical spelling: the shortest decimal that parses to
// the same value, in plain notation for magnitudes from 1e-6 to 1e21 and
// in exponent notation outside them, with no sign on zero. So "1", "1.0",
// "01" and "+1e0" are all "1", and "0" and "-0" are "0". ReadCSV names the
// classes of a target column whose labels are all numbers this way.
func NumericLabel(s string) (canonical string, ok bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return "", false
	}
	if v == 0 {
		return "0", true
	}
	if a := math.Abs(v); a >= 1e-6 && a < 1e21 {
		return strconv.FormatFloat(v, 'f', -1, 64), true
	}
	return strconv.FormatFloat(v, 'g', -1, 64), true
}

// labelSet collects class labels in order of first appearance.
type labelSet struct {
	index map[string]int // spelling → index into names
	names []string       // the distinct spellings
	rows  []int          // each row's label, an index into names
	// numeric reports whether every label so far is a number; values
	// holds their distinct values while it is, so that "1" and "1.0"
	// count as one class.
	numeric bool
	values  map[float64]struct{}
}

func newLabelSet() *labelSet {
	return &labelSet{index: make(map[string]int), numeric: true, values: make(map[float64]struct{})}
}

// add appends a row labelled s. It returns false, adding nothing, when s
// would make more than MaxClasses classes.
func (l *labelSet) add(s string) bool {
	id, ok := l.index[s]
	if !ok {
		v, err := strconv.ParseFloat(s, 64)
		numeric := l.numeric && err == nil && !math.IsNaN(v) && !math.IsInf(v, 0)
		_, known := l.values[v]
		classes := len(l.names) + 1
		if numeric {
			classes = len(l.values)
			if !known {
				classes++
			}
		}
		if classes > MaxClasses {
			return false
		}
		l.numeric = numeric
		if numeric {
			l.values[v+0] = struct{}{} // +0 folds -0 into 0
		}
		id = len(l.names)
		// Clone so that the map does not pin the whole line.
		s = strings.Clone(s)
		l.index[s] = id
		l.names = append(l.names, s)
	}
	l.rows = append(l.rows, id)
	return true
}

// orderLabels turns the distinct labels names and the rows' indices into
// them (renumbered in place) into classes. When every label is a number,
// labels of equal value are one class, named by NumericLabel, and classes
// are sorted by value; otherwise each label is a class and they are sorted
// by bytes.
func orderLabels(names []string, rows []int) (classes []string, y []int) {
	canon := slices.Clone(names)
	values := make([]float64, len(names))
	numeric := true
	for i, s := range names {
		c, ok := NumericLabel(s)
		if !ok {
			numeric = false
			break
		}
		canon[i] = c
		values[i], _ = strconv.ParseFloat(c, 64)
	}
	if !numeric {
		copy(canon, names)
	}
	perm := make([]int, len(names))
	for i := range perm {
		perm[i] = i
	}
	slices.SortFunc(perm, func(a, b int) int {
		if numeric {
			return cmp.Compare(values[a], values[b])
		}
		return strings.Compare(names[a], names[b])
	})
	rank := make(map[string]int, len(names))
	for _, i := range perm {
		if _, ok := rank[canon[i]]; !ok {
			rank[canon[i]] = len(classes)
			classes = append(classes, canon[i])
		}
	}
	for j, id := range rows {
		rows[j] = rank[canon[id]]
	}
	return classes, rows
}
