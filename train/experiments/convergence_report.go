package experiments

import (
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"strings"

	"github.com/nnlab/nnlab/train/plots"
)

// cvFound is what the cells of convergence add up to.
type cvFound struct {
	// By initialiser variant ("recommended", "torch"), then activation.
	ratio    map[string]map[string]Stats
	layerRMS map[string]map[string][]Stats
	// By activation, then learning rate (lrKey).
	byLR     map[string]map[string]epochStats
	diverged map[string]map[string]int
	// Each activation at its best learning rate.
	best   map[string]epochStats
	bestLR map[string]float64
}

func (d *cvDesign) finish(raw []json.RawMessage, dir string) (*Result, error) {
	a, err := d.aggregate(raw)
	if err != nil {
		return nil, err
	}
	bestTable := map[string]any{}
	for _, act := range d.s.Activations {
		bestTable[act] = map[string]any{"lr": Num(a.bestLR[act]), "epochs": a.best[act]}
	}
	r := &Result{Tables: map[string]any{
		"grad_ratio": a.ratio["recommended"], "grad_ratio_torch_init": a.ratio["torch"],
		"grad_rms_per_layer": a.layerRMS, "epochs_to_target": bestTable, "epochs_by_lr": a.byLR, "diverged": a.diverged,
	}}
	r.Verdict = d.verdict(a)
	r.doc = d.report(a)
	if dir != "" {
		if err := d.figures(a, dir, r); err != nil {
			return nil, err
		}
	}
	return r, nil
}

func (d *cvDesign) aggregate(raw []json.RawMessage) (*cvFound, error) {
	cells, err := decodeCells[cvCell](raw)
	if err != nil {
		return nil, err
	}
	s := d.s
	ns, nv, nl, ng := len(d.seeds), len(cvInitVariants), len(s.LRs), s.GradSeeds
	a := &cvFound{ratio: map[string]map[string]Stats{}, layerRMS: map[string]map[string][]Stats{},
		byLR: map[string]map[string]epochStats{}, diverged: map[string]map[string]int{},
		best: map[string]epochStats{}, bestLR: map[string]float64{}}
	for _, v := range cvInitVariants {
		a.ratio[v], a.layerRMS[v] = map[string]Stats{}, map[string][]Stats{}
	}
	for ai, act := range s.Activations {
		for vi, v := range cvInitVariants {
			var rs []float64
			var layers [][]float64
			for si := range ng {
				c := cells[(ai*nv+vi)*ng+si]
				rs = append(rs, float64(c.Ratio))
				layers = append(layers, floats(c.LayerRMS))
			}
			a.ratio[v][act] = summarize(rs)
			a.layerRMS[v][act] = perLayerStats(layers, s.GradLayers)
		}
	}
	runs := cells[d.gradCells():]
	for ai, act := range s.Activations {
		a.byLR[act], a.diverged[act] = map[string]epochStats{}, map[string]int{}
		for li, lr := range s.LRs {
			var es []float64
			for si := range ns {
				c := runs[(ai*nl+li)*ns+si]
				es = append(es, float64(c.Epochs))
				if c.Diverged {
					a.diverged[act][lrKey(lr)]++
				}
			}
			st := summarizeEpochs(es)
			a.byLR[act][lrKey(lr)] = st
			// Best: the smallest median, then the most runs reaching the
			// target, then the smaller rate (the grid's order). A rate at
			// which half the runs or more never got there is no best rate.
			b, ok := a.best[act]
			if !math.IsInf(float64(st.Median), 1) && (!ok || float64(st.Median) < float64(b.Median) ||
				float64(st.Median) == float64(b.Median) && st.Reached > b.Reached) {
				a.best[act], a.bestLR[act] = st, lr
			}
		}
		if _, ok := a.best[act]; !ok {
			// Never got there: the best of the failures, for its counts,
			// and no learning rate.
			a.best[act], a.bestLR[act] = mostReached(a.byLR[act], s.LRs), math.NaN()
		}
	}
	return a, nil
}

// mostReached is the learning rate's stats with the most runs reaching
// the target (the first such in the grid's order).
func mostReached(byLR map[string]epochStats, lrs []float64) epochStats {
	best := byLR[lrKey(lrs[0])]
	for _, lr := range lrs[1:] {
		if st := byLR[lrKey(lr)]; st.Reached > best.Reached {
			best = st
		}
	}
	return best
}

