package experiments

import (
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"

	"github.com/nnlab/nnlab/train/plots"
)

// drFound is what the cells of dying-relu add up to.
type drFound struct {
	// sweep is by activation, optimizer and learning rate (lrKey).
	sweep map[string]map[string]map[string]drStats
	// The ReLU cell with the most dead units, of those where most runs
	// did not diverge; peakOpt is "" if there is none.
	peak    float64
	peakOpt string
	peakLR  float64
	low     float64 // the largest median dead fraction at the smallest rate
}

func (d *drDesign) finish(raw []json.RawMessage, dir string) (*Result, error) {
	a, err := d.aggregate(raw)
	if err != nil {
		return nil, err
	}
	relu := a.sweep["relu"]
	pick := func(f func(drStats) any) map[string]map[string]any {
		out := map[string]map[string]any{}
		for o, byLR := range relu {
			out[o] = map[string]any{}
			for lr, st := range byLR {
				out[o][lr] = f(st)
			}
		}
		return out
	}
	controls := map[string]any{}
	for _, act := range d.s.Activations[1:] {
		controls[act] = a.sweep[act]
	}
	r := &Result{Tables: map[string]any{
		"dead_fraction": pick(func(st drStats) any { return st.DeadFraction }),
		"dead_at_init":  pick(func(st drStats) any { return st.DeadAtInit }),
		"died":          pick(func(st drStats) any { return st.Died }),
		"revived":       pick(func(st drStats) any { return st.Revived }),
		"accuracy":      pick(func(st drStats) any { return st.Accuracy }),
		"diverged":      pick(func(st drStats) any { return st.Diverged }),
		"controls":      controls,
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

func (d *drDesign) aggregate(raw []json.RawMessage) (*drFound, error) {
	cells, err := decodeCells[drCell](raw)
	if err != nil {
		return nil, err
	}
	s := d.s
	ns, nl, no := len(d.seeds), len(s.LRs), len(s.Optimizers)
	a := &drFound{sweep: map[string]map[string]map[string]drStats{}, peak: math.Inf(-1)}
	for ai, act := range s.Activations {
		a.sweep[act] = map[string]map[string]drStats{}
		for oi, o := range s.Optimizers {
			a.sweep[act][o] = map[string]drStats{}
			for li, lr := range s.LRs {
				var dead, init, died, rev, acc []float64
				st := drStats{Runs: ns}
				for si := range ns {
					c := cells[((ai*no+oi)*nl+li)*ns+si]
					init = append(init, float64(c.DeadInit))
					if c.Diverged {
						st.Diverged++
						continue
					}
					dead, died = append(dead, float64(c.DeadFinal)), append(died, float64(c.Died))
					rev, acc = append(rev, float64(c.Revived)), append(acc, float64(c.Accuracy))
				}
				st.DeadFraction, st.DeadAtInit, st.Died, st.Revived, st.Accuracy = summarize(dead), summarize(init), summarize(died), summarize(rev), summarize(acc)
				a.sweep[act][o][lrKey(lr)] = st
			}
		}
	}
	relu := a.sweep["relu"]
	for _, o := range s.Optimizers {
		a.low = math.Max(a.low, float64(relu[o][lrKey(s.LRs[0])].DeadFraction.Median))
		for _, lr := range s.LRs {
			st := relu[o][lrKey(lr)]
			if 2*st.Diverged > st.Runs || st.DeadFraction.N == 0 {
				continue
			}
			if v := float64(st.DeadFraction.Median); v > a.peak {
				a.peak, a.peakOpt, a.peakLR = v, o, lr
			}
		}
	}
	return a, nil
}

// verdict applies the rule to the peak: at least Claimed and risen by
// MinimRise from the smallest rate (yes), or at least Some (partly).
func (d *drDesign) verdict(a *drFound) Verdict {
	s, t := d.s, drText
	rule := t.rule.f(s.Claimed, s.MinimRise, s.LRs[0], s.Some, s.Claimed, s.Claimed, s.Some)
	if a.peakOpt == "" {
		return verdict(HoldsNo, t.allDiverged, rule)
	}
	holds := HoldsNo
	switch {
	case a.peak >= s.Claimed && a.peak-a.low >= s.MinimRise:
		holds = HoldsYes
	case a.peak >= s.Some:
		holds = HoldsPartly
	}
	why := d.explainPeak(a)
	if holds == HoldsYes && a.peak >= 0.5 {
		why = joinText(why, t.understated.f(100*a.peak))
	}
	return verdict(holds, why, rule)
}

// explainPeak describes the ReLU cell with the most dead units beside the
// controls at the same setting.
func (d *drDesign) explainPeak(a *drFound) text {
	s, t := d.s, drText
	relu, key := a.sweep["relu"], lrKey(a.peakLR)
	ps := relu[a.peakOpt][key]
	ctl := ""
	for _, act := range s.Activations[1:] {
		ctl += fmt.Sprintf(", %s %s", act, fixed(float64(a.sweep[act][a.peakOpt][key].DeadFraction.Median), 2))
	}
	why := t.peak.f(a.peakOpt, a.peakLR, 100*a.peak, 100*float64(ps.DeadAtInit.Median), 100*float64(relu[a.peakOpt][lrKey(s.LRs[0])].DeadFraction.Median),
		float64(ps.Accuracy.Median), 100*float64(ps.Died.Median), 100*float64(ps.Revived.Median), ctl[2:])
	if lk, ok := a.sweep["leaky_relu"]; ok {
		if v := float64(lk[a.peakOpt][key].DeadFraction.Median); v >= a.peak/2 {
			why = joinText(why, t.notActivation.f(100*v))
		}
	}
	if acc := float64(ps.Accuracy.Median); acc >= 0.95 {
		why = joinText(why, t.easyTask.f(acc, float64(ps.Accuracy.Min)))
	}
	div := 0
	for _, o := range s.Optimizers {
		for _, lr := range s.LRs {
			div += relu[o][lrKey(lr)].Diverged
		}
	}
	if div > 0 {
		why = joinText(why, t.diverged.f(div))
	}
	return why
}

// report writes the setup, a table per optimizer and the controls.
func (d *drDesign) report(a *drFound) reportDoc {
	s, t := d.s, drText
	doc := reportDoc{
		setup: []text{t.setup.f(s.Sizes, s.Init, s.Data.Name, s.Data.N, s.Data.Noise, s.BatchSize, s.Epochs, s.LRs)},
		notes: []text{t.note},
	}
	for _, o := range s.Optimizers {
		rt := mdTable{key: "dead_fraction, dead_at_init, died, revived, accuracy, diverged", title: t.reluTitle.f(o), header: t.reluHeader}
		for _, lr := range s.LRs {
			st := a.sweep["relu"][o][lrKey(lr)]
			rt.rows = append(rt.rows, []text{plain(lrKey(lr)), statsCell(st.DeadFraction, 2), statsCell(st.DeadAtInit, 2),
				statsCell(st.Died, 2), statsCell(st.Revived, 2), statsCell(st.Accuracy, 2), plain(fmt.Sprintf("%d/%d", st.Diverged, st.Runs))})
		}
		doc.tables = append(doc.tables, rt)
	}
	ct := mdTable{key: "controls", title: t.controlsTitle, header: append([]text(nil), t.controlsHeader...)}
	for _, lr := range s.LRs {
		ct.header = append(ct.header, plain("lr "+lrKey(lr)))
	}
	for _, act := range s.Activations {
		for _, o := range s.Optimizers {
			row := []text{plain(act + " / " + o)}
			for _, lr := range s.LRs {
				st := a.sweep[act][o][lrKey(lr)]
				cell := fmt.Sprintf("%s (%s)", fixed(float64(st.DeadFraction.Median), 2), fixed(float64(st.Accuracy.Median), 2))
				if st.Diverged > 0 {
					cell += fmt.Sprintf(" ×%d", st.Diverged)
				}
				row = append(row, plain(cell))
			}
			ct.rows = append(ct.rows, row)
		}
	}
	doc.tables = append(doc.tables, ct)
	return doc
}

// figures draws, per optimizer, the dead fraction and accuracy against
// the learning rate into dir.
func (d *drDesign) figures(a *drFound, dir string, r *Result) error {
	s := d.s
	for _, o := range s.Optimizers {
		var series []plots.Series
		for _, act := range s.Activations {
			dead, acc := plots.Series{Name: act + " dead fraction"}, plots.Series{Name: act + " test accuracy"}
			for _, lr := range s.LRs {
				st := a.sweep[act][o][lrKey(lr)]
				dead.X, dead.Y = append(dead.X, lr), append(dead.Y, float64(st.DeadFraction.Median))
				acc.X, acc.Y = append(acc.X, lr), append(acc.Y, float64(st.Accuracy.Median))
			}
			series = append(series, dead, acc)
		}
		file := "dead_vs_lr_" + o + ".png"
		if err := plots.Lines(filepath.Join(dir, file), fmt.Sprintf("Dead units after training with %s (median over seeds)", o),
			"learning rate (log scale)", "fraction", true, false, series); err != nil {
			return err
		}
		r.addFigure(file, drText.deadCaption.f(o))
	}
	return nil
}
