package experiments

import (
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"strings"

	"github.com/nnlab/nnlab/train/plots"
)

// drFound is what the cells of dying-relu add up to.
type drFound struct {
	// sweep is by activation, optimizer and learning rate (lrKey).
	sweep map[string]map[string]map[string]drStats
	// The ReLU setting whose median dead fraction has the highest lower
	// interval end, of those where most runs did not diverge; peakOpt is
	// "" if there is none. peak is its median, peakLo its interval's
	// lower end, low the median at the smallest rate with that optimizer.
	peak, peakLo float64
	peakOpt      string
	peakLR       float64
	low          float64
	// anySome: some valid ReLU setting has a median of at least Some.
	anySome bool
	// paired is, by control, the paired difference control − relu of the
	// dead fraction at the peak setting (same data, weights and seed).
	paired map[string]Stats
	// mech is, by mechanism run, the dead fraction per step.
	mech map[string][]Stats
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
		"dead_fraction":             pick(func(st drStats) any { return st.DeadFraction }),
		"dead_at_init":              pick(func(st drStats) any { return st.DeadAtInit }),
		"died":                      pick(func(st drStats) any { return st.Died }),
		"revived":                   pick(func(st drStats) any { return st.Revived }),
		"accuracy":                  pick(func(st drStats) any { return st.Accuracy }),
		"diverged":                  pick(func(st drStats) any { return st.Diverged }),
		"controls":                  controls,
		"paired_control_minus_relu": a.paired,
		"mechanism_dead_by_step":    a.mech,
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
	all, err := decodeCells[drCell](raw)
	if err != nil {
		return nil, err
	}
	cells := all[:d.sweepCells()]
	s := d.s
	ns, nl, no := len(d.seeds), len(s.LRs), len(s.Optimizers)
	at := func(ai, oi, li, si int) drCell { return cells[((ai*no+oi)*nl+li)*ns+si] }
	a := &drFound{sweep: map[string]map[string]map[string]drStats{}, peakLo: math.Inf(-1), paired: map[string]Stats{}}
	for ai, act := range s.Activations {
		a.sweep[act] = map[string]map[string]drStats{}
		for oi, o := range s.Optimizers {
			a.sweep[act][o] = map[string]drStats{}
			for li, lr := range s.LRs {
				var dead, init, died, rev, acc []float64
				st := drStats{Runs: ns}
				for si := range ns {
					c := at(ai, oi, li, si)
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
	peakOI, peakLI := 0, 0
	for oi, o := range s.Optimizers {
		for li, lr := range s.LRs {
			st := relu[o][lrKey(lr)]
			if 2*st.Diverged > st.Runs || st.DeadFraction.N == 0 {
				continue
			}
			a.anySome = a.anySome || float64(st.DeadFraction.Median) >= s.Some
			if v := float64(st.DeadFraction.Lo); v > a.peakLo {
				a.peakLo, a.peak, a.peakOpt, a.peakLR, peakOI, peakLI = v, float64(st.DeadFraction.Median), o, lr, oi, li
				a.low = float64(relu[o][lrKey(s.LRs[0])].DeadFraction.Median)
			}
		}
	}
	if a.peakOpt != "" {
		for ai, act := range s.Activations[1:] {
			var r, c []float64
			for si := range ns {
				rc, cc := at(0, peakOI, peakLI, si), at(ai+1, peakOI, peakLI, si)
				if !rc.Diverged && !cc.Diverged {
					r, c = append(r, float64(rc.DeadFinal)), append(c, float64(cc.DeadFinal))
				}
			}
			a.paired[act] = summarize(paired(r, c))
		}
	}
	a.mech = d.aggregateMechanism(all[d.sweepCells():])
	return a, nil
}

// verdict applies the rule to the peak: its interval at or above
// Claimed and its median risen by MinimRise from the smallest rate (yes),
// or some setting's median at least Some (partly).
func (d *drDesign) verdict(a *drFound) Verdict {
	s, t := d.s, drText
	rule := t.rule.f(s.Claimed, s.MinimRise, s.LRs[0], s.Some)
	if a.peakOpt == "" {
		return verdict(HoldsNo, t.allDiverged, rule)
	}
	holds := HoldsNo
	switch {
	case a.peakLo >= s.Claimed && a.peak-a.low >= s.MinimRise:
		holds = HoldsYes
	case a.anySome:
		holds = HoldsPartly
	}
	return verdict(holds, d.explainPeak(a), rule)
}

// explainPeak describes the peak setting with its interval, where the
// effect appears, how accuracy moves, the paired controls and the
// mechanism.
func (d *drDesign) explainPeak(a *drFound) text {
	s, t := d.s, drText
	relu, key := a.sweep["relu"], lrKey(a.peakLR)
	ps := relu[a.peakOpt][key]
	why := t.peak.f(a.peakOpt, a.peakLR, ciPct(ps.DeadFraction), 100*float64(ps.DeadAtInit.Median),
		100*a.low, 100*float64(ps.Died.Median), 100*float64(ps.Revived.Median))
	why = joinText(why, d.explainWhere(a))
	var ctl []text
	for _, act := range s.Activations[1:] {
		ctl = append(ctl, tf("%s %s", "%s %s", act, ciText(a.paired[act].interval(), 2)))
	}
	why = joinText(why, t.pairedControls.f(listText(ctl)), d.explainMechanism(a))
	div := 0
	for _, o := range s.Optimizers {
		for _, lr := range s.LRs {
			div += relu[o][lrKey(lr)].Diverged
		}
	}
	if div > 0 {
		why = joinText(why, t.diverged.f(div, plural(div)))
	}
	return why
}

// explainWhere lists, per optimizer, the rates at which the effect appears
// (the interval of relu's median "died" at or above Some) and the range
// of median test accuracy there.
func (d *drDesign) explainWhere(a *drFound) text {
	s, t := d.s, drText
	var parts []text
	accLo, accHi := math.Inf(1), math.Inf(-1)
	for _, o := range s.Optimizers {
		var lrs []string
		for _, lr := range s.LRs {
			st := a.sweep["relu"][o][lrKey(lr)]
			if float64(st.Died.Lo) >= s.Some {
				lrs = append(lrs, lrKey(lr))
				accLo, accHi = math.Min(accLo, float64(st.Accuracy.Median)), math.Max(accHi, float64(st.Accuracy.Median))
			}
		}
		if len(lrs) == 0 {
			parts = append(parts, t.whereNone.f(o))
		} else {
			parts = append(parts, t.whereAt.f(o, strings.Join(lrs, ", ")))
		}
	}
	why := t.where.f(100*s.Some, listText(parts))
	if !math.IsInf(accLo, 1) {
		baseLo, baseHi := math.Inf(1), math.Inf(-1)
		for _, o := range s.Optimizers {
			v := float64(a.sweep["relu"][o][lrKey(s.LRs[0])].Accuracy.Median)
			baseLo, baseHi = math.Min(baseLo, v), math.Max(baseHi, v)
		}
		why = joinText(why, t.accuracy.f(accLo, accHi, s.LRs[0], baseLo, baseHi))
	}
	return why
}

// plural is "s" unless n is 1.
func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// report writes the setup, a table per optimizer and the controls.
func (d *drDesign) report(a *drFound) reportDoc {
	s, t := d.s, drText
	doc := reportDoc{
		setup: []text{t.setup.f(s.Sizes, s.Init, s.Data.Name, s.Data.N, s.Data.Noise, s.BatchSize, s.Epochs, s.LRs), t.mechSetup.f(mechList(s.MechRuns))},
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
				cell := fmt.Sprintf("%s (%s)", statsCell(st.DeadFraction, 2).en, fixed(float64(st.Accuracy.Median), 2))
				if st.Diverged > 0 {
					cell += fmt.Sprintf(" ×%d", st.Diverged)
				}
				row = append(row, plain(cell))
			}
			ct.rows = append(ct.rows, row)
		}
	}
	doc.tables = append(doc.tables, ct)
	if a.peakOpt != "" {
		pt := mdTable{key: "paired_control_minus_relu", title: t.pairedTitle.f(a.peakOpt, a.peakLR), header: t.pairedHeader}
		for _, act := range s.Activations[1:] {
			pt.rows = append(pt.rows, []text{plain(act), statsCell(a.paired[act], 2), plain(fmt.Sprint(a.paired[act].N))})
		}
		doc.tables = append(doc.tables, pt)
	}
	return doc
}

// figures draws, per optimizer, the dead fraction and accuracy against
// the learning rate into dir.
func (d *drDesign) figures(a *drFound, dir string, r *Result) error {
	s := d.s
	for _, o := range s.Optimizers {
		var series []plots.Series
		// The controls first, relu last: paired with relu, a control's
		// line can lie on relu's, and relu's is the one to see.
		for k := range s.Activations {
			act := s.Activations[len(s.Activations)-1-k]
			dead := plots.Series{Name: act + " dead fraction", Group: act}
			acc := plots.Series{Name: act + " test accuracy", Group: act, Dashed: true}
			div := plots.Series{Name: act + ": most runs diverged", Group: act, Marks: true}
			for _, lr := range s.LRs {
				st := a.sweep[act][o][lrKey(lr)]
				if 2*st.Diverged > st.Runs {
					div.X, div.Y = append(div.X, lr), append(div.Y, 0)
					continue
				}
				dead.X, dead.Y = append(dead.X, lr), append(dead.Y, float64(st.DeadFraction.Median))
				acc.X, acc.Y = append(acc.X, lr), append(acc.Y, float64(st.Accuracy.Median))
			}
			series = append(series, dead, acc)
			if len(div.X) > 0 {
				series = append(series, div)
			}
		}
		file := "dead_vs_lr_" + o + ".png"
		if err := (plots.Chart{Title: fmt.Sprintf("Dead units after training with %s (median over seeds)", o),
			XLabel: "learning rate (log scale)", YLabel: "fraction", LogX: true, YFromZero: true,
			Series: series}).Write(filepath.Join(dir, file)); err != nil {
			return err
		}
		r.addFigure(file, drText.deadCaption.f(o))
	}
	return d.mechanismFigure(a, dir, r)
}
