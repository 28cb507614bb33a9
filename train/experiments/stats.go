package experiments

import (
	"math"
	"math/rand/v2"
	"slices"
)

// Resamples is the number of bootstrap resamples behind every interval an
// experiment reports.
const Resamples = 2000

// Level is the coverage of every reported interval: 95%.
const Level = 0.95

// bootstrapSeed seeds the generator of every bootstrap, so that an
// interval is a function of its values alone: the same values give the same
// interval in every run, process and order of cells.
const bootstrapSeed = 0x6e6e6c6162

// Stats summarises one measurement over seeds (or over the networks of a
// cell): the median, its 95% percentile-bootstrap interval [Lo, Hi]
// (Resamples resamples of the values, drawn from a fixed seed), the
// minimum and maximum, and how many values they are of. A value that could
// not be measured is left out; with none, all five are NaN (null in JSON).
type Stats struct {
	Median Num `json:"median"`
	Lo     Num `json:"lo"`
	Hi     Num `json:"hi"`
	Min    Num `json:"min"`
	Max    Num `json:"max"`
	N      int `json:"n"`
}

// summarize returns the Stats of the finite values of vs.
func summarize(vs []float64) Stats {
	f := finite(vs)
	if len(f) == 0 {
		nan := Num(math.NaN())
		return Stats{Median: nan, Lo: nan, Hi: nan, Min: nan, Max: nan}
	}
	lo, hi := bootstrapCI(f, median)
	return Stats{Median: Num(median(f)), Lo: Num(lo), Hi: Num(hi), Min: Num(f[0]), Max: Num(f[len(f)-1]), N: len(f)}
}

// finite returns the finite values of vs, sorted, in a new slice.
func finite(vs []float64) []float64 {
	var f []float64
	for _, v := range vs {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			f = append(f, v)
		}
	}
	slices.Sort(f)
	return f
}

// median of sorted values: the mean of the middle two for an even count,
// as numpy.median.
func median(sorted []float64) float64 {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}

// mean of the values.
func mean(vs []float64) float64 {
	s := 0.0
	for _, v := range vs {
		s += v
	}
	return s / float64(len(vs))
}

// bootstrapCI returns the 95% percentile-bootstrap interval of stat over
// the values vs: stat is computed on Resamples resamples (drawn with
// replacement, as many values as vs has) and the interval runs from the
// 2.5th to the 97.5th percentile of those (linear interpolation, as
// numpy.percentile). stat receives each resample sorted. The values are
// sorted first, so the interval does not depend on their order, and the
// generator is seeded by bootstrapSeed, so it does not depend on the run.
// No values give NaN, NaN; one value v gives v, v.
func bootstrapCI(vs []float64, stat func(sorted []float64) float64) (lo, hi float64) {
	n := len(vs)
	if n == 0 {
		return math.NaN(), math.NaN()
	}
	sorted := slices.Sorted(slices.Values(vs))
	rng := rand.New(rand.NewPCG(bootstrapSeed, uint64(n)))
	stats := make([]float64, Resamples)
	re := make([]float64, n)
	for b := range stats {
		for i := range re {
			re[i] = sorted[rng.IntN(n)]
		}
		slices.Sort(re)
		stats[b] = stat(re)
	}
	slices.Sort(stats)
	alpha := (1 - Level) / 2
	return percentile(stats, alpha), percentile(stats, 1-alpha)
}

// percentile of sorted values at q in [0, 1], interpolating linearly
// between neighbours (numpy.percentile's default).
func percentile(sorted []float64, q float64) float64 {
	pos := q * float64(len(sorted)-1)
	i := int(math.Floor(pos))
	if i >= len(sorted)-1 {
		return sorted[len(sorted)-1]
	}
	frac := pos - float64(i)
	if frac == 0 || sorted[i] == sorted[i+1] {
		return sorted[i] // also keeps +Inf (a run that never got there) from making NaN
	}
	return sorted[i] + frac*(sorted[i+1]-sorted[i])
}

// Estimate is a statistic of a measurement over seeds with its 95%
// percentile-bootstrap interval [Lo, Hi] (Resamples resamples, fixed seed),
// and how many values it is of; NaN (null in JSON) when there are none.
type Estimate struct {
	Value Num `json:"value"`
	Lo    Num `json:"lo"`
	Hi    Num `json:"hi"`
	N     int `json:"n"`
}

// meanEstimate is the mean of the finite values of vs with its interval:
// for a claim about an expectation.
func meanEstimate(vs []float64) Estimate {
	f := finite(vs)
	if len(f) == 0 {
		nan := Num(math.NaN())
		return Estimate{Value: nan, Lo: nan, Hi: nan}
	}
	lo, hi := bootstrapCI(f, mean)
	return Estimate{Value: Num(mean(f)), Lo: Num(lo), Hi: Num(hi), N: len(f)}
}

// contains reports whether x lies in the interval [e.Lo, e.Hi].
func (e Estimate) contains(x float64) bool { return float64(e.Lo) <= x && x <= float64(e.Hi) }

// interval returns the median's interval as an Estimate.
func (s Stats) interval() Estimate { return Estimate{Value: s.Median, Lo: s.Lo, Hi: s.Hi, N: s.N} }

// paired returns b[i] − a[i] for every i where both are finite: the
// differences of two measurements taken on the same seeds (same data and
// initialisation), whose median and interval say how the two compare.
func paired(a, b []float64) []float64 {
	var d []float64
	for i := range min(len(a), len(b)) {
		if x := b[i] - a[i]; !math.IsNaN(x) && !math.IsInf(x, 0) {
			d = append(d, x)
		}
	}
	return d
}
