package experiments

import (
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/nnlab/nnlab/train/metrics"
	"github.com/nnlab/nnlab/train/plots"
)

// raRandomRow is the random scorers of one test-set size over all seeds.
type raRandomRow struct {
	Mean     Stats `json:"mean"`
	SD       Stats `json:"sd"`
	Within   Stats `json:"within_band"`
	TheorySD Num   `json:"theory_sd"`
	// Pooled over all seeds' scorers.
	PooledMean Num `json:"pooled_mean"`
	PooledSD   Num `json:"pooled_sd"`
	// Expected is the mean AUC over all random scorers with its 95%
	// bootstrap interval over seeds (of the per-seed means): the
	// expectation the claim is about.
	Expected Estimate `json:"expected_auc"`
	// ChanceLo and ChanceHi are the central 95% of single scorers' AUCs
	// (per seed, then median and interval over seeds).
	ChanceLo Stats `json:"chance_lo"`
	ChanceHi Stats `json:"chance_hi"`
}

// raThresholdRow is the trained model at one threshold over all seeds.
type raThresholdRow struct {
	Threshold float64 `json:"threshold"`
	TPR       Stats   `json:"tpr"`
	FPR       Stats   `json:"fpr"`
	Precision Stats   `json:"precision"`
}

// raFound is what the cells of roc-auc add up to.
type raFound struct {
	random          map[string]raRandomRow // by test-set size
	meanOK, sdOK    bool
	sdRatios        []float64
	aucs, perfect   []float64
	rnd             []float64 // the random scorer on the trained model's test labels
	defErr          float64
	monotone        bool
	diverged        int
	thresholds      []raThresholdRow
	curves          []namedROC
	testN           int
	head            raRandomRow // the random scorers at the size testN
	trained, perfAU Stats
}