// verdict applies the rule: the gradient clause is judged under each
// initialisation (relu's median grad_ratio at least VanishBelow), the
// speed clause apart (relu MuchFaster than tanh and than sigmoid); yes if
// the gradient clause holds under both initialisations and the speed
// clause holds, no if neither clause holds under any, partly otherwise.
func (d *cvDesign) verdict(a *cvFound) Verdict {
	s, t := d.s, cvText
	gradHolds := 0
	for _, v := range cvInitVariants {
		if float64(a.ratio[v]["relu"].Median) >= s.VanishBelow {
			gradHolds++
		}
	}
	ep := func(act string) float64 { return float64(a.best[act].Median) }
	faster := func(act string) bool { return ep("relu")*s.MuchFaster <= ep(act) && !math.IsInf(ep("relu"), 1) }
	fasterTanh, fasterSigmoid := faster("tanh"), faster("sigmoid")
	speed := fasterTanh && fasterSigmoid
	holds := HoldsPartly
	switch {
	case gradHolds == len(cvInitVariants) && speed:
		holds = HoldsYes
	case gradHolds == 0 && !speed:
		holds = HoldsNo
	}
	parts := []text{d.explainGradients(a)}
	var en, zh []string
	for _, act := range s.Activations {
		word := t.never
		if !math.IsInf(ep(act), 1) {
			e := a.best[act]
			word = tf("%s at lr %s", "%s（lr %s）", plain(fmt.Sprintf("%s [%s, %s]", num(ep(act)), epochWord(e.Lo).en, epochWord(e.Hi).en)), lrKey(a.bestLR[act]))
			word.zh = fmt.Sprintf("%s [%s, %s]（lr %s）", num(ep(act)), epochWord(e.Lo).zh, epochWord(e.Hi).zh, lrKey(a.bestLR[act]))
		}
		en, zh = append(en, act+" "+word.en), append(zh, act+" "+word.zh)
	}
	parts = append(parts, t.speed.f(100*s.Target, text{strings.Join(en, ", "), strings.Join(zh, "，")}, s.MaxEpochs))
	switch {
	case speed:
		parts = append(parts, t.fasterBoth.f(s.MuchFaster))
	case fasterSigmoid:
		parts = append(parts, t.fasterSigmoid.f(s.MuchFaster))
	case fasterTanh:
		parts = append(parts, t.fasterTanh.f(s.MuchFaster))
	default:
		parts = append(parts, t.fasterNeither.f(s.MuchFaster))
	}
	rule := t.rule.f(s.GradLayers-1, s.VanishBelow, s.GradSeeds, s.VanishBelow, s.MuchFaster)
	return verdict(holds, joinText(parts...), rule)
}

// epochWord writes an epoch count, or "never" for +Inf.
func epochWord(v Num) text {
	if math.IsInf(float64(v), 0) || math.IsNaN(float64(v)) {
		return cvText.never
	}
	return plain(fixed(float64(v), 0))
}

// explainGradients describes the gradient ratios at initialisation, under
// each initialisation.
func (d *cvDesign) explainGradients(a *cvFound) text {
	s, t := d.s, cvText
	ci := func(v, act string) text { return ciG(a.ratio[v][act].interval()) }
	var parts []text
	for _, v := range cvInitVariants {
		name := t.initNames[v]
		relu := float64(a.ratio[v]["relu"].Median)
		msg := t.gradOK
		if relu < s.VanishBelow {
			msg = t.gradVanishes
		}
		parts = append(parts, msg.f(name, ci(v, "relu"), s.VanishBelow, ci(v, "tanh"), ci(v, "sigmoid")))
	}
	return joinText(append(parts, t.dependsOnInit)...)
}

// ciG writes an estimate with its interval in 3 significant digits.
func ciG(e Estimate) text {
	return tf("%s (95%% CI %s, %s)", "%s（95%% 置信区间 %s, %s）", num(float64(e.Value)), num(float64(e.Lo)), num(float64(e.Hi)))
}

