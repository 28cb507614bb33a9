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
		bestTable[act] = map[string]any{"lr": a.bestLR[act], "epochs": a.best[act]}
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
	ns, nv, nl := len(d.seeds), len(cvInitVariants), len(s.LRs)
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
			for si := range ns {
				c := cells[(ai*nv+vi)*ns+si]
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
			// target, then the smaller rate (the grid's order).
			if b, ok := a.best[act]; !ok || float64(st.Median) < float64(b.Median) ||
				float64(st.Median) == float64(b.Median) && st.Reached > b.Reached {
				a.best[act], a.bestLR[act] = st, lr
			}
		}
	}
	return a, nil
}

// verdict applies the rule: relu's gradients must not vanish, and relu
// must be MuchFaster than tanh and than sigmoid; all three (yes), some
// (partly) or none (no).
func (d *cvDesign) verdict(a *cvFound) Verdict {
	s, t := d.s, cvText
	relu := float64(a.ratio["recommended"]["relu"].Median)
	noVanish := relu >= s.VanishBelow
	ep := func(act string) float64 { return float64(a.best[act].Median) }
	faster := func(act string) bool { return ep("relu")*s.MuchFaster <= ep(act) && !math.IsInf(ep("relu"), 1) }
	fasterTanh, fasterSigmoid := faster("tanh"), faster("sigmoid")
	count := 0
	for _, ok := range []bool{noVanish, fasterTanh, fasterSigmoid} {
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
	parts := []text{d.explainGradients(a)}
	var en, zh []string
	for _, act := range s.Activations {
		word := plain(num(ep(act)))
		if math.IsInf(ep(act), 1) {
			word = t.never
		}
		en, zh = append(en, act+" "+word.en), append(zh, act+" "+word.zh)
	}
	parts = append(parts, t.speed.f(100*s.Target, text{strings.Join(en, ", "), strings.Join(zh, "，")}, s.MaxEpochs))
	switch {
	case fasterTanh && fasterSigmoid:
		parts = append(parts, t.fasterBoth.f(s.MuchFaster))
	case fasterSigmoid:
		parts = append(parts, t.fasterSigmoid.f(s.MuchFaster))
	case fasterTanh:
		parts = append(parts, t.fasterTanh.f(s.MuchFaster))
	default:
		parts = append(parts, t.fasterNeither.f(s.MuchFaster))
	}
	rule := t.rule.f(s.GradLayers-1, s.VanishBelow, s.VanishBelow, s.MuchFaster)
	return verdict(holds, joinText(parts...), rule)
}

// explainGradients describes the gradient ratios at initialisation.
func (d *cvDesign) explainGradients(a *cvFound) text {
	s, t := d.s, cvText
	rec := a.ratio["recommended"]
	relu := float64(rec["relu"].Median)
	why := t.gradOK.f(num(relu), s.GradLayers-2, num(float64(rec["tanh"].Median)), num(float64(rec["sigmoid"].Median)))
	if relu < s.VanishBelow {
		why = t.gradVanishes.f(num(relu), s.VanishBelow)
	}
	if torchRelu := float64(a.ratio["torch"]["relu"].Median); torchRelu < s.VanishBelow {
		why = joinText(why, t.torchInit.f(num(torchRelu), s.VanishBelow))
	}
	if tanh := float64(rec["tanh"].Median); tanh >= s.VanishBelow {
		why = joinText(why, t.notSpecial.f(num(tanh)))
	}
	return why
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
		et.rows = append(et.rows, []text{plain(act), plain(lrKey(a.bestLR[act])), a.best[act].cell()})
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
			t.setupGrad.f(s.GradLayers, s.GradWidth, s.GradLayers-1, s.GradSamples, s.GradData.Name),
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
	for _, act := range s.Activations {
		sr := plots.Series{Name: act}
		for _, lr := range s.LRs {
			sr.X = append(sr.X, lr)
			sr.Y = append(sr.Y, float64(a.byLR[act][lrKey(lr)].Median))
			reached = reached || !math.IsInf(sr.Y[len(sr.Y)-1], 0)
		}
		series = append(series, sr)
	}
	if !reached {
		r.doc.notes = append(r.doc.notes, t.noEpochsFigure)
		return nil
	}
	if err := plots.Lines(filepath.Join(dir, "epochs_vs_lr.png"), fmt.Sprintf("Epochs to %.0f%% training accuracy (missing: not reached)", 100*s.Target),
		"learning rate (log scale)", "epochs (median over seeds)", true, false, series); err != nil {
		return err
	}
	r.addFigure("epochs_vs_lr.png", t.epochsCaption)
	return nil
}
