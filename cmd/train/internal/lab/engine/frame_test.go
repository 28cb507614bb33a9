package engine

import (
	"math"
	"slices"
	"testing"
)

// TestPictureReportIsPicture checks the page's fast picture against
// Picture, which draws each part on its own: the same heatmaps, dead units
// and weights, for classification with two and three classes, regression,
// dropout, and a network diverged to dead relu units; and that a second
// report reuses its buffer rather than drawing into a new one.
func TestPictureReportIsPicture(t *testing.T) {
	for name, edit := range map[string]func(*Config){
		"default":    func(*Config) {},
		"dead relu":  func(c *Config) { c.Act, c.Hidden, c.LR = "relu", []int{8, 8}, 3 },
		"three":      func(c *Config) { c.Data, c.Hidden = "blobs", []int{5} },
		"regression": func(c *Config) { c.Task, c.Data, c.Hidden = TaskRegression, "reg-plane", []int{3, 3} },
		"dropout":    func(c *Config) { c.Dropout, c.Features = 0.3, "x1,x2,x1*x2,sin(x1)" },
		"linear":     func(c *Config) { c.Hidden = nil },
	} {
		t.Run(name, func(t *testing.T) {
			s := mustSession(t, edit)
			s.Step(3) // may diverge; the picture is drawn either way
			const grid, unitGrid, ext = 9, 4, 1.3
			r := s.PictureReport(grid, unitGrid, ext)
			big, small := s.Picture(grid, ext), s.Picture(unitGrid, ext)
			want := slices.Clone(big.Output)
			for _, l := range small.Units {
				for _, u := range l {
					want = append(want, u...)
				}
			}
			if len(r.Values) != len(want) {
				t.Fatalf("%d values, want %d", len(r.Values), len(want))
			}
			for i, v := range want {
				if r.Values[i] != v && !(math.IsNaN(v) && math.IsNaN(r.Values[i])) {
					t.Fatalf("value %d: %v, Picture draws %v", i, r.Values[i], v)
				}
			}
			if !slices.EqualFunc(r.Dead, big.Dead, slices.Equal) {
				t.Errorf("dead units %v, Picture finds %v", r.Dead, big.Dead)
			}
			if len(r.Weights) != len(big.Weights) || r.Grid != grid || r.UnitGrid != unitGrid {
				t.Errorf("weights of %d layers (want %d), grids %d, %d", len(r.Weights), len(big.Weights), r.Grid, r.UnitGrid)
			}
			again := s.PictureReport(grid, unitGrid, ext)
			if &again.Values[0] != &r.Values[0] {
				t.Error("the second report drew into a new buffer")
			}
		})
	}
}