// report writes the setup, the tables and the notes.
func (d *cvDesign) report(a *cvFound) reportDoc {
	s, t := d.s, cvText
	gt := mdTable{key: "grad_ratio", title: t.gradTitle, header: t.gradHeader}
	et := mdTable{key: "epochs_to_target", title: t.epochsTitle.f(100 * s.Target), header: t.epochsHeader}
	lt := mdTable{key: "epochs_by_lr", title: t.byLRTitle, header: append([]text(nil), t.byLRHeader...)}
	for _, lr := range s.LRs {
		lt.header = append(lt.header, plain("lr "+lrKey(lr)))
	}
	for _, act := range s.Activations {
		gt.rows = append(gt.rows, []text{plain(act), plain(s.Inits[act]), statsCellG(a.ratio["recommended"][act]), statsCellG(a.ratio["torch"][act])})
		bestLR := plain(lrKey(a.bestLR[act]))
		if math.IsNaN(a.bestLR[act]) {
			bestLR = t.noBest
		}
		et.rows = append(et.rows, []text{plain(act), bestLR, a.best[act].cell()})
		row := []text{plain(act)}
		for _, lr := range s.LRs {
			st := a.byLR[act][lrKey(lr)]
			m := float64(st.Median)
			cell := fmt.Sprintf("%s (%d/%d)", fixed(m, 0), st.Reached, st.Runs)
			if math.IsInf(m, 1) {
				cell = fmt.Sprintf("— (%d/%d)", st.Reached, st.Runs)
			}
			if n := a.diverged[act][lrKey(lr)]; n > 0 {
				cell += fmt.Sprintf(" ×%d", n)
			}
			row = append(row, plain(cell))
		}
		lt.rows = append(lt.rows, row)
	}
	return reportDoc{
		setup: []text{
			t.setupGrad.f(s.GradLayers, s.GradWidth, s.GradLayers-1, s.GradSamples, s.GradData.Name, s.GradSeeds,
				s.GradData.N*4/3, s.GradData.Noise, testFraction*100),
			t.setupSpeed.f(s.Sizes, s.Data.Name, s.Data.N, s.Optimizer.Momentum, s.BatchSize, s.Target, s.MaxEpochs, s.LRs),
		},
		tables: []mdTable{gt, et, lt},
		notes:  []text{t.note},
	}
}

// figures draws the gradient per layer and, if any activation reached
// the target, the epochs against the learning rate into dir.
func (d *cvDesign) figures(a *cvFound, dir string, r *Result) error {
	s, t := d.s, cvText
	var series []plots.Series
	for _, act := range s.Activations {
		series = append(series, layerSeries(act, a.layerRMS["recommended"][act]))
	}
	if err := plots.Lines(filepath.Join(dir, "grad_per_layer.png"), "RMS weight gradient per layer at initialisation (usual init)",
		"dense layer", "RMS gradient (log scale)", false, true, series); err != nil {
		return err
	}
	r.addFigure("grad_per_layer.png", t.gradCaption)
	series = series[:0]
	reached := false
	for k, act := range s.Activations {
		sr := plots.Series{Name: act, Group: act}
		never := plots.Series{Name: act + ": never (at the cap)", Group: act, Marks: true}
		// Crosses of different activations at one rate would hide one
		// another: each sits a little above the cap, in its own row.
		capY := float64(s.MaxEpochs) * (1 + 0.025*float64(k))
		for _, lr := range s.LRs {
			m := float64(a.byLR[act][lrKey(lr)].Median)
			if math.IsInf(m, 0) || math.IsNaN(m) {
				never.X, never.Y = append(never.X, lr), append(never.Y, capY)
				continue
			}
			sr.X, sr.Y = append(sr.X, lr), append(sr.Y, m)
			reached = true
		}
		if len(sr.X) > 0 {
			series = append(series, sr)
		}
		if len(never.X) > 0 {
			series = append(series, never)
		}
	}
	if !reached {
		r.doc.notes = append(r.doc.notes, t.noEpochsFigure)
		return nil
	}
	if err := (plots.Chart{Title: fmt.Sprintf("Epochs to %.0f%% training accuracy (×: half the runs or more never got there in %d)", 100*s.Target, s.MaxEpochs),
		XLabel: "learning rate (log scale)", YLabel: "epochs (median over seeds)", LogX: true, YFromZero: true,
		Series: series}).Write(filepath.Join(dir, "epochs_vs_lr.png")); err != nil {
		return err
	}
	r.addFigure("epochs_vs_lr.png", t.epochsCaption)
	return nil
}
