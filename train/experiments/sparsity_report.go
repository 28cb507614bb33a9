package experiments

import (
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"strconv"

	"github.com/nnlab/nnlab/train/plots"
)

// sdFound is what the cells of sparsity-depth add up to.
type sdFound struct {
	// By width, then depth (as strings), at initialisation.
	rate, path, born map[string]map[string]Stats
	initLayers       map[string][]Stats // by width, at the deepest depth
	before, after    []Stats            // the trained network's rate per layer
	accs             []float64
	diverged         int
	// The fits of log2(median) against depth, by width.
	rateSlopes, pathSlopes map[int]float64
	// The depths each fit left out for a zero median, by width.
	rateLeft, pathLeft map[int][]int
	controls           sdControls
	maxRate, afterMean float64
	sparse, rateHalves bool
	pathHalving        []int // widths whose path fraction halves per layer
}

func (d *sdDesign) finish(raw []json.RawMessage, dir string) (*Result, error) {
	a, err := d.aggregate(raw)
	if err != nil {
		return nil, err
	}
	r := &Result{Tables: map[string]any{"rate": a.rate, "path_fraction": a.path, "born_dead": a.born,
		"rate_per_layer_init": a.initLayers,
		"trained": map[string]any{
			"rate_before": a.before, "rate_after": a.after,
			"test_accuracy": summarize(a.accs), "diverged": a.diverged,
		},
		"slopes": map[string]any{"rate_log2_per_layer": intKeyed(a.rateSlopes), "path_fraction_log2_per_layer": intKeyed(a.pathSlopes),
			"rate_depths_left_out": intKeyedDepths(a.rateLeft), "path_fraction_depths_left_out": intKeyedDepths(a.pathLeft)},
		"controls": map[string]any{"rate": a.controls.rate, "zero_share": a.controls.zeros,
			"relu_min_zero_share": Num(a.controls.reluMin), "controls_max_zero_share": Num(a.controls.controlsMax)},
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

func (d *sdDesign) aggregate(raw []json.RawMessage) (*sdFound, error) {
	cells, err := decodeCells[sdCell](raw)
	if err != nil {
		return nil, err
	}
	s := d.s
	ns, nd := len(d.seeds), len(s.Depths)
	a := &sdFound{rate: map[string]map[string]Stats{}, path: map[string]map[string]Stats{}, born: map[string]map[string]Stats{},
		initLayers: map[string][]Stats{}}
	deepest := s.Depths[nd-1]
	for wi, w := range s.Widths {
		wk := strconv.Itoa(w)
		a.rate[wk], a.path[wk], a.born[wk] = map[string]Stats{}, map[string]Stats{}, map[string]Stats{}
		for di, depth := range s.Depths {
			dk := strconv.Itoa(depth)
			var rs, ps, bs []float64
			var layers [][]float64
			for si := range ns {
				c := cells[(wi*nd+di)*ns+si]
				rs, ps, bs = append(rs, float64(c.Rate)), append(ps, float64(c.PathFraction)), append(bs, float64(c.BornDead))
				if depth == deepest {
					layers = append(layers, floats(c.PerLayer))
				}
			}
			a.rate[wk][dk], a.path[wk][dk], a.born[wk][dk] = summarize(rs), summarize(ps), summarize(bs)
			if depth == deepest {
				a.initLayers[wk] = perLayerStats(layers, deepest)
			}
		}
	}
	var before, after [][]float64
	for _, c := range cells[d.initCells():] {
		before = append(before, floats(c.PerLayerInit))
		if c.Diverged {
			a.diverged++
			continue
		}
		after = append(after, floats(c.PerLayer))
		a.accs = append(a.accs, float64(c.Accuracy))
	}
	a.before, a.after = perLayerStats(before, s.Trained.Depth), perLayerStats(after, s.Trained.Depth)
	a.controls = d.aggregateControls(cells)
	d.fitSlopes(a)
	return a, nil
}

// fitSlopes fits log2 of the median rate and path fraction against depth
// for every width, and checks them and the rates against the rule's
// bounds.
func (d *sdDesign) fitSlopes(a *sdFound) {
	s := d.s
	a.sparse, a.rateHalves = true, true
	a.rateSlopes, a.pathSlopes = map[int]float64{}, map[int]float64{}
	a.rateLeft, a.pathLeft = map[int][]int{}, map[int][]int{}
	inBand := func(b float64) bool { return b >= s.SlopeBand[0] && b <= s.SlopeBand[1] }
	for _, w := range s.Widths {
		wk := strconv.Itoa(w)
		var ry, py []float64
		for _, depth := range s.Depths {
			dk := strconv.Itoa(depth)
			m := float64(a.rate[wk][dk].Median)
			a.maxRate = math.Max(a.maxRate, m)
			if m > s.SparseAtMost {
				a.sparse = false
			}
			ry, py = append(ry, m), append(py, float64(a.path[wk][dk].Median))
		}
		var rl, pl []int
		a.rateSlopes[w], rl = log2Fit(d.depths(), ry)
		a.pathSlopes[w], pl = log2Fit(d.depths(), py)
		a.rateLeft[w], a.pathLeft[w] = d.depthsAt(rl), d.depthsAt(pl)
		// A width whose fit left out a zero median is not within the
		// band: the fall there is steeper than its fit says. The verdict
		// names the depths left out.
		if !inBand(a.rateSlopes[w]) || len(rl) > 0 {
			a.rateHalves = false
		}
		if inBand(a.pathSlopes[w]) && len(pl) == 0 {
			a.pathHalving = append(a.pathHalving, w)
		}
	}
	a.afterMean = meanOfMedians(a.after)
	if !(a.afterMean <= s.SparseAtMost) {
		a.sparse = false
	}
}

// depthsAt returns the depths at the given indices.
func (d *sdDesign) depthsAt(idx []int) []int {
	var out []int
	for _, i := range idx {
		out = append(out, d.s.Depths[i])
	}
	return out
}

// depths returns the depths as numbers, for fits and plots.
func (d *sdDesign) depths() []float64 {
	out := make([]float64, len(d.s.Depths))
	for i, v := range d.s.Depths {
		out[i] = float64(v)
	}
	return out
}

// verdict applies the rule: sparse and a halving of the rate per layer
// (yes), or one of the two (partly).
func (d *sdDesign) verdict(a *sdFound) Verdict {
	s, t := d.s, sdText
	sparseText := t.sparse.f(a.maxRate, a.afterMean)
	if !a.sparse {
		sparseText = t.notSparse.f(a.maxRate, a.afterMean)
	}
	wide := s.Widths[len(s.Widths)-1]
	rateText := t.notHalving.f(slopeList(s.Widths, a.rateSlopes, a.rateLeft), wide, slopeCell(a.rateSlopes[wide], a.rateLeft[wide]))
	if a.rateHalves {
		rateText = t.halving.f(slopeList(s.Widths, a.rateSlopes, a.rateLeft))
	}
	deepest := s.Depths[len(s.Depths)-1]
	pathText := t.pathsHalve.f(slopeList(s.Widths, a.pathSlopes, a.pathLeft), a.pathHalving, s.Widths[0], deepest,
		100*float64(a.born[strconv.Itoa(s.Widths[0])][strconv.Itoa(deepest)].Median))
	if len(a.pathHalving) == 0 {
		pathText = t.pathsDont.f(slopeList(s.Widths, a.pathSlopes, a.pathLeft))
	}
	holds := HoldsNo
	switch {
	case a.sparse && a.rateHalves:
		holds = HoldsYes
	case a.sparse != a.rateHalves:
		holds = HoldsPartly
	}
	rule := joinText(t.rule.f(s.SparseAtMost, 100*(1-s.SparseAtMost), s.SlopeBand[0], s.SlopeBand[1]),
		t.ruleControls.f(s.Controls, s.ReLUOwn, s.ControlsAtMost))
	return verdict(holds, joinText(sparseText, rateText, pathText, d.controlsText(a.controls)), rule)
}

// byWidthDepth lays out m[width][depth] as a table, with d decimals, or
// 3 significant digits if d < 0.
func (d *sdDesign) byWidthDepth(key string, title text, m map[string]map[string]Stats, decimals int) mdTable {
	s := d.s
	t := mdTable{key: key, title: title, header: append([]text(nil), sdText.gridHeader...)}
	for _, depth := range s.Depths {
		t.header = append(t.header, plain(strconv.Itoa(depth)))
	}
	for _, w := range s.Widths {
		row := []text{plain(strconv.Itoa(w))}
		for _, depth := range s.Depths {
			st := m[strconv.Itoa(w)][strconv.Itoa(depth)]
			if decimals < 0 {
				row = append(row, statsCellG(st))
			} else {
				row = append(row, statsCell(st, decimals))
			}
		}
		t.rows = append(t.rows, row)
	}
	return t
}

// report writes the setup, the tables and the notes.
func (d *sdDesign) report(a *sdFound) reportDoc {
	s, t := d.s, sdText
	td := s.Trained.Depth
	slopeTable := mdTable{key: "slopes", title: t.slopesTitle, header: t.slopesHeader}
	for _, w := range s.Widths {
		slopeTable.rows = append(slopeTable.rows, []text{plain(strconv.Itoa(w)), slopeCell(a.rateSlopes[w], a.rateLeft[w]), slopeCell(a.pathSlopes[w], a.pathLeft[w])})
	}
	layerTable := mdTable{key: "trained", title: t.layersTitle.f(td, s.Trained.Width, statsCell(summarize(a.accs), 3)), header: t.layersHeader}
	for l := range td {
		layerTable.rows = append(layerTable.rows, []text{plain(strconv.Itoa(l + 1)), statsCell(a.before[l], 3), statsCell(a.after[l], 3)})
	}
	return reportDoc{
		setup: []text{
			t.setupInit.f(s.Widths, s.Depths, s.Init, s.Networks, s.Samples),
			t.setupControls.f(s.Controls, s.ControlNetworks),
			t.setupTrained.f(td, s.Trained.Width, s.Trained.Dataset.Name, s.Trained.Dataset.N, s.Trained.Optimizer.LR, s.Trained.BatchSize, s.Trained.Epochs),
		},
		tables: []mdTable{
			d.byWidthDepth("rate", t.rateTitle, a.rate, 3),
			d.layersTable(a),
			d.byWidthDepth("path_fraction", t.pathTitle, a.path, -1),
			d.byWidthDepth("born_dead", t.bornTitle, a.born, 2),
			slopeTable,
			d.controlTable("controls", t.controlRateTitle, a.controls.rate),
			d.controlTable("zero_share", t.zerosTitle, a.controls.zeros),
			layerTable,
		},
		notes: []text{t.note.f(s.Depths[len(s.Depths)-1])},
	}
}

// figures draws the rate per layer and the path fraction against depth
// into dir.
func (d *sdDesign) figures(a *sdFound, dir string, r *Result) error {
	s, td := d.s, d.s.Trained.Depth
	var series []plots.Series
	for _, w := range s.Widths {
		series = append(series, layerSeries(fmt.Sprintf("init, width %d", w), a.initLayers[strconv.Itoa(w)]))
	}
	// The trained network before training is an initialised one, so its
	// line may lie under the init line of its width: dashed, it shows.
	before := layerSeries(fmt.Sprintf("trained %d×%d, before", td, s.Trained.Width), a.before)
	after := layerSeries(fmt.Sprintf("trained %d×%d, after", td, s.Trained.Width), a.after)
	before.Group, after.Group, before.Dashed = "trained", "trained", true
	series = append(series, before, after)
	if err := (plots.Chart{Title: "ReLU activation rate per layer (median over seeds)", XLabel: "hidden layer", YLabel: "activation rate",
		YFromZero: true, Series: series}).Write(filepath.Join(dir, "rate_per_layer.png")); err != nil {
		return err
	}
	r.addFigure("rate_per_layer.png", sdText.rateCaption.f(s.Depths[len(s.Depths)-1]))
	depths := d.depths()
	series = series[:0]
	for _, w := range s.Widths {
		var ys []float64
		for _, depth := range s.Depths {
			ys = append(ys, float64(a.path[strconv.Itoa(w)][strconv.Itoa(depth)].Median))
		}
		series = append(series, plots.Series{Name: fmt.Sprintf("width %d", w), X: depths, Y: ys})
	}
	var ref []float64
	for _, x := range depths {
		ref = append(ref, math.Exp2(-x))
	}
	series = append(series, plots.Series{Name: "2^-depth", X: depths, Y: ref})
	if err := plots.Lines(filepath.Join(dir, "path_fraction.png"), "Share of active input-to-output paths at initialisation",
		"hidden layers", "path fraction (log scale)", false, true, series); err != nil {
		return err
	}
	r.addFigure("path_fraction.png", sdText.pathCaption)
	return nil
}
