package experiments

import (
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"strings"

	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/train/plots"
)

// bcFound is what bce-vs-ce adds up to: the loss curves, computed here
// rather than in a cell, and the two heads' cells.
type bcFound struct {
	c                  lossCurves
	maxDiff, logitsErr float64
	naiveErr           float64
	worstI             int     // the index of z where naiveErr is
	satZ               float64 // the first z where sigmoid(z) rounds to 1
	satZ32             float64 // the same in float32
	heads              map[string]headStats
	diff               map[string]map[string]Stats // CE − BCE by data set, metric
	accDiffs, aucDiffs []float64                   // per data set: median of CE − BCE
	bceWorse, ceWorse  []string
	ceiling            []string // data sets where both heads reach Ceiling
}

func (d *bcDesign) finish(raw []json.RawMessage, dir string) (*Result, error) {
	a, err := d.aggregate(raw)
	if err != nil {
		return nil, err
	}
	curves := map[string]any{
		"max_abs_diff": Num(a.maxDiff), "naive_saturation_z": Num(a.satZ), "naive_saturation_z_float32": Num(a.satZ32),
		"logits_max_error": Num(a.logitsErr), "naive_max_error": Num(a.naiveErr), "naive_max_error_at_z": Num(a.c.z[a.worstI]),
		"points": len(a.c.z),
	}
	r := &Result{Tables: map[string]any{"losses": curves, "heads": a.heads, "head_diff": a.diff}}
	r.Verdict = d.verdict(a)
	r.doc = d.report(a)
	if dir != "" {
		if err := d.figures(a, dir, r); err != nil {
			return nil, err
		}
	}
	return r, nil
}

func (d *bcDesign) aggregate(raw []json.RawMessage) (*bcFound, error) {
	cells, err := decodeCells[bcCell](raw)
	if err != nil {
		return nil, err
	}
	s := d.s
	a := &bcFound{c: computeLossCurves(s), satZ: math.NaN(), heads: map[string]headStats{}, diff: map[string]map[string]Stats{},
		bceWorse: []string{}}
	a.maxDiff, _ = maxAbsDiff(a.c.logits, a.c.ce)
	a.logitsErr, _ = maxAbsDiff(a.c.logits, a.c.ref)
	a.naiveErr, a.worstI = maxAbsDiff(a.c.naive, a.c.ref)
	a.satZ32 = math.NaN()
	for _, v := range a.c.z {
		if math.IsNaN(a.satZ32) && sigmoid32(v) == 1 {
			a.satZ32 = v
		}
		if (layer.Sigmoid{}).Apply(v) == 1 {
			a.satZ = v
			break
		}
	}
	ns, nh := len(d.seeds), len(bcHeads)
	for _, h := range bcHeads {
		a.heads[h] = headStats{Accuracy: map[string]Stats{}, AUC: map[string]Stats{}, Diverged: map[string]int{}}
	}
	for di, ds := range s.Datasets {
		var vals [2][2][]float64 // head, metric
		var da, du []float64
		for si := range ns {
			var pair [2]bcCell
			for hi, h := range bcHeads {
				cl := cells[(di*nh+hi)*ns+si]
				pair[hi] = cl
				vals[hi][0] = append(vals[hi][0], float64(cl.Accuracy))
				vals[hi][1] = append(vals[hi][1], float64(cl.AUC))
				if cl.Diverged {
					a.heads[h].Diverged[ds.Name]++
				}
			}
			da = append(da, float64(pair[1].Accuracy-pair[0].Accuracy))
			du = append(du, float64(pair[1].AUC-pair[0].AUC))
		}
		for hi, h := range bcHeads {
			a.heads[h].Accuracy[ds.Name], a.heads[h].AUC[ds.Name] = summarize(vals[hi][0]), summarize(vals[hi][1])
		}
		a.diff[ds.Name] = map[string]Stats{"accuracy": summarize(da), "auc": summarize(du)}
		accD, aucD := float64(a.diff[ds.Name]["accuracy"].Median), float64(a.diff[ds.Name]["auc"].Median)
		a.accDiffs, a.aucDiffs = append(a.accDiffs, accD), append(a.aucDiffs, aucD)
		if accD > s.Tolerance || aucD > s.Tolerance || math.IsNaN(accD) {
			a.bceWorse = append(a.bceWorse, ds.Name)
		}
		if float64(a.heads["bce"].Accuracy[ds.Name].Median) >= s.Ceiling && float64(a.heads["ce"].Accuracy[ds.Name].Median) >= s.Ceiling {
			a.ceiling = append(a.ceiling, ds.Name)
		}
	}
	return a, nil
}

