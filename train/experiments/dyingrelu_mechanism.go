package experiments

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"

	"github.com/nnlab/nnlab/train/plots"
)

// mechKey names a mechanism run in tables: "adam lr 0.3".
func mechKey(o optimSpec) string { return o.Name + " lr " + lrKey(o.LR) }

// mechList writes the mechanism runs: "adam lr 0.1, adam lr 0.3".
func mechList(runs []optimSpec) string {
	var ks []string
	for _, o := range runs {
		ks = append(ks, mechKey(o))
	}
	return strings.Join(ks, ", ")
}

// aggregateMechanism summarises the mechanism cells (run by run, seed by
// seed): per run, the dead fraction at each step over the seeds that had
// not diverged by then.
func (d *drDesign) aggregateMechanism(cells []drCell) map[string][]Stats {
	ns := len(d.seeds)
	out := map[string][]Stats{}
	for ri, o := range d.s.MechRuns {
		steps := 0
		for si := range ns {
			steps = max(steps, len(cells[ri*ns+si].Steps))
		}
		col := make([]float64, 0, ns)
		for k := range steps {
			col = col[:0]
			for si := range ns {
				c := cells[ri*ns+si]
				if k < len(c.Steps) && !(c.Diverged && k == len(c.Steps)-1) {
					col = append(col, float64(c.Steps[k]))
				}
			}
			out[mechKey(o)] = append(out[mechKey(o)], summarize(col))
		}
	}
	return out
}

// explainMechanism says how much dies in the first update and in the
// first epoch, run by run.
func (d *drDesign) explainMechanism(a *drFound) text {
	var parts []text
	for _, o := range d.s.MechRuns {
		st := a.mech[mechKey(o)]
		if len(st) < 2 {
			continue
		}
		parts = append(parts, drText.mechRun.f(mechKey(o), 100*float64(st[0].Median), ciPct(st[1]), ciPct(st[len(st)-1]), len(st)-1))
	}
	if len(parts) == 0 {
		return text{}
	}
	return drText.mechanism.f(listText(parts))
}

// ciPct writes a median fraction and its interval in percent.
func ciPct(s Stats) text {
	return plain(fmt.Sprintf("%.0f%% [%.0f%%, %.0f%%]", 100*float64(s.Median), 100*float64(s.Lo), 100*float64(s.Hi)))
}

// mechanismFigure draws the dead fraction step by step through the first
// epoch into dir.
func (d *drDesign) mechanismFigure(a *drFound, dir string, r *Result) error {
	var series []plots.Series
	for _, o := range d.s.MechRuns {
		sr := plots.Series{Name: mechKey(o)}
		for k, st := range a.mech[mechKey(o)] {
			sr.X, sr.Y = append(sr.X, float64(k)), append(sr.Y, float64(st.Median))
		}
		series = append(series, sr)
	}
	drawable := false
	for _, sr := range series {
		for _, y := range sr.Y {
			drawable = drawable || !math.IsNaN(y)
		}
	}
	if !drawable {
		return nil
	}
	file := "dead_first_epoch.png"
	if err := (plots.Chart{Title: "ReLU dead fraction through the first epoch (median over seeds)",
		XLabel: "update (0 = initialisation)", YLabel: "dead fraction", YFromZero: true,
		Series: series}).Write(filepath.Join(dir, file)); err != nil {
		return err
	}
	r.addFigure(file, drText.mechCaption)
	return nil
}
