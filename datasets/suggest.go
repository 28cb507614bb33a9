package datasets

import (
	"strings"
	"unicode/utf8"
)

// Suggest returns the built-in data set name, classification or
// regression, closest to name, for a "did you mean" hint, or "" when none
// is close; see Closest.
func Suggest(name string) string {
	var names []string
	for _, g := range append(Builtin(), BuiltinRegression()...) {
		names = append(names, g.Name)
	}
	return Closest(name, names)
}

// Closest returns the candidate nearest to name by edit distance
// (insertions, deletions and substitutions of characters, ignoring case),
// or "" when even the nearest needs more than a third of name's length in
// edits (at least one). Ties go to the earlier candidate.
func Closest(name string, candidates []string) string {
	best, bestDist := "", 0
	limit := max(1, utf8.RuneCountInString(name)/3)
	for _, c := range candidates {
		d := editDistance(strings.ToLower(name), strings.ToLower(c))
		if d <= limit && (best == "" || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance returns the Levenshtein distance between a and b in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