func (d *raDesign) finish(raw []json.RawMessage, dir string) (*Result, error) {
	a, err := d.aggregate(raw)
	if err != nil {
		return nil, err
	}
	r := &Result{Tables: map[string]any{
		"random_auc_mean": a.head.PooledMean, "random_auc_sd": a.head.PooledSD, "theory_sd": a.head.TheorySD,
		"random_auc": a.random, "trained_auc": a.trained, "perfect_auc": a.perfAU,
		"random_scorer_on_test_auc": summarize(a.rnd), "thresholds": a.thresholds,
		"roc_definition_error": Num(a.defErr), "diverged": a.diverged,
	}}
	r.Verdict = d.verdict(a)
	r.doc = d.report(a)
	if dir != "" && a.curves != nil {
		if err := d.figures(a, dir, r); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// aggregate sums up the cells: the random scorers by size, then the
// trained models.
func (d *raDesign) aggregate(raw []json.RawMessage) (*raFound, error) {
	ns := len(d.seeds)
	randoms, err := decodeCells[raRandom](raw[:ns])
	if err != nil {
		return nil, err
	}
	trained, err := decodeCells[raTrained](raw[ns:])
	if err != nil {
		return nil, err
	}
	a := &raFound{random: map[string]raRandomRow{}, meanOK: true, sdOK: true, monotone: true}
	d.aggregateRandom(a, randoms)
	d.aggregateTrained(a, trained)
	var ok bool
	if a.head, ok = a.random[strconv.Itoa(a.testN)]; !ok {
		return nil, fmt.Errorf("test set of %d samples is not among the random sizes %v", a.testN, d.s.RandomSizes)
	}
	a.trained, a.perfAU = summarize(a.aucs), summarize(a.perfect)
	return a, nil
}

func (d *raDesign) aggregateRandom(a *raFound, randoms []raRandom) {
	s, ns := d.s, len(d.seeds)
	for k, n := range s.RandomSizes {
		var m, sd, w, clo, chi []float64
		var pm, pv float64
		for _, c := range randoms {
			m, sd, w = append(m, float64(c.Mean[k])), append(sd, float64(c.SD[k])), append(w, float64(c.Within[k]))
			clo, chi = append(clo, float64(c.Lo[k])), append(chi, float64(c.Hi[k]))
			pm += float64(c.Mean[k]) / float64(ns)
			pv += float64(c.SD[k]*c.SD[k]) / float64(ns)
		}
		th := theorySD(n/2, n-n/2)
		row := raRandomRow{Mean: summarize(m), SD: summarize(sd), Within: summarize(w), TheorySD: Num(th),
			PooledMean: Num(pm), PooledSD: Num(math.Sqrt(pv)), Expected: meanEstimate(m),
			ChanceLo: summarize(clo), ChanceHi: summarize(chi)}
		a.random[strconv.Itoa(n)] = row
		if !(float64(row.Expected.Lo) >= 0.5-s.ExpectedBand && float64(row.Expected.Hi) <= 0.5+s.ExpectedBand) {
			a.meanOK = false
		}
		ratio := math.Sqrt(pv) / th
		a.sdRatios = append(a.sdRatios, ratio)
		if math.Abs(ratio-1) > 0.1 {
			a.sdOK = false
		}
	}
}

func (d *raDesign) aggregateTrained(a *raFound, trained []raTrained) {
	nt := len(d.s.Thresholds)
	tprs, fprs, precs := make([][]float64, nt), make([][]float64, nt), make([][]float64, nt)
	nPos, nNeg := 0, 0
	for _, c := range trained {
		if c.Diverged {
			a.diverged++
			continue
		}
		a.aucs, a.perfect, a.rnd = append(a.aucs, float64(c.AUC)), append(a.perfect, float64(c.PerfectAUC)), append(a.rnd, float64(c.RandomAUC))
		a.defErr = math.Max(a.defErr, float64(c.DefError))
		a.monotone = a.monotone && c.Monotone
		for k := range nt {
			tprs[k], fprs[k], precs[k] = append(tprs[k], float64(c.TPR[k])), append(fprs[k], float64(c.FPR[k])), append(precs[k], float64(c.Precision[k]))
		}
		if c.Curves != nil {
			a.curves = c.Curves
		}
		nPos, nNeg = c.NPos, c.NNeg
	}
	for k, t := range d.s.Thresholds {
		a.thresholds = append(a.thresholds, raThresholdRow{t, summarize(tprs[k]), summarize(fprs[k]), summarize(precs[k])})
	}
	a.testN = nPos + nNeg
}

// verdict applies the rule: the curve must match the definitions, the
// perfect scorer score 1, and the expected AUC of a random scorer lie,
// with its interval, within ExpectedBand of 0.5 at every size; all three
// (yes), none (no) or some (partly).
func (d *raDesign) verdict(a *raFound) Verdict {
	s, t := d.s, raText
	curveOK := a.defErr <= 1e-12 && a.monotone && len(a.aucs) > 0
	perfectOK := a.perfAU.N > 0 && float64(a.perfAU.Min) == 1
	count := 0
	for _, ok := range []bool{curveOK, perfectOK, a.meanOK} {
		if ok {
			count++
		}
	}
	holds := HoldsPartly
	switch count {
	case 3:
		holds = HoldsYes
	case 0:
		holds = HoldsNo
	}
	curveText := t.curveOK.f(num(a.defErr))
	if !curveOK {
		curveText = t.curveBad.f(num(a.defErr), a.monotone)
	}
	meanText := t.meanOK
	if !a.meanOK {
		meanText = t.meanBad
	}
	var exp, chance []text
	for _, n := range s.RandomSizes {
		row := a.random[strconv.Itoa(n)]
		exp = append(exp, tf("%d: %s", "%d：%s", n, ciText(row.Expected, 4)))
		chance = append(chance, tf("%.2f–%.2f on %d", "%[3]d 个样本上 %.2[1]f–%.2[2]f", float64(row.ChanceLo.Median), float64(row.ChanceHi.Median), n))
	}
	why := joinText(curveText,
		t.auc.f(statsCell(a.perfAU, 3), statsCell(a.trained, 3)),
		meanText.f(listText(exp), s.ExpectedBand),
		t.spread.f(listText(chance), 100*float64(a.head.Within.Median), s.Band, a.testN))
	if !a.sdOK {
		why = joinText(why, t.sdOff.f(numList(a.sdRatios)))
	}
	return verdict(holds, why, t.rule.f(s.ExpectedBand))
}

// listText joins texts with commas.
func listText(ts []text) text {
	var en, zh []string
	for _, t := range ts {
		en, zh = append(en, t.en), append(zh, t.zh)
	}
	return text{strings.Join(en, ", "), strings.Join(zh, "，")}
}

// report writes the setup, the tables and the notes.
func (d *raDesign) report(a *raFound) reportDoc {
	s, t := d.s, raText
	head := a.head
	st := mdTable{key: "random_auc_mean, random_auc_sd, theory_sd, trained_auc, perfect_auc, roc_definition_error",
		title: t.headlineTitle.f(a.testN), header: t.headlineHeader,
		rows: [][]text{
			{plain("random_auc_mean"), estimateCell(head.Expected, 4)},
			{plain("random_auc_sd"), plain(fixed(float64(head.PooledSD), 4))},
			{plain("theory_sd"), plain(fixed(float64(head.TheorySD), 4))},
			{plain("trained_auc"), statsCell(a.trained, 3)},
			{plain("perfect_auc"), statsCell(a.perfAU, 3)},
			{plain("random_scorer_on_test_auc"), statsCell(summarize(a.rnd), 3)},
			{plain("roc_definition_error"), plain(num(a.defErr))},
		}}
	rt := mdTable{key: "random_auc", title: t.randomTitle, header: append(slices.Clone(t.randomHeader), t.chanceHeader, t.withinHeader.f(s.Band))}
	for _, n := range s.RandomSizes {
		row := a.random[strconv.Itoa(n)]
		rt.rows = append(rt.rows, []text{plain(strconv.Itoa(n)), estimateCell(row.Expected, 4), plain(fixed(float64(row.PooledSD), 4)),
			plain(fixed(float64(row.TheorySD), 4)), plain(fixed(float64(row.ChanceLo.Median), 3) + "–" + fixed(float64(row.ChanceHi.Median), 3)),
			statsCell(row.Within, 3)})
	}
	tt := mdTable{key: "thresholds", title: t.thresholdsTitle, header: t.thresholdsHeader}
	for _, row := range a.thresholds {
		tt.rows = append(tt.rows, []text{plain(fmt.Sprint(row.Threshold)), statsCell(row.TPR, 3), statsCell(row.FPR, 3), statsCell(row.Precision, 3)})
	}
	return reportDoc{
		setup: []text{
			t.setupRandom.f(s.Scorers, s.RandomSizes),
			t.setupTrained.f(s.Sizes, s.Init, s.Data.Name, s.Data.N, s.Data.Noise, s.Optimizer.LR, s.BatchSize, s.Epochs),
		},
		tables: []mdTable{st, rt, tt},
		notes:  []text{t.divergedNote.f(a.diverged, len(d.seeds))},
	}
}

// figures draws the first seed's ROC curves into dir.
func (d *raDesign) figures(a *raFound, dir string, r *Result) error {
	var nc []plots.NamedCurve
	for _, c := range a.curves {
		nc = append(nc, plots.NamedCurve{Name: c.Name, Curve: metrics.ROCCurve{FPR: floats(c.FPR), TPR: floats(c.TPR)}, AUC: float64(c.AUC)})
	}
	if err := plots.ROC(filepath.Join(dir, "roc.png"), nc, fmt.Sprintf("ROC on %d test samples (seed %d)", a.testN, d.seeds[0])); err != nil {
		return err
	}
	r.addFigure("roc.png", raText.rocCaption.f(d.seeds[0]))
	return nil
}
