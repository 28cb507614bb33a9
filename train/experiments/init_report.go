package experiments

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strconv"

	"github.com/nnlab/nnlab/train/plots"
)

// inTrained is one initialisation's trained networks.
type inTrained struct {
	DeadBefore Stats `json:"dead_units_before"`
	DeadAfter  Stats `json:"dead_units_after"`
	BornDead   int   `json:"born_dead"`
	Accuracy   Stats `json:"test_accuracy"`
	Diverged   int   `json:"diverged"`
	Runs       int   `json:"runs"`
}

// inFound is what the cells of init add up to.
type inFound struct {
	// By init, width and depth (as strings).
	born, deadUnits map[string]map[string]map[string]Stats
	trained         map[string]inTrained
	// diff is the reference's dead share after training minus the
	// candidate's, seed by seed.
	diff          Stats
	birth, after  bool
	narrow, depth string
}

func (d *inDesign) finish(raw []json.RawMessage, dir string) (*Result, error) {
	a, err := d.aggregate(raw)
	if err != nil {
		return nil, err
	}
	r := &Result{Tables: map[string]any{"born_dead": a.born, "dead_units_at_birth": a.deadUnits,
		"trained": a.trained, "dead_after_difference": a.diff}}
	r.Verdict = d.verdict(a)
	r.doc = d.report(a)
	if dir != "" {
		if err := d.figure(a, dir, r); err != nil {
			return nil, err
		}
	}
	return r, nil
}

func (d *inDesign) aggregate(raw []json.RawMessage) (*inFound, error) {
	cells, err := decodeCells[inCell](raw)
	if err != nil {
		return nil, err
	}
	s := d.s
	a := &inFound{born: map[string]map[string]map[string]Stats{}, deadUnits: map[string]map[string]map[string]Stats{},
		trained: map[string]inTrained{}, narrow: strconv.Itoa(s.Widths[0]), depth: strconv.Itoa(s.Depths[len(s.Depths)-1])}
	vals := map[[3]string][2][]float64{}
	for i := range d.birthCells() {
		init, w, depth, _ := d.index(i)
		k := [3]string{init, strconv.Itoa(w), strconv.Itoa(depth)}
		v := vals[k]
		v[0], v[1] = append(v[0], float64(cells[i].BornDead)), append(v[1], float64(cells[i].DeadUnits))
		vals[k] = v
	}
	for k, v := range vals {
		for _, m := range []map[string]map[string]map[string]Stats{a.born, a.deadUnits} {
			if m[k[0]] == nil {
				m[k[0]] = map[string]map[string]Stats{}
			}
			if m[k[0]][k[1]] == nil {
				m[k[0]][k[1]] = map[string]Stats{}
			}
		}
		a.born[k[0]][k[1]][k[2]], a.deadUnits[k[0]][k[1]][k[2]] = summarize(v[0]), summarize(v[1])
	}
	after := map[string][]float64{}
	for ii, init := range s.Inits {
		var before, accs []float64
		t := inTrained{Runs: len(d.seeds)}
		for si := range d.seeds {
			c := cells[d.birthCells()+ii*len(d.seeds)+si]
			before, accs = append(before, float64(c.DeadUnits)), append(accs, float64(c.Accuracy))
			after[init] = append(after[init], float64(c.DeadAfter))
			t.BornDead += int(c.BornDead)
			if c.Diverged {
				t.Diverged++
			}
		}
		t.DeadBefore, t.DeadAfter, t.Accuracy = summarize(before), summarize(after[init]), summarize(accs)
		a.trained[init] = t
	}
	a.diff = summarize(paired(after[s.Candidate], after[s.Reference]))
	ref, cand := a.born[s.Reference][a.narrow][a.depth], a.born[s.Candidate][a.narrow][a.depth]
	a.birth = cand.Hi < ref.Lo
	a.after = a.diff.Lo > 0
	return a, nil
}

