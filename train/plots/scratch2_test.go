package plots

import (
	"testing"
)

func TestScratch2(t *testing.T) {
	for i, d := range goodDrawers(t) {
		_ = i
		if err := d.draw("/tmp/plots-out/g_" + sanitize(d.name) + ".png"); err != nil {
			t.Fatal(err)
		}
	}
}

func sanitize(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c == '/' || c == ' ' {
			b[i] = '_'
		}
	}
	return string(b)
}
