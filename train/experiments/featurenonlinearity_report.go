package experiments

import (
	"encoding/json"
	"fmt"
	"path/filepath"

	"github.com/nnlab/nnlab/datasets"
	"github.com/nnlab/nnlab/layer"
	"github.com/nnlab/nnlab/tensor"
	"github.com/nnlab/nnlab/train/plots"
)

// fnFound is what the cells of feature-nonlinearity add up to.
type fnFound struct {
	// accuracy[dataset][feature set]; gain[dataset] the paired gain of
	// the nonlinear features over the raw inputs.
	accuracy  map[string]map[string]Stats
	gain      map[string]Stats
	diverged  int
	first     [][]fnCell // [dataset][feature set], the first seed
	separates bool       // with the features, at or above Separated
	raw       bool       // without, at or below Chance
}

func (d *fnDesign) finish(raw []json.RawMessage, dir string) (*Result, error) {
	cells, err := decodeCells[fnCell](raw)
	if err != nil {
		return nil, err
	}
	s, ns, nf := d.s, len(d.seeds), len(d.s.FeatureSets)
	a := &fnFound{accuracy: map[string]map[string]Stats{}, gain: map[string]Stats{}}
	for di, ds := range s.Datasets {
		a.accuracy[ds.Name] = map[string]Stats{}
		accs := make([][]float64, nf)
		a.first = append(a.first, make([]fnCell, nf))
		for fi, fs := range s.FeatureSets {
			for si := range ns {
				c := cells[(di*nf+fi)*ns+si]
				accs[fi] = append(accs[fi], float64(c.Accuracy))
				if c.Diverged {
					a.diverged++
				}
			}
			a.first[di][fi] = cells[(di*nf+fi)*ns]
			a.accuracy[ds.Name][fs] = summarize(accs[fi])
		}
		a.gain[ds.Name] = summarize(paired(accs[0], accs[nf-1]))
	}
	with, without := a.accuracy[s.Judged][s.FeatureSets[nf-1]], a.accuracy[s.Judged][s.FeatureSets[0]]
	a.separates, a.raw = float64(with.Lo) >= s.Separated, float64(without.Hi) <= s.Chance
	r := &Result{Tables: map[string]any{"accuracy": a.accuracy, "gain": a.gain, "diverged": a.diverged}}
	r.Verdict = d.verdict(a)
	r.doc = d.report(a)
	if dir != "" {
		if err := d.figure(a, dir, r); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// verdict applies the rule: yes if both intervals fall on their side,
// partly if one does, no if neither.
func (d *fnDesign) verdict(a *fnFound) Verdict {
	s, t, nf := d.s, fnText, len(d.s.FeatureSets)
	with, without := a.accuracy[s.Judged][s.FeatureSets[nf-1]], a.accuracy[s.Judged][s.FeatureSets[0]]
	holds := HoldsNo
	switch {
	case a.separates && a.raw:
		holds = HoldsYes
	case a.separates || a.raw:
		holds = HoldsPartly
	}
	why := t.outcome.f(s.Judged, s.FeatureSets[nf-1], ciText(with.interval(), 3), s.FeatureSets[0], ciText(without.interval(), 3),
		ciText(a.gain[s.Judged].interval(), 3))
	rule := t.rule.f(s.Judged, s.FeatureSets[nf-1], s.Separated, s.FeatureSets[0], s.Chance)
	return verdict(holds, why, rule)
}

func (d *fnDesign) report(a *fnFound) reportDoc {
	s, t := d.s, fnText
	acc := mdTable{key: "accuracy", title: t.accTitle, header: []text{t.dataHeader}}
	for _, fs := range s.FeatureSets {
		acc.header = append(acc.header, plain(fs))
	}
	acc.header = append(acc.header, t.gainHeader)
	for _, ds := range s.Datasets {
		row := []text{plain(ds.Name)}
		for _, fs := range s.FeatureSets {
			row = append(row, statsCell(a.accuracy[ds.Name][fs], 3))
		}
		acc.rows = append(acc.rows, append(row, statsCell(a.gain[ds.Name], 3)))
	}
	return reportDoc{
		setup: []text{t.setup.f(dsNameList(s.Datasets), s.Datasets[0].N, s.Datasets[0].Noise, 100*testFraction, s.FeatureSets,
			s.Hidden, s.Init, s.Optimizer.LR, s.BatchSize, s.Epochs)},
		tables: []mdTable{acc},
		notes:  []text{t.note.f(a.diverged)},
	}
}

// figure draws the first seed's decision boundaries in the raw plane:
// data sets by feature sets.
func (d *fnDesign) figure(a *fnFound, dir string, r *Result) error {
	s := d.s
	grid := make([][]plots.BoundaryCell, len(s.Datasets))
	for di := range s.Datasets {
		grid[di] = make([]plots.BoundaryCell, len(s.FeatureSets))
		for fi, c := range a.first[di] {
			if c.Snapshot == nil || c.Scale == nil {
				continue
			}
			m, err := c.Snapshot.model()
			if err != nil {
				return err
			}
			fm, err := datasets.ParseFeatures(s.FeatureSets[fi], []string{"x1", "x2"})
			if err != nil {
				return err
			}
			scale := *c.Scale
			proba := func(x *tensor.Tensor) *tensor.Tensor {
				f := fm.Apply(x)
				scale.TransformInPlace(f)
				return probaFunc(m, layer.CrossEntropyLoss{})(f)
			}
			grid[di][fi] = plots.BoundaryCell{Proba: proba, X: c.Snapshot.points(), Labels: c.Snapshot.Y,
				Title: fmt.Sprintf("test acc %.2f", float64(c.Accuracy))}
		}
	}
	if err := plots.DecisionBoundaryGrid(filepath.Join(dir, "decision_boundaries.png"), grid, dsNameList(s.Datasets), s.FeatureSets); err != nil {
		return err
	}
	r.addFigure("decision_boundaries.png", fnText.caption.f(d.seeds[0]))
	return nil
}
