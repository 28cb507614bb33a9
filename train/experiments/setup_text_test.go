package experiments

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// TestSetupStatesNoise checks that the reports state what a replication
// needs: no format verb left broken in any report, and every data set's
// noise level written out, 0 included, where a setup lists data sets.
func TestSetupStatesNoise(t *testing.T) {
	for _, name := range Names() {
		r, _ := runQuick(t, name)
		for _, l := range []Lang{English, Chinese} {
			if md := r.Markdown(l); strings.Contains(md, "%!") {
				t.Errorf("%s: a broken format verb in the report:\n%s", name, md)
			}
		}
	}
	for _, name := range []string{"linear-collapse", "bce-vs-ce"} {
		r, _ := runQuick(t, name)
		md := r.Markdown(English)
		var s struct {
			Datasets []dataSpec `json:"datasets"`
		}
		if err := json.Unmarshal(r.Settings, &s); err != nil {
			t.Fatal(err)
		}
		for _, d := range s.Datasets {
			if want := fmt.Sprintf("%s (noise %g)", d.Name, d.Noise); !strings.Contains(md, want) {
				t.Errorf("%s: the setup does not say %q", name, want)
			}
		}
	}
}
