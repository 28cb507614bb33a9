package engine

import (
	"strings"
	"testing"

	"github.com/nnlab/nnlab/train/experiments"
)

// TestExperimentPresets checks that every experiment links at least one
// lab preset and that every preset is an address the page takes: each key
// known, each value well formed, and the session it describes (and the
// compared one) builds.
func TestExperimentPresets(t *testing.T) {
	for _, e := range experiments.List() {
		presets := e.LabPresets()
		if len(presets) == 0 {
			t.Errorf("%s: no lab preset", e.Name)
		}
		for _, q := range presets {
			a, err := ParseAddress(q)
			if err != nil {
				t.Errorf("%s: %v", e.Name, err)
				continue
			}
			if _, err := New(a.Config); err != nil {
				t.Errorf("%s preset %s: %v", e.Name, q, err)
			}
			if a.Compare != "" {
				c, err := CompareConfig(a.Config, a.Compare)
				if err == nil {
					_, err = New(c)
				}
				if err != nil {
					t.Errorf("%s preset %s, the compared network: %v", e.Name, q, err)
				}
			}
			if !a.Play || a.Stop == 0 || strings.Contains(q, " ") {
				t.Errorf("%s preset %s: want play=1, a stop epoch and no spaces", e.Name, q)
			}
		}
	}
}