// verdict applies the rule: RAI fewer born dead at the narrowest width
// and deepest depth, intervals apart, and fewer dead units after
// training, paired (yes: both; partly: one; no: neither).
func (d *inDesign) verdict(a *inFound) Verdict {
	s, t := d.s, inText
	ref, cand := a.born[s.Reference][a.narrow][a.depth], a.born[s.Candidate][a.narrow][a.depth]
	birth := t.birthYes
	if !a.birth {
		birth = t.birthNo
	}
	after := t.afterYes
	if !a.after {
		after = t.afterNo
	}
	holds := HoldsNo
	switch {
	case a.birth && a.after:
		holds = HoldsYes
	case a.birth || a.after:
		holds = HoldsPartly
	}
	why := joinText(
		birth.f(a.narrow, a.depth, s.Candidate, ciText(cand.interval(), 2), s.Reference, ciText(ref.interval(), 2)),
		after.f(s.Reference, s.Candidate, ciText(a.diff.interval(), 3), ciText(a.trained[s.Reference].DeadAfter.interval(), 3),
			ciText(a.trained[s.Candidate].DeadAfter.interval(), 3)))
	return verdict(holds, why, t.rule.f(s.Widths[0], a.depth, s.Candidate, s.Reference))
}

// gridTable lays out m[init][width][depth] with a row per init and width.
func (d *inDesign) gridTable(key string, title text, m map[string]map[string]map[string]Stats) mdTable {
	t := mdTable{key: key, title: title, header: append([]text(nil), inText.gridHeader...)}
	for _, depth := range d.s.Depths {
		t.header = append(t.header, plain(strconv.Itoa(depth)))
	}
	for _, init := range d.s.Inits {
		for _, w := range d.s.Widths {
			row := []text{plain(init), plain(strconv.Itoa(w))}
			for _, depth := range d.s.Depths {
				row = append(row, statsCell(m[init][strconv.Itoa(w)][strconv.Itoa(depth)], 2))
			}
			t.rows = append(t.rows, row)
		}
	}
	return t
}

func (d *inDesign) report(a *inFound) reportDoc {
	s, t := d.s, inText
	tt := s.Trained
	trained := mdTable{key: "trained", title: t.trainedTitle.f(tt.Depth, tt.Width), header: t.trainedHeader}
	for _, init := range s.Inits {
		r := a.trained[init]
		trained.rows = append(trained.rows, []text{plain(init), statsCell(r.DeadBefore, 3), statsCell(r.DeadAfter, 3),
			plain(fmt.Sprintf("%d / %d", r.BornDead, r.Runs)), statsCell(r.Accuracy, 3), plain(fmt.Sprintf("%d / %d", r.Diverged, r.Runs))})
	}
	diff := mdTable{key: "dead_after_difference", title: t.diffTitle.f(s.Reference, s.Candidate), header: t.diffHeader,
		rows: [][]text{{statsCell(a.diff, 3), plain(strconv.Itoa(a.diff.N))}}}
	return reportDoc{
		setup: []text{
			t.setupInits.f(s.Inits),
			t.setupBirth.f(s.Widths, s.Depths, s.Networks, s.Samples),
			t.setupTrained.f(tt.Depth, tt.Width, tt.Dataset.Name, tt.Dataset.N, tt.Dataset.Noise, 100*testFraction, tt.Optimizer.LR, tt.BatchSize, tt.Epochs),
		},
		tables: []mdTable{
			d.gridTable("born_dead", t.bornTitle, a.born),
			d.gridTable("dead_units_at_birth", t.unitsTitle, a.deadUnits),
			trained, diff,
		},
		notes: []text{t.homogeneous, t.fragile.f(tt.Epochs)},
	}
}

// figure draws the share born dead against depth, one line per init and
// width.
func (d *inDesign) figure(a *inFound, dir string, r *Result) error {
	var series []plots.Series
	for _, w := range d.s.Widths {
		for _, init := range d.s.Inits {
			sr := plots.Series{Name: fmt.Sprintf("%s, width %d", init, w)}
			for _, depth := range d.s.Depths {
				sr.X = append(sr.X, float64(depth))
				sr.Y = append(sr.Y, float64(a.born[init][strconv.Itoa(w)][strconv.Itoa(depth)].Median))
			}
			series = append(series, sr)
		}
	}
	if err := plots.Lines(filepath.Join(dir, "born_dead.png"), "ReLU networks dead at initialisation (median over seeds)",
		"hidden layers", "share of networks born dead", true, false, series); err != nil {
		return err
	}
	r.addFigure("born_dead.png", inText.caption)
	return nil
}
