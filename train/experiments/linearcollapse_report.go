package experiments

import (
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"

	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/train/plots"
)

// lcFound is what the cells of linear-collapse add up to.
type lcFound struct {
	acc       map[string]map[string]Stats // test accuracy by data set, activation
	diverged  int
	maxDev    float64
	devCount  int         // deviations measured: two per identity network
	snapshots [][]*lcCell // [data set][activation], first seed
}

func (d *lcDesign) finish(raw []json.RawMessage, dir string) (*Result, error) {
	a, err := d.aggregate(raw)
	if err != nil {
		return nil, err
	}
	r := &Result{Tables: map[string]any{"accuracy": a.acc, "max_deviation": Num(a.maxDev)}}
	r.Verdict = d.verdict(a)
	r.doc = d.report(a)
	if dir != "" {
		if err := d.figures(a, dir, r); err != nil {
			return nil, err
		}
	}
	return r, nil
}

func (d *lcDesign) aggregate(raw []json.RawMessage) (*lcFound, error) {
	cells, err := decodeCells[lcCell](raw)
	if err != nil {
		return nil, err
	}
	s := d.s
	a := &lcFound{acc: map[string]map[string]Stats{}, snapshots: make([][]*lcCell, len(s.Datasets))}
	for di, ds := range s.Datasets {
		a.acc[ds.Name] = map[string]Stats{}
		a.snapshots[di] = make([]*lcCell, len(s.Activations))
		for ai, an := range s.Activations {
			var vs []float64
			for si := range d.seeds {
				c := &cells[(di*len(s.Activations)+ai)*len(d.seeds)+si]
				if c.Diverged {
					a.diverged++
				}
				vs = append(vs, float64(c.Accuracy))
				for _, v := range []Num{c.DevInit, c.DevTrained} {
					if !math.IsNaN(float64(v)) {
						a.maxDev = math.Max(a.maxDev, float64(v))
						a.devCount++
					}
				}
				if c.Snapshot != nil {
					a.snapshots[di][ai] = c
				}
			}
			a.acc[ds.Name][an] = summarize(vs)
		}
	}
	return a, nil
}

// verdict applies the rule: the identity network must be one affine map
// and fail every data set (partly); relu or tanh must also separate every
// one (yes).
func (d *lcDesign) verdict(a *lcFound) Verdict {
	s, t := d.s, lcText
	med := func(ds, act string) float64 { return float64(a.acc[ds][act].Median) }
	collapse := a.maxDev < 1e-9
	identityFails, nonlinearWins := true, true
	var unseparated []string
	worstLinear, worstLinearDS := -1.0, ""
	gap := 0.0
	for _, ds := range s.Datasets {
		if med(ds.Name, "identity") >= s.Separated {
			identityFails = false
		}
		if math.Max(med(ds.Name, "relu"), med(ds.Name, "tanh")) < s.Separated {
			nonlinearWins = false
			unseparated = append(unseparated, ds.Name)
		}
		if v := med(ds.Name, "identity"); v > worstLinear {
			worstLinear, worstLinearDS = v, ds.Name
		}
		gap = math.Max(gap, math.Abs(med(ds.Name, "identity")-med(ds.Name, lcLogistic)))
	}
	why := t.collapsed.f(num(a.maxDev), a.devCount/2)
	cmp := t.compare.f(ciText(a.acc[worstLinearDS]["identity"].interval(), 2), worstLinearDS, gap, describeSeparated(s, a.acc))
	holds := HoldsNo
	switch {
	case collapse && identityFails && nonlinearWins:
		holds = HoldsYes
	case collapse && identityFails:
		holds = HoldsPartly
		cmp = joinText(cmp, t.noneSeparates.f(unseparated))
	case !collapse:
		why = t.notCollapsed.f(num(a.maxDev))
	}
	if collapse && worstLinear >= 0.8 {
		cmp = joinText(cmp, t.strictOnly.f(100*worstLinear, worstLinearDS))
	}
	if a.diverged > 0 {
		cmp = joinText(cmp, t.diverged.f(a.diverged, plural(a.diverged)))
	}
	return verdict(holds, joinText(why, cmp), t.rule.f(s.Separated, s.Separated, s.Separated))
}

// report writes the setup and the tables.
func (d *lcDesign) report(a *lcFound) reportDoc {
	s, t := d.s, lcText
	acc := mdTable{key: "accuracy", title: t.accuracyTitle, header: append([]text(nil), t.accuracyHeader...)}
	for _, act := range s.Activations {
		h := plain(act)
		if act == lcLogistic {
			h = text{act, "逻辑回归（1 层）"}
		}
		acc.header = append(acc.header, h)
	}
	for _, ds := range s.Datasets {
		row := []text{plain(ds.Name)}
		for _, act := range s.Activations {
			row = append(row, statsCell(a.acc[ds.Name][act], 3))
		}
		acc.rows = append(acc.rows, row)
	}
	return reportDoc{
		setup: []text{
			t.setupCollapse.f(s.Sizes, s.DeviationInputs),
			t.setupTrain.f(dsNames(s.Datasets), s.Datasets[0].N, 100*testFraction, s.Optimizer.LR, s.BatchSize, s.Epochs),
		},
		tables: []mdTable{
			{key: "max_deviation", title: t.deviationTitle, header: t.deviationHeader,
				rows: [][]text{{plain(fmt.Sprint(a.devCount / 2)), plain(num(a.maxDev))}}},
			acc,
		},
	}
}

// figures draws the first seed's decision boundaries, data sets by
// activations, into dir.
func (d *lcDesign) figures(a *lcFound, dir string, r *Result) error {
	s := d.s
	grid := make([][]plots.BoundaryCell, len(s.Datasets))
	for di := range s.Datasets {
		grid[di] = make([]plots.BoundaryCell, len(s.Activations))
		for ai, c := range a.snapshots[di] {
			if c == nil {
				continue
			}
			m, err := c.Snapshot.model()
			if err != nil {
				return err
			}
			grid[di][ai] = plots.BoundaryCell{Proba: probaFunc(m, layer.CrossEntropyLoss{}),
				X: c.Snapshot.points(), Labels: c.Snapshot.Y,
				Title: fmt.Sprintf("test acc %.2f", float64(c.Accuracy))}
		}
	}
	cols := append([]string(nil), s.Activations...)
	if err := plots.DecisionBoundaryGrid(filepath.Join(dir, "decision_boundaries.png"), grid, dsNameList(s.Datasets), cols); err != nil {
		return err
	}
	r.addFigure("decision_boundaries.png", lcText.boundaryCaption.f(d.seeds[0]))
	return nil
}
