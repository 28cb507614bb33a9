package experiments

import (
	"strings"
	"testing"
)

// TestLabLinks checks that every experiment's report, in both languages,
// links each of its lab presets under LabAddress. (That each preset is an
// address the lab takes is checked beside the lab's address parser, in
// cmd/train/internal/lab/engine.)
func TestLabLinks(t *testing.T) {
	for _, e := range List() {
		if len(e.LabPresets()) == 0 {
			t.Errorf("%s: no lab preset", e.Name)
		}
		for _, l := range []Lang{English, Chinese} {
			text := labText(e.Name, l)
			for _, q := range e.LabPresets() {
				if !strings.Contains(text, "]("+LabAddress+"?"+q+")") {
					t.Errorf("%s (language %d): no link to %s", e.Name, l, q)
				}
			}
		}
	}
}
