package experiments

import (
	"fmt"
	"strconv"
)

// sdControls is what relu and its controls show at initialisation: by
// activation, width and depth (as strings), the median share of
// pre-activations z > 0 and of outputs exactly 0.
type sdControls struct {
	rate, zeros map[string]map[string]map[string]Stats
	// reluMin is relu's smallest median zero share, controlsMax the
	// controls' largest; own says the sparsity is relu's own by the rule.
	reluMin, controlsMax float64
	own                  bool
}

// aggregateControls summarises every activation's grid of cells.
func (d *sdDesign) aggregateControls(cells []sdCell) sdControls {
	s, ns, nd := d.s, len(d.seeds), len(d.s.Depths)
	c := sdControls{rate: map[string]map[string]map[string]Stats{}, zeros: map[string]map[string]map[string]Stats{}, reluMin: 1}
	for ai, act := range d.activations() {
		c.rate[act], c.zeros[act] = map[string]map[string]Stats{}, map[string]map[string]Stats{}
		for wi, w := range s.Widths {
			wk := strconv.Itoa(w)
			c.rate[act][wk], c.zeros[act][wk] = map[string]Stats{}, map[string]Stats{}
			for di, depth := range s.Depths {
				var rs, zs []float64
				for si := range ns {
					cell := cells[ai*d.gridCells()+(wi*nd+di)*ns+si]
					rs, zs = append(rs, float64(cell.Rate)), append(zs, float64(cell.Zeros))
				}
				dk := strconv.Itoa(depth)
				c.rate[act][wk][dk], c.zeros[act][wk][dk] = summarize(rs), summarize(zs)
				z := float64(c.zeros[act][wk][dk].Median)
				if ai == 0 {
					c.reluMin = min(c.reluMin, z)
				} else {
					c.controlsMax = max(c.controlsMax, z)
				}
			}
		}
	}
	c.own = c.reluMin >= s.ReLUOwn && c.controlsMax <= s.ControlsAtMost
	return c
}

// controlsText is the verdict's sentence on the controls.
func (d *sdDesign) controlsText(c sdControls) text {
	if c.own {
		return sdText.own.f(d.s.Controls, c.controlsMax, c.reluMin)
	}
	return sdText.notOwn.f(d.s.Controls, c.controlsMax, c.reluMin)
}

// controlTable lays out m[activation][width][depth] with a row per
// activation and width.
func (d *sdDesign) controlTable(key string, title text, m map[string]map[string]map[string]Stats) mdTable {
	s := d.s
	t := mdTable{key: key, title: title, header: append([]text(nil), sdText.controlHeader...)}
	for _, depth := range s.Depths {
		t.header = append(t.header, plain(strconv.Itoa(depth)))
	}
	for _, act := range d.activations() {
		for _, w := range s.Widths {
			row := []text{plain(act), plain(strconv.Itoa(w))}
			for _, depth := range s.Depths {
				row = append(row, statsCell(m[act][strconv.Itoa(w)][strconv.Itoa(depth)], 3))
			}
			t.rows = append(t.rows, row)
		}
	}
	return t
}

// layersTable shows relu's rate of single layers of the deepest network
// at every width, at the layer indices of the depths, beside the mean over
// layers: in narrow networks the last layers fall far below the mean.
func (d *sdDesign) layersTable(a *sdFound) mdTable {
	s := d.s
	deepest := s.Depths[len(s.Depths)-1]
	t := mdTable{key: "rate_per_layer_init", title: sdText.perLayerTitle.f(deepest), header: append([]text(nil), sdText.perLayerHeader...)}
	for _, l := range s.Depths {
		t.header = append(t.header, tf("layer %d", "第 %d 层", l))
	}
	t.header = append(t.header, sdText.meanHeader)
	for _, w := range s.Widths {
		wk := strconv.Itoa(w)
		row := []text{plain(wk)}
		for _, l := range s.Depths {
			row = append(row, statsCell(a.initLayers[wk][l-1], 3))
		}
		t.rows = append(t.rows, append(row, statsCell(a.rate[wk][strconv.Itoa(deepest)], 3)))
	}
	return t
}

// slopeCell writes a fitted slope and the depths its fit left out.
func slopeCell(b float64, left []int) text {
	switch {
	case len(left) == 0:
		return plain(fixed(b, 3))
	case b != b: // NaN: too few points
		return tf("undefined (zero median at depths %v)", "无定义（深度 %v 处中位数为零）", left)
	}
	return tf("%s (zero median at depths %v left out)", "%s（深度 %v 处中位数为零，未计入）", fixed(b, 3), left)
}

// slopeList lists the slopes by width for the verdict.
func slopeList(widths []int, m map[int]float64, left map[int][]int) text {
	var en, zh string
	for i, w := range widths {
		if i > 0 {
			en, zh = en+", ", zh+"、"
		}
		c := slopeCell(m[w], left[w])
		en += fmt.Sprintf("%s (w%d)", c.en, w)
		zh += fmt.Sprintf("%s（w%d）", c.zh, w)
	}
	return text{en, zh}
}