// verdict applies the rule: the two losses must be one function
// (partly), and the BCE head no worse than the CE head anywhere (yes).
func (d *bcDesign) verdict(a *bcFound) Verdict {
	s, t := d.s, bcText
	identical := a.maxDiff < 1e-9
	holds := HoldsNo
	switch {
	case identical && len(a.bceWorse) == 0:
		holds = HoldsYes
	case identical:
		holds = HoldsPartly
	}
	why := t.sameLoss.f(num(a.maxDiff), len(a.c.z), s.ZMin, s.ZMax)
	if !identical {
		why = t.notSame.f(num(a.maxDiff))
	}
	conv := t.convention
	if len(a.bceWorse) > 0 {
		conv = t.bceWorse.f(s.Tolerance, a.bceWorse)
	}
	var diffs []text
	for _, ds := range s.Datasets {
		diffs = append(diffs, tf("%s %s", "%s %s", ds.Name, ciText(a.diff[ds.Name]["accuracy"].interval(), 3)))
	}
	why = joinText(why,
		t.saturates.f(a.satZ, num(a.naiveErr), a.c.z[a.worstI], a.satZ32),
		t.headsAlike.f(listText(diffs)))
	if len(a.ceiling) > 0 {
		why = joinText(why, t.noPower.f(strings.Join(a.ceiling, ", "), 100*s.Ceiling))
	}
	why = joinText(why, conv, t.multiUntested)
	return verdict(holds, why, t.rule.f(s.ZMin, s.ZMax, s.Tolerance, 100*s.Ceiling))
}

// report writes the setup and the tables.
func (d *bcDesign) report(a *bcFound) reportDoc {
	s, t := d.s, bcText
	lt := mdTable{key: "losses", title: t.lossesTitle, header: t.lossesHeader,
		rows: [][]text{
			{plain("max_abs_diff (BCE with logits vs CE)"), plain(num(a.maxDiff))},
			{plain("logits_max_error (vs exact)"), plain(num(a.logitsErr))},
			{plain("naive_saturation_z"), plain(fmt.Sprint(a.satZ))},
			{plain("naive_saturation_z_float32"), plain(fmt.Sprint(a.satZ32))},
			{plain("naive_max_error (vs exact)"), plain(fmt.Sprintf("%s (z = %g)", num(a.naiveErr), a.c.z[a.worstI]))},
		}}
	ht := mdTable{key: "heads", title: t.headsTitle, header: t.headsHeader}
	dt := mdTable{key: "head_diff", title: t.diffTitle, header: t.diffHeader}
	for _, ds := range s.Datasets {
		n := ds.Name
		ht.rows = append(ht.rows, []text{plain(n), statsCell(a.heads["bce"].Accuracy[n], 3), statsCell(a.heads["ce"].Accuracy[n], 3),
			statsCell(a.heads["bce"].AUC[n], 3), statsCell(a.heads["ce"].AUC[n], 3)})
		dt.rows = append(dt.rows, []text{plain(n), statsCell(a.diff[n]["accuracy"], 3), statsCell(a.diff[n]["auc"], 3)})
	}
	return reportDoc{
		setup: []text{
			t.setupLosses.f(len(a.c.z), s.ZMin, s.ZMax, s.ZStep),
			t.setupHeads.f(s.Act, s.Body, s.Init, dsNames(s.Datasets), s.Datasets[0].N, s.Optimizer.LR, s.BatchSize, s.Epochs),
		},
		tables: []mdTable{lt, ht, dt},
	}
}

// figures draws the three losses of target 0 into dir.
func (d *bcDesign) figures(a *bcFound, dir string, r *Result) error {
	c := a.c
	// Every 10th point is plenty for the picture.
	var zs, naive, logits, ce []float64
	for i := 0; i < len(c.z); i += 10 {
		zs, naive, logits, ce = append(zs, c.z[i]), append(naive, c.naive[0][i]), append(logits, c.logits[0][i]), append(ce, c.ce[0][i])
	}
	err := (plots.Chart{Title: "Loss of target 0 against the logit z", XLabel: "logit z", YLabel: "loss", YFromZero: true, Series: []plots.Series{
		{Name: "BCE on sigmoid(z)", X: zs, Y: naive},
		{Name: "BCE with logits", X: zs, Y: logits},
		{Name: "CE on [0, z] (dashed: it lies on BCE with logits)", X: zs, Y: ce, Dashed: true},
	}}).Write(filepath.Join(dir, "losses.png"))
	if err != nil {
		return err
	}
	r.addFigure("losses.png", bcText.lossesCaption.f(a.satZ))
	return nil
}
